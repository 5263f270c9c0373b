using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// One prom-label-proxy per tenant in the monitoring namespace: every PromQL query (and label, series and rules call)
/// through it is rewritten to carry namespace="&lt;tenant&gt;", so a tenant's Grafana org sees its own namespace's
/// metrics only. Prometheus itself stays reachable from the platform only (see PlatformNetworkPolicies); the proxies
/// admit Grafana only. Shared by both monitoring practices (the successor keeps the same objects).
/// </summary>
internal static class TenantMetricsProxies
{
    /// <summary>The label the proxies enforce: kube-state-metrics, cAdvisor and ServiceMonitor targets all carry it.</summary>
    public const string EnforcedLabel = ApplicationObservability.NamespaceLabel;

    public const string InstanceLabel = "app.kubernetes.io/instance";

    public static string Name(Tenant tenant) => $"prom-label-proxy-{tenant.Name}";

    /// <summary>The URL a tenant's Grafana data source queries instead of Prometheus.</summary>
    public static string Url(Tenant tenant) =>
        $"http://{Name(tenant)}.{WellKnown.MonitoringNamespace}.svc:{PlatformNetworkPolicies.TenantProxyPort}";

    /// <summary>The proxy's command line; the label and value are the contract with the tenant's isolation.</summary>
    public static IList<string> Args(Tenant tenant) =>
    [
        $"--insecure-listen-address=0.0.0.0:{PlatformNetworkPolicies.TenantProxyPort}",
        $"--upstream={MonitoringStack.PrometheusUrl}",
        $"--label={EnforcedLabel}",
        $"--label-value={tenant.Name}",
        // Label names and values of other namespaces would leak through /api/v1/labels without this.
        "--enable-label-apis",
        // A query naming another namespace fails loudly instead of silently returning this tenant's data.
        "--error-on-replace",
    ];

    public static void Add(ComponentBuilder component)
    {
        foreach (var tenant in component.Config.Tenants)
        {
            var pods = new Dictionary<string, string>
            {
                [PlatformNetworkPolicies.TenantProxyPods.Key] = PlatformNetworkPolicies.TenantProxyPods.Value,
                [InstanceLabel] = tenant.Name,
            };
            component.AddObject(Deployment(tenant, pods, component.Level >= 3 ? 2 : 1));
            component.AddObject(Service(tenant, pods));
            PlatformNetworkPolicies.AddTenantProxyPolicy(component, $"allow-grafana-to-{Name(tenant)}", pods);
        }
        if (!component.Config.Tenants.IsEmpty)
            component.Note($"Each tenant's metrics go through its own prom-label-proxy ({Name(component.Config.Tenants[0])} ...), which adds {EnforcedLabel}=\"<tenant>\" to every query; only Grafana reaches the proxies.");
    }

    private static V1Deployment Deployment(Tenant tenant, Dictionary<string, string> pods, int replicas) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = Name(tenant), NamespaceProperty = WellKnown.MonitoringNamespace },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            RevisionHistoryLimit = 3,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(pods) },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(pods) },
                Spec = new V1PodSpec
                {
                    AutomountServiceAccountToken = false,
                    SecurityContext = PlatformObjects.RestrictedPodSecurity(),
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "prom-label-proxy",
                            Image = Pins.PromLabelProxyImage,
                            Args = Args(tenant),
                            Ports = [new V1ContainerPort { Name = "http", ContainerPort = PlatformNetworkPolicies.TenantProxyPort }],
                            ReadinessProbe = Probe(),
                            LivenessProbe = Probe(),
                            Resources = new V1ResourceRequirements
                            {
                                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("32Mi") },
                                Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("128Mi") },
                            },
                            SecurityContext = PlatformObjects.RestrictedContainerSecurity(),
                        },
                    ],
                },
            },
        },
    };

    private static V1Probe Probe() => new()
    {
        HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = "http" },
        PeriodSeconds = 10,
    };

    private static V1Service Service(Tenant tenant, Dictionary<string, string> pods) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = Name(tenant), NamespaceProperty = WellKnown.MonitoringNamespace },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string>(pods),
            Ports = [new V1ServicePort { Name = "http", Port = PlatformNetworkPolicies.TenantProxyPort, TargetPort = "http" }],
        },
    };
}
