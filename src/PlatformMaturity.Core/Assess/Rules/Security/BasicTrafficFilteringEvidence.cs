using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>Levels 2–3: every tenant namespace denies ingress by default (a NetworkPolicy selecting all pods with no ingress rule).</summary>
public sealed class BasicTrafficFilteringEvidence : EvidenceRule
{
    public override string Practice => "Basic Traffic Filtering";
    public override IReadOnlyList<ApiKind> Reads => WithTenants(Kinds.NetworkPolicy);
    public override string Brings => "per-tenant default-deny NetworkPolicies (platform:tenants)";

    public override Finding Evaluate(ClusterView cluster) =>
        PerTenant(cluster, "a default-deny ingress NetworkPolicy", t => [.. DefaultDeny(cluster, t, "Ingress")]);

    /// <summary>NetworkPolicies of a namespace that select every pod and allow nothing in the given direction.</summary>
    internal static IEnumerable<string> DefaultDeny(ClusterView cluster, string ns, string direction) =>
        cluster.InNamespace(Kinds.NetworkPolicy, ns)
            .Where(p => SelectsAll(p.At("spec", "podSelector")))
            .Where(p => p.Items("spec", "policyTypes").Any(t => t.GetString() == direction) || (direction == "Ingress" && !p.Items("spec", "policyTypes").Any()))
            .Where(p => !p.Items("spec", direction.ToLowerInvariant()).Any())
            .Select(p => $"NetworkPolicy {p.Id}");

    /// <summary>An empty pod selector (no labels, no expressions) selects every pod of the namespace.</summary>
    private static bool SelectsAll(System.Text.Json.JsonElement? selector) =>
        selector is not { ValueKind: System.Text.Json.JsonValueKind.Object } s
        || s.EnumerateObject().All(p => p.Value.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Object => !p.Value.EnumerateObject().Any(),
            System.Text.Json.JsonValueKind.Array => p.Value.GetArrayLength() == 0,
            _ => p.Value.ValueKind == System.Text.Json.JsonValueKind.Null,
        });
}
