using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>Level 5: a developer portal (Backstage) in the cluster.</summary>
public sealed class InternalDeveloperPlatformEvidence : EvidenceRule
{
    public override string Practice => "Internal Developer Platform";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "Backstage with a software template per golden path";

    public override Finding Evaluate(ClusterView cluster) =>
        cluster.Find(Components.Backstage) is { } found ? Finding.Met("developer portal: Backstage", found.Evidence) : Finding.Missing("no Backstage found");
}
