using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>Levels 4–5: tenant namespaces deny egress by default too.</summary>
public sealed class AdvancedTrafficFilteringEvidence : EvidenceRule
{
    public override string Practice => "Advanced Traffic Filtering";
    public override IReadOnlyList<ApiKind> Reads => WithTenants(Kinds.NetworkPolicy);
    public override string Brings => "per-tenant default-deny egress with allow-lists from config";

    public override Finding Evaluate(ClusterView cluster) =>
        PerTenant(cluster, "a default-deny egress NetworkPolicy", t => [.. BasicTrafficFilteringEvidence.DefaultDeny(cluster, t, "Egress")]);
}
