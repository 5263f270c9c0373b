using System.Collections.Immutable;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// kube-prometheus-stack and what it needs, shared by Basic (Level 2) and Advanced (Level 3+) Platform Monitoring:
/// the successor takes over the same resource names, so an upgrade changes the release instead of replacing it.
/// </summary>
internal static class MonitoringStack
{
    public const string GrafanaAdminSecret = "grafana-admin";

    /// <summary>Grafana's admin user name; not chart's default "admin", and its password comes from secret config.</summary>
    public const string GrafanaAdminUser = "platform-admin";

    public const string GrafanaUserKey = "admin-user";
    public const string GrafanaPasswordKey = "admin-password";

    /// <summary>The in-cluster Prometheus API (the service kube-prometheus-stack creates for its release name).</summary>
    public static readonly string PrometheusUrl = WellKnown.PrometheusUrl;

    /// <summary>Namespace labels kube-state-metrics exports (kube_namespace_labels), so rules can tell tenants apart.</summary>
    public static readonly string NamespaceLabelsAllowlist =
        $"namespaces=[{HardMultiTenancy.TenantLabel},{HardMultiTenancy.TierLabel}]";

    public static string NamespaceResource => $"namespace-{WellKnown.MonitoringNamespace}";

    public static string GrafanaSecretResource => $"secret-{WellKnown.MonitoringNamespace}-{GrafanaAdminSecret}";

    /// <summary>Values both levels share: the lean stack, discovery of every ServiceMonitor/PodMonitor/rule, Grafana admin from the Secret.</summary>
    public static HelmValues CommonValues(PlatformConfig config)
    {
        var values = HelmValues.From(
            ("crds.enabled", true),
            ("defaultRules.create", true),
            ("grafana.enabled", true),
            ("grafana.admin.existingSecret", GrafanaAdminSecret),
            ("grafana.admin.userKey", GrafanaUserKey),
            ("grafana.admin.passwordKey", GrafanaPasswordKey),
            ("grafana.sidecar.datasources.uid", GrafanaDashboard.PrometheusDatasource),
            // No usage reports to Grafana Labs and no update checks: the platform pins Grafana's version itself.
            ("grafana.\"grafana.ini\".analytics.reporting_enabled", false),
            ("grafana.\"grafana.ini\".analytics.check_for_updates", false),
            ("grafana.\"grafana.ini\".analytics.check_for_plugin_updates", false),
            ("grafana.sidecar.dashboards.enabled", true),
            ("grafana.sidecar.dashboards.label", PlatformObjects.DashboardLabel),
            ("grafana.sidecar.dashboards.labelValue", "1"),
            ("kube-state-metrics.metricLabelsAllowlist", new[] { NamespaceLabelsAllowlist }),
            ("nodeExporter.enabled", true),
            // Without these, Prometheus only selects objects labelled with this release: other charts' monitors would be ignored.
            ("prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues", false),
            ("prometheus.prometheusSpec.podMonitorSelectorNilUsesHelmValues", false),
            ("prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues", false),
            ("prometheus.prometheusSpec.probeSelectorNilUsesHelmValues", false),
            ("kubelet.serviceMonitor.insecureSkipVerify", !KubeletServingCertificates.SignedByClusterCa(config.Target)));
        if (config.IsAzure)
        {
            // AKS runs the control plane and (with Cilium) no kube-proxy: scraping them would only raise "down" alerts.
            values = values
                .With("kubeControllerManager.enabled", false)
                .With("kubeScheduler.enabled", false)
                .With("kubeEtcd.enabled", false)
                .With("kubeProxy.enabled", false);
        }
        return values;
    }

