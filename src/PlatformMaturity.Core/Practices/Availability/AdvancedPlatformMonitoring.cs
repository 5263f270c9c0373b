using System.Collections.Immutable;
using System.Globalization;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Levels 3–5: monitoring people can rely on — HA Prometheus with persistent storage and retention, Alertmanager
/// routing to the configured receiver, and alert rules for the platform's own components. Takes over the
/// kube-prometheus-stack release of Basic Platform Monitoring.
/// </summary>
public sealed class AdvancedPlatformMonitoring : PracticeComponent
{
    public const string ReceiverSecret = "alertmanager-receiver";
    public const string ReceiverUrlKey = "url";
    public const string PlatformAlertsRule = "platform-alerts";

    /// <summary>Where the operator mounts the receiver Secret in Alertmanager (alertmanagerSpec.secrets).</summary>
    public const string ReceiverUrlFile = $"/etc/alertmanager/secrets/{ReceiverSecret}/{ReceiverUrlKey}";

    /// <summary>StorageClass of Prometheus volumes on AKS (zone-redundant premium SSD, CSI).</summary>
    public const string AksStorageClass = "managed-csi-premium";

    public override string Practice => WellKnown.AdvancedPlatformMonitoring;

    public override Implementation Implementation => new(
        Existing: $"kube-prometheus-stack (chart {Pins.KubePrometheusStack.Version}): 2 Prometheus replicas with persistent volumes and retention from config, 2 Alertmanagers routing to platform:alertReceiver, PodDisruptionBudgets, platform alert rules",
        Azure: $"kube-prometheus-stack (chart {Pins.KubePrometheusStack.Version}) as on existing, volumes on {AksStorageClass}, plus Container Insights into Log Analytics");

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        var dependsOn = MonitoringStack.AddFoundations(component);
        dependsOn.Add(AddReceiverSecret(component));

        var values = MonitoringStack.CommonValues(config)
            .With("prometheus.prometheusSpec.replicas", 2)
            .With("prometheus.prometheusSpec.podAntiAffinity", "soft")
            .With("prometheus.prometheusSpec.retention", config.MetricsRetention)
            .With("prometheus.prometheusSpec.retentionSize", RetentionSize(config.MetricsStorageSize))
            .With("prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.accessModes", new[] { "ReadWriteOnce" })
            .With("prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage", config.MetricsStorageSize)
            .With("prometheus.prometheusSpec.resources.requests.cpu", "500m")
            .With("prometheus.prometheusSpec.resources.requests.memory", "2Gi")
            .With("prometheus.prometheusSpec.resources.limits.memory", "4Gi")
            .With("prometheus.podDisruptionBudget.enabled", true)
            .With("prometheus.podDisruptionBudget.minAvailable", 1)
            .With("alertmanager.enabled", true)
            .With("alertmanager.alertmanagerSpec.replicas", 2)
            .With("alertmanager.alertmanagerSpec.podAntiAffinity", "soft")
            .With("alertmanager.alertmanagerSpec.secrets", new[] { ReceiverSecret })
            .With("alertmanager.podDisruptionBudget.enabled", true)
            .With("alertmanager.podDisruptionBudget.minAvailable", 1)
            .With("alertmanager.config.route", Route())
            .With("alertmanager.config.receivers", Receivers(config.AlertReceiver));
        if (config.IsAzure)
            values = values.With("prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName", AksStorageClass);
        // DORA Metrics composes before this practice (the model lists Delivery first), so the stack carries its setting.
        // kube-state-metrics turns the ChangeRecords' commit time and the Rollouts' conditions into numbers. Keys of the
        // kube-state-metrics chart 8.4.0 (the subchart of kube-prometheus-stack 88.5.3), prometheus-community/helm-charts
        // tag kube-state-metrics-8.4.0 charts/kube-state-metrics/values.yaml: customResourceState.enabled/config,
        // rbac.extraRules (the chart itself grants customresourcedefinitions list/watch, rbac.customResourceState).
        if (component.InEffect(Delivery.DoraMetrics.PracticeName))
            values = values
                .With("kube-state-metrics.customResourceState.enabled", true)
                .With("kube-state-metrics.customResourceState.config", Delivery.DoraContract.KubeStateMetricsConfig())
                .With("kube-state-metrics.rbac.extraRules", Delivery.DoraContract.KubeStateMetricsRbacRules());
        // Teams scrape their own apps from Level 3 (golden paths): their series are labelled with their namespace.
        values = TenantMonitors.Values(values, config);
        MonitoringStack.AddRelease(component, values, dependsOn);
        TenantMetricsProxies.Add(component);
        TenantMonitors.Grant(component);
        TenantGrafanaOrgs.Add(component);

