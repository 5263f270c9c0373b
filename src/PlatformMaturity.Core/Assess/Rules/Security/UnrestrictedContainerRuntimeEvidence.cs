using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>Levels 1–2: Kubernetes runs pods without admission restrictions unless something adds them.</summary>
public sealed class UnrestrictedContainerRuntimeEvidence : EvidenceRule
{
    public override string Practice => "Unrestricted Container Runtime";
    public override IReadOnlyList<ApiKind> Reads => [];
    public override string Brings => "nothing to set up (by design)";
    public override bool ByNature => true;

    public override Finding Evaluate(ClusterView cluster) =>
        Finding.Met("pods run without admission restrictions unless a policy adds them; Restricted Container Runtime supersedes this at Level 3");
}
