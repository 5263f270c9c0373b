using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>
/// Levels 4–5: tenant namespaces deny egress by default too. Egress allow policies beside an allow-all egress policy
/// (NetworkPolicies cannot warn, so that is how the deny is staged) are the partial form.
/// </summary>
public sealed class AdvancedTrafficFilteringEvidence : EvidenceRule
{
    public override string Practice => "Advanced Traffic Filtering";
    public override IReadOnlyList<ApiKind> Reads => WithTenants(Kinds.NetworkPolicy);
    public override string Brings => "per-tenant default-deny egress with allow-lists from config (staged beside an allow-all egress policy, default-deny after pmctl upgrade --promote)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var finding = PerTenant(cluster, "a default-deny egress NetworkPolicy", t => [.. BasicTrafficFilteringEvidence.DefaultDeny(cluster, t, "Egress")]);
        if (finding.Verdict != Verdict.Missing)
            return finding;
        var staged = cluster.TenantNamespaces
            .Select(t => (Tenant: t, Policies: cluster.InNamespace(Kinds.NetworkPolicy, t).Where(p => p.Items("spec", "policyTypes").Any(x => x.GetString() == "Egress")).ToList()))
            .Where(t => t.Policies.Count > 0)
            .ToList();
        return staged.Count == 0 ? finding
            : Finding.Partial($"egress is allow-listed but not denied by default in {staged.Count} of {cluster.TenantNamespaces.Count} tenant namespaces (staged beside an allow-all egress policy; enforce with pmctl upgrade --promote)",
                staged.SelectMany(t => t.Policies.Select(p => $"NetworkPolicy {p.Id}")));
    }
}
