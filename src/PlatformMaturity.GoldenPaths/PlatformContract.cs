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

    /// <summary>
    /// Where an app's KEDA prometheus trigger and Argo Rollouts canary analysis query metrics: its namespace's own
    /// prom-label-proxy, which sees that namespace's series only (the shared controllers reach no Prometheus directly, and
    /// the tenant-metrics-address admission policy refuses any other address).
    /// </summary>
    public static string TenantPrometheusUrl(string @namespace) => Practices.Availability.TenantMetricsProxies.Url(@namespace);

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

    /// <summary>Multi-cluster Platform: the label of members with a GPU pool; GPU apps select it, the others avoid those members.</summary>
    public static readonly string GpuClusterLabel = Practices.Availability.MultiClusterPlatform.CapabilityLabel(Practices.Availability.MultiClusterPlatform.GpuCapability);

    /// <summary>Advanced Application Autoscaling: KEDA and its HTTP add-on run here (the interceptor forwards requests from it).</summary>
    public const string KedaNamespace = Practices.Efficiency.KedaHttpAddOn.Namespace;

    /// <summary>Just-in-time Capacity: GPU node pools are tainted nvidia.com/gpu=present:NoSchedule and offer the nvidia.com/gpu resource.</summary>
    public const string GpuResource = Practices.Efficiency.JustInTimeCapacity.GpuResource;

    /// <summary>The GPU pool's node label: an ml-inference InferenceSet selects it, so KAITO uses the platform's GPU nodes (BYO).</summary>
    public const string GpuNodeLabel = Practices.Efficiency.JustInTimeCapacity.GpuNodeLabel;

    public const string GpuNodeLabelValue = Practices.Efficiency.JustInTimeCapacity.GpuNodeLabelValue;

    /// <summary>The KServe deployment mode the platform configures and an InferenceService names.</summary>
    public const string KServeDeploymentMode = Practices.Efficiency.ModelServing.KServeDeploymentMode;

    public const string GpuTaintKey = Practices.Efficiency.JustInTimeCapacity.GpuTaintKey;

    public const string GpuTaintValue = Practices.Efficiency.JustInTimeCapacity.GpuTaintValue;

    /// <summary>Advanced Application Autoscaling (Level 5): the KEDA HTTP add-on's interceptor Service (in <see cref="KedaNamespace"/>) and port.</summary>
    public const string KedaHttpInterceptorService = Practices.Efficiency.KedaHttpAddOn.InterceptorService;

    public const int KedaHttpInterceptorPort = Practices.Efficiency.KedaHttpAddOn.InterceptorPort;

    /// <summary>The scaler address an external-push trigger names (the tenant-metrics-address policy admits no other).</summary>
    public static string KedaHttpScalerAddress => Practices.Efficiency.KedaHttpAddOn.ScalerAddress;

    /// <summary>Advanced Costs Management: AKS taints spot node pools kubernetes.azure.com/scalesetpriority=spot:NoSchedule.</summary>
    public const string SpotTaintKey = Practices.Efficiency.AdvancedCostsManagement.SpotTaintKey;

    public const string SpotTaintValue = Practices.Efficiency.AdvancedCostsManagement.SpotTaintValue;


    /// <summary>Advanced Resources Management: the PriorityClasses the platform creates (the practice's own list).</summary>
    public static readonly IReadOnlyList<string> PriorityClasses = [.. Practices.Efficiency.AdvancedResourcesManagement.PriorityClasses.Select(p => p.Name)];

    /// <summary>Advanced Resources Management (azure): each tenant tier's node pool is tainted and labelled &lt;key&gt;=&lt;tier&gt;.</summary>
    public const string TierTaintKey = Practices.Efficiency.AdvancedResourcesManagement.TierTaintKey;

    /// <summary>Costs Center Management: the label naming an app's cost centre, required on workloads and pod templates.</summary>
    public const string CostCenterLabel = Practices.Efficiency.CostsCenterManagement.CostCenterLabel;

    /// <summary>
    /// All traffic encrypted: the sidecar's merged-metrics port, outside mutual TLS, where Prometheus's platform job
    /// scrapes meshed apps (their own metrics port is mutual TLS only under STRICT, and Prometheus has no sidecar).
    /// </summary>
    public const int MeshMergedMetricsPort = Practices.Security.AllTrafficEncrypted.MergedMetricsPort;

    /// <summary>Advanced Volume Management: the StorageClass that keeps a volume when its claim is deleted (for data).</summary>
    public const string DataStorageClass = Practices.Efficiency.AdvancedVolumeManagement.DataClass;

    /// <summary>Advanced Volume Management (azure): the zone-redundant ReadWriteMany class training checkpoints use.</summary>
    public const string SharedStorageClass = Practices.Efficiency.AdvancedVolumeManagement.SharedClass;

    /// <summary>Advanced Resources Management (Level 5 batch): Kueue admits Jobs that carry this label naming a LocalQueue of their namespace.</summary>
    public const string KueueQueueLabel = Practices.Efficiency.JustInTimeCapacity.QueueLabel;

    /// <summary>Just-in-time Capacity: the LocalQueue every tenant namespace has.</summary>
    public const string KueueDefaultQueue = Practices.Efficiency.JustInTimeCapacity.DefaultLocalQueue;

    /// <summary>Golden Paths (Level 4): the CloudNativePG operator's namespace and pod label, and the instance manager's status port it calls.</summary>
    public const string PostgresOperatorNamespace = Practices.Delivery.PostgresOperator.Namespace;

    public static readonly (string Key, string Value) PostgresOperatorPods = Practices.Delivery.PostgresOperator.OperatorPods;

    public const int PostgresStatusPort = Practices.Delivery.PostgresOperator.InstanceStatusPort;

    /// <summary>The Barman Cloud plugin's name, as Cluster.spec.plugins[] and ScheduledBackup.spec.pluginConfiguration name it.</summary>
    public const string PostgresBackupPlugin = Practices.Delivery.PostgresOperator.PluginName;

    /// <summary>azure: the service account the platform federates with each tenant's backup identity, and the tenant's container.</summary>
    public const string PostgresBackupServiceAccount = Practices.Delivery.PostgresOperator.BackupServiceAccount;

    public static string PostgresBackupContainer(string tenant) => Practices.Delivery.PostgresOperator.BackupContainer(tenant);
}
