using System.Collections.Immutable;

namespace PlatformMaturity.Config;

/// <summary>
/// A change that can break running workloads, which an upgrade lands in two phases: first non-blocking
/// (its id in <c>platform:staged</c>: warn/audit), then enforcing after <c>pmctl upgrade --promote</c>.
/// </summary>
/// <param name="Id">Its id in platform:staged.</param>
/// <param name="Practice">The practice that enforces it.</param>
/// <param name="Staged">What the first, non-blocking phase does.</param>
/// <param name="Enforced">What the enforcing phase does.</param>
/// <param name="Rollback">How to undo the enforcing phase.</param>
public sealed record Enforcement(string Id, string Practice, string Staged, string Enforced, string Rollback);

/// <summary>The enforcements practices stage.</summary>
public static class Enforcements
{
    public const string PodSecurityRestricted = "pod-security-restricted";
    public const string NetworkDefaultDeny = "network-default-deny";
    public const string PlatformNetworkDefaultDeny = "platform-network-default-deny";

    public static readonly ImmutableArray<Enforcement> All =
    [
        new(PodSecurityRestricted, "Restricted Container Runtime",
            Staged: "tenant namespaces warn about and audit pods that break the restricted Pod Security Standard; nothing is refused",
            Enforced: "tenant namespaces enforce the restricted Pod Security Standard: non-compliant pods are refused",
            Rollback: $"add {PodSecurityRestricted} back to platform:staged and run pulumi up (warn/audit only again)"),
        new(NetworkDefaultDeny, "Basic Traffic Filtering",
            Staged: "the allow policies (same namespace, ingress, DNS) are applied; the default-deny policy is not yet",
            Enforced: "each tenant namespace denies all ingress except what the allow policies permit",
            Rollback: $"add {NetworkDefaultDeny} back to platform:staged and run pulumi up (the default-deny policies are removed)"),
        new(PlatformNetworkDefaultDeny, "Basic Traffic Filtering",
            Staged: "platform namespaces get their allow policies (same namespace, Prometheus scrapes, webhook ports, each component's documented clients) beside an allow-all policy, so nothing is dropped yet (NetworkPolicies cannot warn, and an allow policy alone already isolates the pods it selects)",
            Enforced: "each platform namespace (monitoring, loki, tempo, alloy, ...) denies all ingress except its documented clients: tenants reach only the OTLP collector and admission webhook ports",
            Rollback: $"add {PlatformNetworkDefaultDeny} back to platform:staged and run pulumi up (the default-deny policies give way to allow-all ones again)"),
    ];

    public static Enforcement? Find(string id) => All.FirstOrDefault(e => e.Id == id);

    /// <summary>The enforcements of the practices in <paramref name="after"/> that are not in <paramref name="before"/>.</summary>
    public static IEnumerable<Enforcement> IntroducedBetween(IReadOnlySet<string> before, IReadOnlySet<string> after) =>
        All.Where(e => after.Contains(e.Practice) && !before.Contains(e.Practice));
}
