using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Efficiency;

/// <summary>Level 5: nodes provisioned to fit pending pods (Karpenter, AKS node auto-provisioning).</summary>
public sealed class JustInTimeCapacityEvidence : EvidenceRule
{
    public override string Practice => "Just-in-time Capacity";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "azure: node auto-provisioning; existing: Karpenter";

    public override Finding Evaluate(ClusterView cluster) =>
        cluster.Find(Components.Karpenter) is { } found
            ? Finding.Met("nodes are provisioned just in time", found.Evidence)
            : Finding.Missing("no Karpenter or node auto-provisioning found");
}
