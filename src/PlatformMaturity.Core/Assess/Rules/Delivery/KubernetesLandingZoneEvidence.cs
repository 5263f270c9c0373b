using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>Level 5: self-service tenancy (Capsule tenants with owners and a namespace quota).</summary>
public sealed class KubernetesLandingZoneEvidence : EvidenceRule
{
    public override string Practice => "Kubernetes Landing Zone";
    public override IReadOnlyList<ApiKind> Reads => WithComponents(Kinds.CapsuleTenant);
    public override string Brings => "Capsule tenants with owners, namespace quota and the namespace baseline (platform:tenants)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var capsule = cluster.Find(Components.Capsule);
        var tenants = cluster.Of(Kinds.CapsuleTenant).ToList();
        // A tenant nobody owns, or without a namespace quota, is not self-service a team can use safely.
        var usable = tenants.Where(t => t.Items("spec", "owners").Any() && t.At("spec", "namespaceOptions", "quota") is not null)
            .Select(t => $"Tenant {t.Name}").ToList();
        if (capsule is null && tenants.Count == 0)
            return Finding.Missing("no Capsule found");
        var evidence = usable.Concat(capsule?.Evidence ?? []);
        return usable.Count > 0
            ? Finding.Met($"self-service tenancy: {usable.Count} Capsule tenant{(usable.Count == 1 ? "" : "s")} with owners and a namespace quota", evidence)
            : Finding.Partial(tenants.Count == 0 ? "Capsule runs but no tenant is defined" : "Capsule tenants lack owners or a namespace quota", evidence.Concat(tenants.Select(t => $"Tenant {t.Name}")));
    }
}
