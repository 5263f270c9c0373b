namespace PlatformMaturity.Composition;

/// <summary>Names several practices share: practices that others test for, and resources others depend on.</summary>
public static class WellKnown
{
    public const string BasicPlatformMonitoring = "Basic Platform Monitoring";
    public const string AdvancedPlatformMonitoring = "Advanced Platform Monitoring";

    /// <summary>While in effect (or carried), tenant and platform namespaces get ingress NetworkPolicies (see PlatformNetworkPolicies).</summary>
    public const string BasicTrafficFiltering = "Basic Traffic Filtering";

    public const string AdvancedTrafficFiltering = "Advanced Traffic Filtering";

    /// <summary>Once in effect, platform namespaces enforce the Pod Security level their charts need (see PodSecurity).</summary>
    public const string RestrictedContainerRuntime = "Restricted Container Runtime";

    /// <summary>Graph name (and release name) of kube-prometheus-stack, whichever monitoring practice owns it; it provides the monitoring.coreos.com CRDs.</summary>
    public const string PrometheusStackRelease = "kube-prometheus-stack";

    /// <summary>Namespace of the monitoring stack.</summary>
    public const string MonitoringNamespace = "monitoring";

    /// <summary>The monitoring stack's Prometheus (service &lt;release&gt;-prometheus, port 9090): KEDA triggers, canary analysis, Grafana.</summary>
    public static readonly string PrometheusUrl = $"http://{PrometheusStackRelease}-prometheus.{MonitoringNamespace}.svc:{PrometheusPort}";

    /// <summary>Prometheus's web port (queries and the OTLP receiver), in its URL and in the NetworkPolicies admitting its clients.</summary>
    public const int PrometheusPort = 9090;

    /// <summary>
    /// Graph name of the Log Analytics workspace on azure. The foundation creates it from the level with platform
    /// monitoring (provenance: the monitoring practice in effect), because the cluster refers to it; practices
    /// (Container Insights, Defender, audit logs) refer to it with an AzureRef.
    /// </summary>
    public const string LogAnalyticsWorkspace = "log-analytics";

    /// <summary>Tenant workloads run on a user node pool (azure) from the level this practice brings.</summary>
    public const string HardMultiTenancy = "Hard multi-tenancy";

    public const string FaultTolerantWorkloadDistribution = "Fault-tolerant Workload Distribution";

    /// <summary>Graph name of the AKS user node pool tenant workloads run on (azure), which practices tune like the system pool.</summary>
    public const string UserNodePool = "aks-user-pool";
}
