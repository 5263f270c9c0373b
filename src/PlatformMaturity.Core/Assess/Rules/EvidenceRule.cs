using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules;

/// <summary>The verdict on one practice.</summary>
public enum Verdict
{
    Met,
    Partial,
    Missing,

    /// <summary>Part of the evidence could not be seen (forbidden, not in the snapshot): never guessed absent.</summary>
    Unknown,

    /// <summary>The practice lives outside the cluster (CI, cloud settings, Git): no object shows it either way.</summary>
    NotCheckable,
}

/// <summary>What a rule found: the verdict, why, and the objects that show it.</summary>
public sealed record Finding(Verdict Verdict, string Why, IReadOnlyList<string> Evidence)
{
    public static Finding Met(string why, params IEnumerable<string> evidence) => new(Verdict.Met, why, [.. evidence]);

    public static Finding Partial(string why, params IEnumerable<string> evidence) => new(Verdict.Partial, why, [.. evidence]);

    public static Finding Missing(string why) => new(Verdict.Missing, why, []);

    public static Finding NotCheckable(string why, params IEnumerable<string> evidence) => new(Verdict.NotCheckable, why, [.. evidence]);

    /// <summary>Met when every part is there, missing when none is, partial otherwise.</summary>
    public static Finding OfParts(IReadOnlyList<(string Part, Sighting? Found)> parts)
    {
        var found = parts.Where(p => p.Found is not null).ToList();
        var evidence = found.SelectMany(p => p.Found!.Evidence).ToList();
        var missing = parts.Where(p => p.Found is null).Select(p => p.Part).ToList();
        return missing.Count == 0 ? Met(string.Join("; ", found.Select(p => $"{p.Part}: {p.Found!.Component}")), evidence)
            : found.Count == 0 ? Missing($"no {string.Join(", no ", missing)} found")
            : Partial($"{string.Join("; ", found.Select(p => $"{p.Part}: {p.Found!.Component}"))}; but no {string.Join(", no ", missing)}", evidence);
    }
}

/// <summary>
/// The cluster evidence of one practice: one small subclass per practice under Rules/&lt;Category&gt;/, found by
/// reflection. A rule reads only the kinds it declares; when one of them could not be seen and the rule did not
/// find the practice met, the verdict becomes unknown (the assessor does that, not the rule).
/// </summary>
public abstract class EvidenceRule
{
    /// <summary>The practice's exact name in the model.</summary>
    public abstract string Practice { get; }

    /// <summary>The kinds the rule reads.</summary>
    public abstract IReadOnlyList<ApiKind> Reads { get; }

    /// <summary>What pmctl sets up to bring the practice: the stack key, command or promotion (shown in the gap).</summary>
    public abstract string Brings { get; }

    /// <summary>
    /// True for a practice Kubernetes (or its absence) provides by itself or that no object can show: its verdict
    /// does not depend on objects a platform adds, so taking objects away cannot change it.
    /// </summary>
    public virtual bool ByNature => false;

    public abstract Finding Evaluate(ClusterView cluster);

    /// <summary>Helper for rules that read tenant namespaces.</summary>
    protected static IReadOnlyList<ApiKind> WithTenants(params ApiKind[] kinds) => [.. ClusterView.TenantKinds.Concat(kinds).Distinct()];

    protected static IReadOnlyList<ApiKind> WithComponents(params ApiKind[] kinds) => [.. ClusterView.ComponentKinds.Concat(kinds).Distinct()];

    /// <summary>The verdict for a per-tenant check: met in all, partial in some, missing in none (or no tenants).</summary>
    protected static Finding PerTenant(ClusterView cluster, string what, Func<string, IReadOnlyList<string>> evidenceIn)
    {
        var tenants = cluster.TenantNamespaces;
        if (tenants.Count == 0)
            return Finding.Missing("no tenant namespaces found (namespaces outside the system and platform ones with a team RoleBinding, quota, limits or workloads)");
        var evidence = tenants.ToDictionary(t => t, evidenceIn);
        var have = evidence.Where(e => e.Value.Count > 0).Select(e => e.Key).ToList();
        var all = evidence.Values.SelectMany(e => e).ToList();
        var why = ClusterView.Share(have, tenants, what);
        return have.Count == tenants.Count ? Finding.Met(why, all) : have.Count == 0 ? Finding.Missing(why) : Finding.Partial(why, all);
    }
}
