namespace PlatformMaturity.Config;

/// <summary>
/// Which namespaces belong to a tenant once teams create their own (Kubernetes Landing Zone, Level 5): the namespace
/// named after it, which pmctl creates, and every namespace named &lt;tenant&gt;-&lt;anything&gt;, the only names Capsule
/// lets the tenant's owners create (forceTenantPrefix). One contract: Capsule's configuration produces it; the
/// per-tenant objects that must name namespaces rather than select them by label consume it (Argo CD AppProject
/// destinations, Velero schedules, the tenant's prom-label-proxy). It is sound only while no tenant's prefix is the start
/// of another tenant's name or of a platform namespace: the config parser refuses those (<see cref="PrefixClaim"/>).
/// </summary>
public static class TenantNamespaces
{
    /// <summary>What separates the tenant from the rest of a namespace it creates (Capsule joins them with '-').</summary>
    public const char Separator = '-';

    /// <summary>The prefix every namespace the tenant creates starts with.</summary>
    public static string Prefix(string tenant) => tenant + Separator;

    /// <summary>Whether <paramref name="ns"/> is one of the tenant's namespaces under this contract.</summary>
    public static bool Owns(string tenant, string ns) =>
        ns == tenant || (ns.Length > tenant.Length + 1 && ns.StartsWith(Prefix(tenant), StringComparison.Ordinal));

    /// <summary>
    /// The shell-style glob of the namespaces the tenant creates (Argo CD's AppProject destinations and Velero 1.18's
    /// includedNamespaces match it with gobwas/glob, where '*' is any run of characters). List it beside the tenant's own
    /// name: the glob does not match the name itself.
    /// </summary>
    public static string Glob(string tenant) => Prefix(tenant) + "*";

    /// <summary>
    /// The tenant's own namespace and the ones it creates as one regular expression, for PromQL (fully anchored by
    /// Prometheus) and prom-label-proxy's --regex-match. A tenant name is a DNS-1123 label, so it holds no regex
    /// metacharacter to escape.
    /// </summary>
    public static string Regex(string tenant) => $"{tenant}|{Prefix(tenant)}.+";

    /// <summary>
    /// One regular expression over namespaces whose first group is the tenant a namespace belongs to (its own or one it
    /// created), for relabelling that turns a namespace into its tenant (Prometheus-style, fully anchored). Only one
    /// alternative can match a namespace while no tenant's prefix begins another tenant's name.
    /// </summary>
    public static string TenantOfNamespaceRegex(IEnumerable<string> tenants) =>
        $"({string.Join('|', tenants)})(?:{Separator}.+)?";

    /// <summary>
    /// Null when <paramref name="tenant"/>'s prefix claims none of <paramref name="namespaces"/>; else the first one it
    /// would hand the tenant (e.g. team claims team-a, so team's glob would give it team-a's namespaces).
    /// </summary>
    public static string? PrefixClaim(string tenant, IEnumerable<string> namespaces) =>
        namespaces.Where(ns => ns != tenant && ns.StartsWith(Prefix(tenant), StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault();
}
