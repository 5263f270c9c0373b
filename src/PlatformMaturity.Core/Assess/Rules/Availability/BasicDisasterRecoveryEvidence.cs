using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Levels 3–5: every tenant namespace is in a scheduled backup (Velero Schedules).</summary>
public sealed class BasicDisasterRecoveryEvidence : EvidenceRule
{
    public override string Practice => "Basic Disaster Recovery";
    public override IReadOnlyList<ApiKind> Reads => WithTenants(Kinds.VeleroSchedule);
    public override string Brings => "Velero with a daily Schedule per tenant (platform:backup)";

    public override Finding Evaluate(ClusterView cluster) =>
        PerTenant(cluster, "a Velero Schedule", t => [.. Covering(cluster, t)]);

    internal static IEnumerable<string> Covering(ClusterView cluster, string ns) =>
        cluster.Of(Kinds.VeleroSchedule)
            .Where(s => !s.Items("spec", "template", "includedNamespaces").Any() || s.Items("spec", "template", "includedNamespaces").Any(n => n.GetString() is { } p && GlobMatches(p, ns)))
            .Where(s => !s.Items("spec", "template", "excludedNamespaces").Any(n => n.GetString() is { } p && GlobMatches(p, ns)))
            .Select(s => $"Schedule {s.Id} ({s.Text("spec", "schedule")})");

    /// <summary>
    /// Whether a namespace filter of a Velero backup names <paramref name="ns"/>: '*' alone is every namespace, and from
    /// Velero 1.18 '*', '?' and '[...]' are glob patterns (pkg/util/wildcard, v1.18.0), as the Level 5 schedules use for
    /// the namespaces teams create (&lt;tenant&gt;-*).
    /// </summary>
    internal static bool GlobMatches(string pattern, string ns)
    {
        if (pattern == "*" || pattern == ns)
            return true;
        if (pattern.IndexOfAny(['*', '?', '[']) < 0)
            return false;
        var regex = new System.Text.StringBuilder("^");
        foreach (var c in pattern)
            regex.Append(c switch { '*' => ".*", '?' => ".", '[' => "[", ']' => "]", _ => System.Text.RegularExpressions.Regex.Escape(c.ToString()) });
        try
        {
            // Non-backtracking: a snapshot's pattern is untrusted input, and this engine runs in linear time.
            return System.Text.RegularExpressions.Regex.IsMatch(ns, regex.Append('$').ToString(),
                System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.NonBacktracking);
        }
        catch (ArgumentException)
        {
            return false; // an unbalanced bracket: Velero refuses the pattern, so it covers nothing
        }
    }
}
