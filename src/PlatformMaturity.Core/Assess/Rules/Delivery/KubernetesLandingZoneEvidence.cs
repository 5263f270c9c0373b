using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>Level 5: self-service tenancy (Capsule tenants).</summary>
public sealed class KubernetesLandingZoneEvidence : EvidenceRule
{
    public override string Practice => "Kubernetes Landing Zone";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "Capsule tenants (pmctl tenant add)";

    public override Finding Evaluate(ClusterView cluster) =>
        cluster.Find(Components.Capsule) is { } found ? Finding.Met("self-service tenancy: Capsule", found.Evidence) : Finding.Missing("no Capsule found");
}
