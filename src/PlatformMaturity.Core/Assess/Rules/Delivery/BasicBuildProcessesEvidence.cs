using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>
/// Levels 1–2: images come from a registry. A cluster advertises a local registry (KEP-1755's local-registry-hosting
/// ConfigMap); otherwise where images are built is outside the cluster.
/// </summary>
public sealed class BasicBuildProcessesEvidence : EvidenceRule
{
    /// <summary>KEP-1755: kind, minikube and others advertise their local registry here.</summary>
    public const string LocalRegistryHosting = "local-registry-hosting";

    public override string Practice => "Basic Build Processes";
    public override IReadOnlyList<ApiKind> Reads => [Kinds.ConfigMap];
    public override string Brings => "platform:registry (azure: a registry with AcrPull for the cluster)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var hosting = cluster.InNamespace(Kinds.ConfigMap, "kube-public").Where(c => c.Name == LocalRegistryHosting).Select(c => $"ConfigMap {c.Id}").ToList();
        return hosting.Count > 0
            ? Finding.Met("the cluster advertises its registry (KEP-1755 local-registry-hosting)", hosting)
            : Finding.NotCheckable("where images are built and pushed is outside the cluster; no registry is advertised in kube-public");
    }
}
