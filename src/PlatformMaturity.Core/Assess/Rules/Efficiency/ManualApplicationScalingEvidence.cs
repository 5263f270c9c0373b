using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Efficiency;

/// <summary>Levels 1–2: replicas and kubectl scale are built in.</summary>
public sealed class ManualApplicationScalingEvidence : EvidenceRule
{
    public override string Practice => "Manual Application Scaling";
    public override IReadOnlyList<ApiKind> Reads => [];
    public override string Brings => "nothing to set up (kubectl scale)";
    public override bool ByNature => true;

    public override Finding Evaluate(ClusterView cluster) => Finding.Met("replicas and kubectl scale are built into Kubernetes");
}
