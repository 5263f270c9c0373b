using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Levels 3–5: node repair and image upgrades are provider settings; Karpenter shows in the cluster.</summary>
public sealed class AutomatedNodeProvisioningEvidence : EvidenceRule
{
    public override string Practice => "Automated Node Provisioning";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "azure: node image upgrades, auto-repair, autoscaled pools";
    public override bool ByNature => true;

    public override Finding Evaluate(ClusterView cluster) =>
        cluster.Find(Components.Karpenter) is { } found
            ? Finding.Met("nodes are provisioned and replaced automatically", found.Evidence)
            : Finding.NotCheckable("auto-repair and node image upgrade channels are provider settings, not cluster objects");
}
