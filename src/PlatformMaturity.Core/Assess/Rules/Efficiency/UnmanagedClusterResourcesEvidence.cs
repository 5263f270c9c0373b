using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Efficiency;

/// <summary>Level 1: no quotas or limits, by design.</summary>
public sealed class UnmanagedClusterResourcesEvidence : EvidenceRule
{
    public override string Practice => "Unmanaged Cluster Resources";
    public override IReadOnlyList<ApiKind> Reads => [];
    public override string Brings => "nothing to set up (by design)";
    public override bool ByNature => true;

    public override Finding Evaluate(ClusterView cluster) => Finding.Met("resources are unmanaged unless quotas are added; Basic Resources Management supersedes this at Level 2");
}
