using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>Levels 3–5: scans in CI happen before anything reaches the cluster.</summary>
public sealed class ShiftLeftSecurityEvidence : EvidenceRule
{
    public override string Practice => "Shift Left Security";
    public override IReadOnlyList<ApiKind> Reads => [];
    public override string Brings => "pmctl app new (golden-path CI workflow with image, manifest and secret scans)";
    public override bool ByNature => true;

    public override Finding Evaluate(ClusterView cluster) =>
        Finding.NotCheckable("image, manifest and secret scans run in CI pipelines, outside the cluster");
}
