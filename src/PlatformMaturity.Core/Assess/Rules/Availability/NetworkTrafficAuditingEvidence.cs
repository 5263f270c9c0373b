using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Practices.Security;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>
/// Level 5: flows are recorded. AKS Advanced Container Networking Services shows its ContainerNetworkLog CRD, and
/// stores flows only for what ContainerNetworkLog objects select; a cluster running Cilium with Hubble (or Retina)
/// records them on its own. Without Cilium there is no flow source to look for, so the practice is not checkable.
/// </summary>
public sealed class NetworkTrafficAuditingEvidence : EvidenceRule
{
    public override string Practice => NetworkTrafficAuditing.PracticeName;
    public override IReadOnlyList<ApiKind> Reads => WithComponents(Kinds.ContainerNetworkLog);
    public override string Brings => $"azure: Advanced Container Networking flow logs with {NetworkTrafficAuditing.Kind} objects selecting what is stored; existing: Hubble where Cilium runs";

    public override Finding Evaluate(ClusterView cluster)
    {
        var selections = cluster.Of(Kinds.ContainerNetworkLog).Select(l => $"{NetworkTrafficAuditing.Kind} {l.Id}").ToList();
        var hubble = cluster.Find(Components.Hubble);
        if (selections.Count > 0)
            return Finding.Met("flows are stored for what the ContainerNetworkLog objects select", [.. selections, .. hubble?.Evidence ?? []]);
        if (cluster.Definitions.Contains(NetworkTrafficAuditing.Definition))
            return Finding.Partial($"ACNS observability is on but no {NetworkTrafficAuditing.Kind} selects flows, so none is stored", [$"CRD {NetworkTrafficAuditing.Definition}"]);
        if (hubble is not null)
            return Finding.Met("network flows are recorded", hubble.Evidence);
        return cluster.Find(Components.Cilium) is { } cilium
            ? Finding.Missing($"Cilium runs ({cilium}) but neither Hubble nor ACNS flow logs record its flows")
            : Finding.NotCheckable("no Cilium in the cluster: flow logs need its Hubble (or AKS Advanced Container Networking), so there is nothing to record them with");
    }
}
