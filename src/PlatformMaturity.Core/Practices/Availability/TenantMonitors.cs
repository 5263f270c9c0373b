using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Level 3: teams create their own ServiceMonitors and PodMonitors (the golden paths emit them), safely. Three parts:
/// (1) Prometheus labels every series a monitor scrapes with the monitor's namespace, as the last relabeling of both
/// target and metric relabelings (kube-prometheus-stack prometheus.prometheusSpec.enforcedNamespaceLabel; the operator's
/// pkg/namespacelabeler), so a tenant's series always carry namespace="&lt;tenant&gt;" and show through its proxy only;
/// the platform's own monitors and rules (in platform namespaces) are excluded (excludedFromEnforcement), as they read
/// other namespaces' series on purpose. (2) <see cref="TenantMetricsPolicy"/> refuses tenant monitors that would make
/// Prometheus scrape elsewhere than the tenant's own pods (other namespaces, rewritten addresses, proxies, redirects)
/// or read its own files (bearer token, TLS keys). (3) An aggregated ClusterRole adds the two kinds to the built-in
/// edit role the tenants hold — only once that policy enforces, so the grant never runs ahead of its guard.
/// Keys: kube-prometheus-stack 88.5.3 values.yaml (prometheusSpec.enforcedNamespaceLabel, excludedFromEnforcement).
/// </summary>
public static class TenantMonitors
{
    public const string RoleName = "platform-tenant-monitors";

    /// <summary>The kinds tenants may create, as admission and RBAC name them.</summary>
    public static readonly string[] Resources = ["servicemonitors", "podmonitors"];

    private static readonly string[] MonitoringResources = ["servicemonitors", "podmonitors", "probes", "prometheusrules", "scrapeconfigs"];

    /// <summary>The Prometheus values that label tenants' series with their namespace and leave the platform's alone.</summary>
    public static HelmValues Values(HelmValues values, PlatformConfig config) => values
        .With("prometheus.prometheusSpec.enforcedNamespaceLabel", TenantMetricsProxies.EnforcedLabel)
        .With("prometheus.prometheusSpec.excludedFromEnforcement", PlatformNamespacesOf(config)
            .SelectMany(ns => MonitoringResources.Select(resource => new Dictionary<string, object?>
            {
                ["group"] = "monitoring.coreos.com",
                ["resource"] = resource,
                ["namespace"] = ns,
            })).ToArray());

    /// <summary>
    /// Every namespace the platform may put a monitor or rule in: its platform namespaces (each documented in
    /// PlatformNetworkPolicies), the gateway's, and kube-system.
    /// </summary>
    public static IEnumerable<string> PlatformNamespacesOf(PlatformConfig config) =>
        PlatformNetworkPolicies.Rules.Keys.Append(config.IngressNamespace).Append(PlatformNamespaces.KubeSystem).Distinct().Order(StringComparer.Ordinal);

    /// <summary>Grants tenants' edit role the monitors, once the policy guarding them enforces.</summary>
    public static void Grant(ComponentBuilder component)
    {
        if (component.Config.Tenants.IsDefaultOrEmpty)
            return;
        if (component.IsStaged(Enforcements.TenantMetricsAddress))
        {
            component.Note($"Tenants cannot create ServiceMonitors or PodMonitors yet: the grant waits for {Enforcements.TenantMetricsAddress} to enforce (pmctl upgrade {component.Config.Stack} --promote); until then the platform team applies them.");
            return;
        }
        component.AddObject(new V1ClusterRole
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "ClusterRole",
            Metadata = new V1ObjectMeta
            {
                Name = RoleName,
                // Aggregated into the built-in edit role, which Basic Access Management binds to each tenant's team.
                Labels = new Dictionary<string, string> { ["rbac.authorization.k8s.io/aggregate-to-edit"] = "true" },
            },
            Rules =
            [
                new V1PolicyRule
                {
                    ApiGroups = ["monitoring.coreos.com"],
                    Resources = Resources,
                    Verbs = ["get", "list", "watch", "create", "update", "patch", "delete"],
                },
            ],
        });
        component.Note($"Teams create ServiceMonitors and PodMonitors in their namespaces (ClusterRole {RoleName}, aggregated into edit); Prometheus labels what they scrape with namespace=\"<tenant>\", and {TenantMetricsPolicy.PolicyName} refuses monitors reaching beyond the tenant's own pods.");
    }
}