        component.AddObject(PlatformObjects.PrometheusRule(PlatformAlertsRule, WellKnown.MonitoringNamespace, PlatformRules()));
        component.Note($"Alerts go to the {ConfigNames.Of(config.AlertReceiver)} receiver at the URL in {ConfigKeys.AlertWebhookUrl.FullName}; Watchdog (always firing, proves the pipeline works) is silenced.");
        component.Note($"Prometheus keeps {config.MetricsRetention} (at most {RetentionSize(config.MetricsStorageSize)}) on a {config.MetricsStorageSize} volume per replica.");
        component.Note("Grafana keeps one replica: its users and sessions live in a local database that replicas would not share; dashboards come from ConfigMaps.");
        if (!config.HasSecret(ConfigKeys.AlertWebhookUrl))
            component.Note($"Before pulumi up: pulumi config set --secret {ConfigKeys.AlertWebhookUrl.FullName} <url> --stack {config.Stack}");
    }

    private static string AddReceiverSecret(ComponentBuilder component)
    {
        var secret = component.Add(new ConfigSecret
        {
            Name = $"secret-{WellKnown.MonitoringNamespace}-{ReceiverSecret}",
            Provenance = component.Provenance,
            Cluster = ClusterRef.PrimaryKey,
            Namespace = WellKnown.MonitoringNamespace,
            SecretName = ReceiverSecret,
            Keys = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                [KeyValuePair.Create(ReceiverUrlKey, ConfigKeys.AlertWebhookUrl.FullName)]),
        });
        return secret.Name;
    }

    /// <summary>Everything to the platform receiver, grouped per alert and namespace; the always-firing Watchdog and InfoInhibitor to nowhere.</summary>
    private static Dictionary<string, object?> Route() => new()
    {
        ["receiver"] = "platform",
        ["group_by"] = new[] { "alertname", "namespace" },
        ["group_wait"] = "30s",
        ["group_interval"] = "5m",
        ["repeat_interval"] = "4h",
        ["routes"] = new object[]
        {
            new Dictionary<string, object?> { ["receiver"] = "null", ["matchers"] = new[] { "alertname = \"Watchdog\"" } },
            new Dictionary<string, object?> { ["receiver"] = "null", ["matchers"] = new[] { "alertname = \"InfoInhibitor\"" } },
        },
    };

    /// <summary>The URL is read from the mounted Secret (…_file), so it never appears in the chart's values or the rendered tree.</summary>
    private static object[] Receivers(AlertReceiverKind kind)
    {
        var platform = kind switch
        {
            AlertReceiverKind.Slack => Receiver("slack_configs", "api_url_file"),
            AlertReceiverKind.MsTeams => Receiver("msteamsv2_configs", "webhook_url_file"),
            _ => Receiver("webhook_configs", "url_file"),
        };
        return [new Dictionary<string, object?> { ["name"] = "null" }, platform];

        static Dictionary<string, object?> Receiver(string configs, string urlField) => new()
        {
            ["name"] = "platform",
            [configs] = new object[] { new Dictionary<string, object?> { [urlField] = ReceiverUrlFile, ["send_resolved"] = true } },
        };
    }

    /// <summary>Prometheus deletes the oldest blocks beyond this, so the volume (90% of it) never fills up.</summary>
    internal static string RetentionSize(string volumeSize)
    {
        var amount = long.Parse(volumeSize[..^2], CultureInfo.InvariantCulture);
        var mebibytes = volumeSize[^2..] switch { "Ti" => amount * 1024 * 1024, "Gi" => amount * 1024, _ => amount };
        var keep = mebibytes * 9 / 10;
        // Prometheus reads MB and GB as powers of two, like Mi and Gi.
        return keep >= 10 * 1024
            ? $"{(keep / 1024).ToString(CultureInfo.InvariantCulture)}GB"
            : $"{keep.ToString(CultureInfo.InvariantCulture)}MB";
    }

    /// <summary>Alerts for the platform's own workloads (its namespaces and kube-system); the chart's default rules cover the cluster.</summary>
    private static System.Text.Json.Nodes.JsonObject PlatformRules()
    {
        var ns = $"namespace=~\"{string.Join('|', PlatformNamespaces.WithKubeSystem)}\"";
        return PlatformObjects.RuleGroup("platform-components", null,
            PlatformObjects.Alert("PlatformDeploymentUnavailable",
                $"kube_deployment_spec_replicas{{{ns}}} - kube_deployment_status_replicas_available{{{ns}}} > 0",
                "15m", "critical",
                "Platform deployment {{ $labels.namespace }}/{{ $labels.deployment }} is missing replicas",
                "{{ $value }} replica(s) of {{ $labels.deployment }} have been unavailable for 15 minutes; the platform runs degraded."),
            PlatformObjects.Alert("PlatformStatefulSetUnavailable",
                $"kube_statefulset_replicas{{{ns}}} - kube_statefulset_status_replicas_ready{{{ns}}} > 0",
                "15m", "critical",
                "Platform statefulset {{ $labels.namespace }}/{{ $labels.statefulset }} is missing replicas",
                "{{ $value }} replica(s) of {{ $labels.statefulset }} have not been ready for 15 minutes."),
            PlatformObjects.Alert("PlatformDaemonSetIncomplete",
                $"kube_daemonset_status_desired_number_scheduled{{{ns}}} - kube_daemonset_status_number_ready{{{ns}}} > 0",
                "15m", "warning",
                "Platform daemonset {{ $labels.namespace }}/{{ $labels.daemonset }} is not ready on every node",
                "{{ $value }} node(s) have run {{ $labels.daemonset }} without being ready for 15 minutes."),
            PlatformObjects.Alert("PlatformPodRestarting",
                $"increase(kube_pod_container_status_restarts_total{{{ns}}}[1h]) > 3",
                "5m", "warning",
                "Platform pod {{ $labels.namespace }}/{{ $labels.pod }} keeps restarting",
                "Container {{ $labels.container }} restarted {{ $value }} times in the last hour."));
    }
}
