using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// One prom-label-proxy per tenant in the monitoring namespace: every PromQL query (and label, series and rules call)
/// through it is rewritten to carry namespace="&lt;tenant&gt;", so a tenant's Grafana org sees its own namespace's
/// metrics only. Prometheus itself stays reachable from the platform only (see PlatformNetworkPolicies); the proxies
/// admit Grafana and, where they run, the controllers that query Prometheus for tenants (Argo Rollouts' analyses, KEDA's
/// prometheus triggers), which tenants must point at their own proxy (<see cref="TenantMetricsPolicy"/>). Shared by both
/// monitoring practices (the successor keeps the same objects).
/// </summary>
public static class TenantMetricsProxies
{
    /// <summary>The label the proxies enforce: kube-state-metrics, cAdvisor and ServiceMonitor targets all carry it.</summary>
    public const string EnforcedLabel = ApplicationObservability.NamespaceLabel;

    public const string InstanceLabel = "app.kubernetes.io/instance";

    private const string NamePrefix = "prom-label-proxy-";

    public static string Name(Tenant tenant) => NamePrefix + tenant.Name;

    /// <summary>
    /// The one Prometheus URL of a tenant namespace: its Grafana data source, its canary analyses and its KEDA triggers
    /// query it instead of Prometheus (the admission policy compares against <see cref="UrlExpression"/>, built alike).
    /// </summary>
    public static string Url(string tenant) => UrlPrefix + tenant + UrlSuffix;

    public static string Url(Tenant tenant) => Url(tenant.Name);

    /// <summary>CEL for <see cref="Url(string)"/> of the tenant named by the CEL string expression <paramref name="tenant"/>.</summary>
    public static string UrlExpression(string tenant) => $"'{UrlPrefix}' + {tenant} + '{UrlSuffix}'";

    private const string UrlPrefix = "http://" + NamePrefix;
    private static readonly string UrlSuffix = $".{WellKnown.MonitoringNamespace}.svc:{PlatformNetworkPolicies.TenantProxyPort}";

    /// <summary>
    /// The proxy's command line; the label and value are the contract with the tenant's isolation. From Level 5 the value
    /// is <see cref="TenantNamespaces.Regex"/> under --regex-match, so the namespaces the team creates through Capsule
    /// are the tenant's too: prom-label-proxy v0.14.0 then injects namespace=~"..." (anchored by Prometheus) beside any
    /// matcher the query has, and with --error-on-replace refuses a query whose namespace matcher is disjoint from it
    /// (injectproxy/enforce.go, prometheus-community/prom-label-proxy v0.14.0). Only its silences API refuses regex
    /// values, and the proxies front Prometheus, not Alertmanager.
    /// </summary>
    public static IList<string> Args(Tenant tenant, PlatformConfig config) =>
    [
        $"--insecure-listen-address=0.0.0.0:{PlatformNetworkPolicies.TenantProxyPort}",
        $"--upstream={MonitoringStack.PrometheusUrl}",
        $"--label={EnforcedLabel}",
        .. Delivery.KubernetesLandingZone.SelfServiceNamespaces(config)
            ? new[] { $"--label-value={TenantNamespaces.Regex(tenant.Name)}", "--regex-match" }
            : [$"--label-value={tenant.Name}"],
        // Label names and values of other namespaces would leak through /api/v1/labels without this.
        "--enable-label-apis",
        // A query naming another namespace fails loudly instead of silently returning this tenant's data.
        "--error-on-replace",
    ];

    public static void Add(ComponentBuilder component)
    {
        var clients = Clients(component);
        foreach (var tenant in component.Config.Tenants)
        {
            var pods = new Dictionary<string, string>
            {
                [PlatformNetworkPolicies.TenantProxyPods.Key] = PlatformNetworkPolicies.TenantProxyPods.Value,
                [InstanceLabel] = tenant.Name,
            };
            component.AddObject(Deployment(tenant, component.Config, pods, component.Level >= 3 ? 2 : 1));
            component.AddObject(Service(tenant, pods));
            PlatformNetworkPolicies.AddTenantProxyPolicy(component, $"allow-clients-to-{Name(tenant)}", pods, clients);
        }
        if (component.Config.Tenants.IsEmpty)
            return;
        var matcher = Delivery.KubernetesLandingZone.SelfServiceNamespaces(component.Config) ? $"{EnforcedLabel}=~\"{TenantNamespaces.Regex("<tenant>")}\" (its namespace and those it creates)" : $"{EnforcedLabel}=\"<tenant>\"";
        component.Note($"Each tenant's metrics go through its own prom-label-proxy ({Url(component.Config.Tenants[0])} ...), which adds {matcher} to every query; " +
                       $"only {string.Join(", ", clients.Select(c => c.Why))} reach the proxies.");
        TenantMetricsPolicy.Add(component);
    }

    /// <summary>A client of the proxies: its pods, and who it is.</summary>
    public sealed record Client(IngressSource Pods, string Why);

    /// <summary>
    /// Who queries the proxies: Grafana always; the Argo Rollouts controller (it runs every tenant's AnalysisRuns) and the
    /// KEDA operator (it runs every tenant's prometheus triggers) where their practices are built. Neither reaches
    /// Prometheus itself (PlatformNetworkPolicies admits only the collector and Grafana there).
    /// </summary>
    public static IReadOnlyList<Client> Clients(ComponentBuilder component)
    {
        var clients = new List<Client> { new(IngressSource.PodsIn(WellKnown.MonitoringNamespace, PlatformNetworkPolicies.GrafanaPods), "Grafana") };
        if (component.Implements(Delivery.AdvancedDeliveryProcesses.PracticeName))
            clients.Add(new(IngressSource.PodsIn(Delivery.AdvancedDeliveryProcesses.Namespace, Delivery.AdvancedDeliveryProcesses.ControllerPods), "the Argo Rollouts controller (canary analyses)"));
        if (component.Implements(Efficiency.AdvancedApplicationAutoscaling.PracticeName))
            clients.Add(new(IngressSource.PodsIn(Efficiency.AdvancedApplicationAutoscaling.KedaOperatorNamespace(component.Config), Efficiency.AdvancedApplicationAutoscaling.KedaOperatorPods), "the KEDA operator (prometheus triggers)"));
        return clients;
    }

    private static V1Deployment Deployment(Tenant tenant, PlatformConfig config, Dictionary<string, string> pods, int replicas) => new()
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
                            Args = Args(tenant, config),
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
