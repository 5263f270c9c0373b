using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>
/// Levels 4–5: admission policies that refuse what breaks the platform's workload rules — required labels, resource
/// requests and limits, no :latest images, probes — each area by a ValidatingAdmissionPolicy bound with Deny or a
/// Kyverno ClusterPolicy in Enforce. One denying policy on another subject (allowed registries alone) is not the
/// practice; areas covered only by Warn/Audit bindings or Audit policies are its staged, partial form.
/// </summary>
public sealed class CompliancePoliciesEnforcementEvidence : EvidenceRule
{
    /// <summary>Each area and text its policies' rules carry (CEL field paths, Kyverno patterns), matched case-sensitively.</summary>
    private static readonly (string Area, string[] Needles)[] Areas =
    [
        ("required labels", ["metadata.labels", "\"labels\""]),
        ("resource requests and limits", ["limits"]),
        ("no :latest images", [":latest"]),
        ("probes", ["readinessProbe", "livenessProbe"]),
    ];

    public override string Practice => "Compliance Policies Enforcement";
    public override IReadOnlyList<ApiKind> Reads => [Kinds.ValidatingAdmissionPolicy, Kinds.ValidatingAdmissionPolicyBinding, Kinds.KyvernoClusterPolicy];
    public override string Brings => "ValidatingAdmissionPolicies for labels, limits, registries and probes (staged Warn/Audit, Deny after pmctl upgrade --promote)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var policies = Policies(cluster);
        var denied = new List<string>();
        var staged = new List<string>();
        var evidence = new List<string>();
        foreach (var (area, needles) in Areas)
        {
            var covering = policies.Where(p => needles.Any(n => p.Text.Contains(n, StringComparison.Ordinal))).ToList();
            var denying = covering.Where(p => p.Denies).ToList();
            if (denying.Count > 0)
                denied.Add(area);
            else if (covering.Count > 0)
                staged.Add(area);
            evidence.AddRange((denying.Count > 0 ? denying : covering).Select(p => p.Evidence));
        }
        evidence = [.. evidence.Distinct(StringComparer.Ordinal)];
        var missing = Areas.Select(a => a.Area).Except(denied).Except(staged).ToList();
        if (missing.Count == 0 && staged.Count == 0)
            return Finding.Met($"admission policies deny what breaks them: {string.Join(", ", denied)}", evidence);
        if (denied.Count == 0 && staged.Count == 0)
            return Finding.Missing($"no admission policy (ValidatingAdmissionPolicy with a binding, Kyverno ClusterPolicy) checks {string.Join(", ", missing)}");
        var parts = new List<string>();
        if (denied.Count > 0)
            parts.Add($"denied: {string.Join(", ", denied)}");
        if (staged.Count > 0)
            parts.Add($"only warned/audited (staged; enforce with pmctl upgrade --promote): {string.Join(", ", staged)}");
        if (missing.Count > 0)
            parts.Add($"unchecked: {string.Join(", ", missing)}");
        return Finding.Partial(string.Join("; ", parts), evidence);
    }

    private sealed record Policy(string Text, bool Denies, string Evidence);

    /// <summary>Bound ValidatingAdmissionPolicies (denying when a binding denies) and Kyverno ClusterPolicies.</summary>
    private static List<Policy> Policies(ClusterView cluster)
    {
        var bindings = cluster.Of(Kinds.ValidatingAdmissionPolicyBinding)
            .Select(b => (Policy: b.Text("spec", "policyName"), Deny: b.Items("spec", "validationActions").Any(a => a.GetString() == "Deny"), b.Name))
            .Where(b => b.Policy is not null)
            .ToList();
        var result = new List<Policy>();
        foreach (var policy in cluster.Of(Kinds.ValidatingAdmissionPolicy))
        {
            var bound = bindings.Where(b => b.Policy == policy.Name).ToList();
            if (bound.Count == 0)
                continue;
            var denies = bound.Any(b => b.Deny);
            result.Add(new Policy(policy.At("spec")?.GetRawText() ?? "", denies,
                $"ValidatingAdmissionPolicy {policy.Name} (binding {string.Join(", ", bound.Select(b => b.Name))}: {(denies ? "Deny" : "warn/audit")})"));
        }
        foreach (var policy in cluster.Of(Kinds.KyvernoClusterPolicy))
        {
            var enforce = string.Equals(policy.Text("spec", "validationFailureAction"), "Enforce", StringComparison.OrdinalIgnoreCase);
            result.Add(new Policy(policy.At("spec")?.GetRawText() ?? "", enforce, $"Kyverno ClusterPolicy {policy.Name} ({(enforce ? "Enforce" : "audit")})"));
        }
        return result;
    }
}
