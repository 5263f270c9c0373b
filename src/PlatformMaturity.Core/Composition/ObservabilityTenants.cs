using PlatformMaturity.Config;

namespace PlatformMaturity.Composition;

/// <summary>
/// The tenancy contract of the multi-tenant backends (Loki for logs, Tempo for traces): one definition that the
/// producers (Alloy, the OpenTelemetry collector) and the consumers (Grafana's data sources) share.
/// </summary>
public static class ObservabilityTenants
{
    /// <summary>The header Loki and Tempo read the tenant from: set by the collectors on push, by Grafana on queries.</summary>
    public const string Header = "X-Scope-OrgID";

    /// <summary>
    /// Tenant of everything that is not a tenant's (platform components, kube-system, unidentified senders). The
    /// underscore cannot appear in a namespace (DNS-1123) but can in a tenant ID, so no tenant can ever collide with it.
    /// </summary>
    public const string Platform = "_platform";

    /// <summary>A tenant's ID in the backends: its namespace (= its name).</summary>
    public static string Of(string tenant) => tenant;

    /// <summary>The header value that queries every tenant at once ('|' joins tenants where multi-tenant queries are on).</summary>
    public static string All(PlatformConfig config) =>
        string.Join('|', config.Tenants.Select(t => Of(t.Name)).Prepend(Platform));
}