    /// <summary>
    /// Adds the namespace (its Pod Security level is documented in <see cref="PodSecurity.PlatformNamespaceLevels"/>),
    /// the Grafana admin Secret from secret config, and on azure Log Analytics with Container Insights.
    /// Returns the graph names the release must wait for.
    /// </summary>
    public static List<string> AddFoundations(ComponentBuilder component)
    {
        component.AddPlatformNamespace(WellKnown.MonitoringNamespace);
        component.Add(new ConfigSecret
        {
            Name = GrafanaSecretResource,
            Provenance = component.Provenance,
            Cluster = ClusterRef.PrimaryKey,
            Namespace = WellKnown.MonitoringNamespace,
            SecretName = GrafanaAdminSecret,
            Keys = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                [KeyValuePair.Create(GrafanaPasswordKey, ConfigKeys.GrafanaAdminPassword.FullName)]),
            Literals = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                [KeyValuePair.Create(GrafanaUserKey, GrafanaAdminUser)]),
        });
        if (component.IsAzure)
            AddContainerInsights(component);
        component.Note(KubeletServingCertificates.Reason(component.Config.Target, "Prometheus (kubelet ServiceMonitor)"));
        component.Note($"Grafana: kubectl port-forward -n {WellKnown.MonitoringNamespace} svc/{WellKnown.PrometheusStackRelease}-grafana 3000:80, " +
                       $"then sign in as {GrafanaAdminUser} with the password in {ConfigKeys.GrafanaAdminPassword.FullName}.");
        if (!component.Config.HasSecret(ConfigKeys.GrafanaAdminPassword))
            component.Note($"Before pulumi up: pulumi config set --secret {ConfigKeys.GrafanaAdminPassword.FullName} <password> --stack {component.Config.Stack}");
        return [GrafanaSecretResource];
    }

    /// <summary>Container Insights into the workspace the foundation creates for the monitoring level.</summary>
    private static void AddContainerInsights(ComponentBuilder component)
    {
        component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
        {
            OmsAgent = new LogAnalyticsLink(new AzureRef(WellKnown.LogAnalyticsWorkspace, AzureOutput.Id), MsiAuthForMonitoringEnabled: true),
        });
        component.Note("Container Insights sends node and container logs and metrics to the Log Analytics workspace (Azure portal: the cluster's Insights).");
    }

    /// <summary>The release itself, after the Secret it reads.</summary>
    public static HelmRelease AddRelease(ComponentBuilder component, HelmValues values, IEnumerable<string> dependsOn) =>
        component.AddRelease(WellKnown.PrometheusStackRelease, WellKnown.MonitoringNamespace, Pins.KubePrometheusStack, values,
            providesApiGroups: ["monitoring.coreos.com"], dependsOn: dependsOn, createNamespace: false);

    /// <summary>
    /// Adds a Grafana datasource (e.g. Loki or Tempo) to the monitoring stack's Grafana, with HTTP headers Grafana sends
    /// on every query (e.g. the tenant header of a multi-tenant backend; tenant IDs are not secrets), in the main org
    /// unless <paramref name="orgId"/> names another.
    /// </summary>
    public static void AddGrafanaDataSource(ComponentBuilder component, string name, string type, string uid, string url,
        IReadOnlyDictionary<string, string>? headers = null, int? orgId = null) =>
        component.Contribute<HelmRelease>(WellKnown.PrometheusStackRelease, release =>
        {
            var existing = release.Values.Get("grafana.additionalDataSources") is ImmutableArray<object?> list ? list : [];
            var source = new Dictionary<string, object?> { ["name"] = name, ["type"] = type, ["uid"] = uid, ["url"] = url, ["access"] = "proxy" };
            if (orgId is { } org)
                source["orgId"] = org;
            if (headers is { Count: > 0 })
            {
                var ordered = headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select((h, i) => (h, n: i + 1)).ToList();
                source["jsonData"] = ordered.ToDictionary(x => $"httpHeaderName{x.n}", x => (object?)x.h.Key);
                source["secureJsonData"] = ordered.ToDictionary(x => $"httpHeaderValue{x.n}", x => (object?)x.h.Value);
            }
            return release with { Values = release.Values.With("grafana.additionalDataSources", existing.Add(source).ToList()) };
        });

    /// <summary>Graph names a release that creates ServiceMonitors or PrometheusRules through its chart must follow.</summary>
    public static IEnumerable<string> IfMonitored(ComponentBuilder component) =>
        component.HasMonitoring ? [WellKnown.PrometheusStackRelease] : [];
}
