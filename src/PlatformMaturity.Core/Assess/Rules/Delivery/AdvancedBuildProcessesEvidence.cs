using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>Levels 3–5: CI builds (cache, SBOM, OIDC push) run outside the cluster.</summary>
public sealed class AdvancedBuildProcessesEvidence : EvidenceRule
{
    public override string Practice => "Advanced Build Processes";
    public override IReadOnlyList<ApiKind> Reads => [];
    public override string Brings => "pmctl app new (CI workflow templates)";
    public override bool ByNature => true;

    public override Finding Evaluate(ClusterView cluster) => Finding.NotCheckable("image builds run in CI, outside the cluster");
}
