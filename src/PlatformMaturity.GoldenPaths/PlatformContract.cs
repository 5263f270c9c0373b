using PlatformMaturity.Composition;

namespace PlatformMaturity.GoldenPaths;

/// <summary>
/// Names the golden paths rely on the platform to provide. Each belongs to the practice that creates the
/// object; it is here, in one place, so templates and practices agree on it.
/// </summary>
public static class PlatformContract
{
    /// <summary>Basic Platform Monitoring / Advanced Platform Monitoring: namespace of Prometheus (scrapes the app).</summary>
    public const string MonitoringNamespace = WellKnown.MonitoringNamespace;

    /// <summary>kube-prometheus-stack selects ServiceMonitors and PodMonitors labelled release=&lt;its release name&gt; by default.</summary>
    public const string PrometheusRelease = WellKnown.PrometheusStackRelease;

    /// <summary>The platform's Prometheus, for KEDA's prometheus trigger and Argo Rollouts' canary analysis (the practices' own definition).</summary>
    public static readonly string PrometheusUrl = WellKnown.PrometheusUrl;

    /// <summary>
    /// Application Observability: the HTTP server metric the golden paths' SLOs and canary analyses read. It is the
    /// OpenTelemetry semantic-convention histogram http.server.request.duration, named as Prometheus stores it
    /// (seconds, with _bucket/_count/_sum series), scraped from the app's metrics endpoint by the golden path's
    /// ServiceMonitor, which adds the namespace, service and pod labels the queries select on.
    /// </summary>
    public const string HttpServerDurationMetric = "http_server_request_duration_seconds";

    /// <summary>The status-code attribute of <see cref="HttpServerDurationMetric"/> (http.response.status_code).</summary>
    public const string HttpStatusCodeLabel = "http_response_status_code";

    /// <summary>kube-state-metrics (with the monitoring stack): container restarts per pod, for canaries that serve no HTTP.</summary>
    public const string ContainerRestartsMetric = "kube_pod_container_status_restarts_total";

    /// <summary>Basic / Advanced Delivery Processes: the shared Gateway (in platform:ingressNamespace) apps' HTTPRoutes attach to.</summary>
    public const string GatewayName = Practices.Delivery.PlatformGateway.GatewayName;

    /// <summary>The API group of the Gateway and HTTPRoute kinds (installed with the platform gateway's chart).</summary>
    public const string GatewayApiGroup = Practices.Delivery.PlatformGateway.GatewayApiGroup;

    /// <summary>GitOps Application Management: Argo CD's namespace (Applications live there, one AppProject per tenant).</summary>
    public const string ArgoCdNamespace = Practices.Security.GitOpsPlatformManagement.Namespace;

    /// <summary>Multi-cluster Platform: Argo CD cluster secrets of the platform's member clusters carry this label set to the platform's name.</summary>
    public const string ClusterSelectorLabel = GitOps.GitOpsBridge.PlatformLabel;

    /// <summary>Advanced Application Autoscaling: KEDA and its HTTP add-on run here (the interceptor forwards requests from it).</summary>
    public const string KedaNamespace = "keda";

    /// <summary>Just-in-time Capacity: GPU node pools are tainted nvidia.com/gpu=present:NoSchedule and offer the nvidia.com/gpu resource.</summary>
    public const string GpuResource = "nvidia.com/gpu";

    public const string GpuTaintValue = "present";

    /// <summary>Advanced Costs Management: AKS taints spot node pools kubernetes.azure.com/scalesetpriority=spot:NoSchedule.</summary>
    public const string SpotTaintKey = "kubernetes.azure.com/scalesetpriority";

    public const string SpotTaintValue = "spot";

    /// <summary>Advanced Resources Management: the PriorityClasses the platform creates.</summary>
    public static readonly IReadOnlyList<string> PriorityClasses = ["platform-critical", "business-critical", "default", "batch"];

    /// <summary>Advanced Resources Management (Level 5 batch): Kueue admits Jobs that carry this label naming a LocalQueue of their namespace.</summary>
    public const string KueueQueueLabel = "kueue.x-k8s.io/queue-name";

    /// <summary>Extended Images Build Processes: keyless signatures from GitHub Actions are issued by this OIDC issuer.</summary>
    public const string GitHubOidcIssuer = "https://token.actions.githubusercontent.com";
}
