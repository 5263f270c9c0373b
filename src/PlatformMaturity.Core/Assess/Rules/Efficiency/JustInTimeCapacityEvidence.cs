using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Efficiency;

/// <summary>
/// Level 5: capacity that exists while work asks for it. Karpenter (or AKS node auto-provisioning) provisions nodes for
/// pending pods. The platform's own form (Practices/Efficiency/JustInTimeCapacity) is a GPU pool the cluster autoscaler
/// starts from zero — invisible in the cluster while idle (no node) — with the GPU operator serving the GPUs and Kueue
/// holding jobs until their queue has capacity: both must show.
/// </summary>
public sealed class JustInTimeCapacityEvidence : EvidenceRule
{
    public override string Practice => "Just-in-time Capacity";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "azure: a GPU node pool from zero (platform:gpuNodeVmSize), the NVIDIA GPU operator and Kueue queues per tenant; existing: the GPU operator and Kueue";

    public override Finding Evaluate(ClusterView cluster) =>
        cluster.Find(Components.Karpenter) is { } found
            ? Finding.Met("nodes are provisioned just in time", found.Evidence)
            : Finding.OfParts([("GPU devices", cluster.Find(Components.GpuDevices)), ("job queueing", cluster.Find(Components.Kueue))]);
}
