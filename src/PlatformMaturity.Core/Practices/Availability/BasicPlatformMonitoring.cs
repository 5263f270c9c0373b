using PlatformMaturity.Composition;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Availability;

/// <summary>Level 2: see how the platform runs — metrics, dashboards, and on azure Container Insights. No alerting yet (Level 3).</summary>
public sealed class BasicPlatformMonitoring : PracticeComponent
{
    public override string Practice => WellKnown.BasicPlatformMonitoring;

    public override Implementation Implementation => new(
        Existing: $"kube-prometheus-stack (chart {Pins.KubePrometheusStack.Version}), lean: Prometheus, kube-state-metrics, node-exporter and Grafana with its admin from a Secret built from secret config; no Alertmanager until Level 3",
        Azure: $"kube-prometheus-stack (chart {Pins.KubePrometheusStack.Version}, lean, Grafana admin from a Secret) plus Container Insights (OmsAgent, managed identity) into a Log Analytics workspace");

    public override void Build(ComponentBuilder component)
    {
        var dependsOn = MonitoringStack.AddFoundations(component);
        var values = MonitoringStack.CommonValues(component.Config)
            .With("alertmanager.enabled", false)
            .With("prometheus.prometheusSpec.replicas", 1)
            .With("prometheus.prometheusSpec.retention", "7d")
            .With("prometheus.prometheusSpec.resources.requests.cpu", "200m")
            .With("prometheus.prometheusSpec.resources.requests.memory", "1Gi")
            .With("prometheus.prometheusSpec.resources.limits.memory", "2Gi");
        MonitoringStack.AddRelease(component, values, dependsOn);
        TenantMetricsProxies.Add(component);
        TenantGrafanaOrgs.Add(component);
        component.Note("One Prometheus replica keeping 7 days on the node's disk (emptyDir): enough to watch the platform; Level 3 adds HA, persistent storage and alerting.");
    }
}
