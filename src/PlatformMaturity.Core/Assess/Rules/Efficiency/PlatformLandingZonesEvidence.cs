using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Efficiency;

/// <summary>Levels 4–5: networks, subscriptions and resource groups are cloud resources outside the cluster.</summary>
public sealed class PlatformLandingZonesEvidence : EvidenceRule
{
    public override string Practice => "Platform Landing Zones";
    public override IReadOnlyList<ApiKind> Reads => [];
    public override string Brings => "azure: hub-and-spoke networks and resource groups";
    public override bool ByNature => true;

    public override Finding Evaluate(ClusterView cluster) =>
        Finding.NotCheckable("landing zones (hub-and-spoke networks, resource groups, policy assignments) are cloud resources, not cluster objects");
}
