using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>Levels 3–5: golden paths are templates in Git or a developer portal; a portal in the cluster shows them.</summary>
public sealed class GoldenPathsEvidence : EvidenceRule
{
    public override string Practice => "Golden Paths";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "templates/ and pmctl app new";
    public override bool ByNature => true;

    public override Finding Evaluate(ClusterView cluster) =>
        cluster.Find(Components.Backstage) is { } portal
            ? Finding.Met("a developer portal serves software templates", portal.Evidence)
            : Finding.NotCheckable("golden-path templates live in Git or a developer portal, not in the cluster");
}
