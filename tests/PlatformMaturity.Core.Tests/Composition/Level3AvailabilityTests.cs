using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Tests.Shared;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>Level 3's Availability practices (PRACTICES.md): each one's key objects, per target.</summary>
public sealed class Level3AvailabilityTests
{
    private static HelmRelease Release(PlatformGraph graph, string name) => Assert.IsType<HelmRelease>(graph.Resource(name));

    private static CustomObject Custom(PlatformGraph graph, string name) =>
        Assert.IsType<CustomObject>(((KubernetesResource)graph.Resource(name)).Object);

    private static IEnumerable<string> AlertNames(CustomObject rule) =>
        rule.Spec!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => (string?)r!["alert"]).OfType<string>();

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Advanced_monitoring_takes_over_the_stack_with_ha_storage_and_alerting(DeploymentTarget target)
    {
        var graph = Compose(For(target, 3) with { MetricsRetention = "30d", MetricsStorageSize = "100Gi" });
        var release = Release(graph, WellKnown.PrometheusStackRelease);
        var owner = graph.OwnerOf(release.Name);
        Assert.Equal("advanced-platform-monitoring", owner.Id);
        Assert.Contains(owner.Predecessors, p => p.Id == "basic-platform-monitoring");
        Assert.Null(graph.Component("basic-platform-monitoring"));

        Assert.Equal(2, release.Values.Get("prometheus.prometheusSpec.replicas"));
        Assert.Equal("30d", release.Values.Get("prometheus.prometheusSpec.retention"));
        Assert.Equal("90GB", release.Values.Get("prometheus.prometheusSpec.retentionSize"));
        Assert.Equal("100Gi", release.Values.Get("prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage"));
        Assert.Equal(target == DeploymentTarget.Azure ? AdvancedPlatformMonitoring.AksStorageClass : null,
            release.Values.Get("prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName"));
        Assert.Equal(true, release.Values.Get("prometheus.podDisruptionBudget.enabled"));
        Assert.Equal(true, release.Values.Get("alertmanager.enabled"));
        Assert.Equal(2, release.Values.Get("alertmanager.alertmanagerSpec.replicas"));
        Assert.Equal(true, release.Values.Get("alertmanager.podDisruptionBudget.enabled"));
    }

    [Theory]
    [InlineData(AlertReceiverKind.Slack, "slack_configs", "api_url_file")]
    [InlineData(AlertReceiverKind.MsTeams, "msteamsv2_configs", "webhook_url_file")]
    [InlineData(AlertReceiverKind.Webhook, "webhook_configs", "url_file")]
    public void Alertmanager_routes_to_the_configured_receiver_reading_its_url_from_a_secret(AlertReceiverKind kind, string configs, string urlField)
    {
        var graph = Compose(Existing(3) with { AlertReceiver = kind });
        var release = Release(graph, WellKnown.PrometheusStackRelease);
        var values = release.Values.ToJson();
        var config = values["alertmanager"]!["config"]!;
        Assert.Equal("platform", (string?)config["route"]!["receiver"]);
        var platform = config["receivers"]!.AsArray().Single(r => (string?)r!["name"] == "platform")!;
        Assert.Equal(AdvancedPlatformMonitoring.ReceiverUrlFile, (string?)platform[configs]![0]![urlField]);
        Assert.Contains(AdvancedPlatformMonitoring.ReceiverSecret, values["alertmanager"]!["alertmanagerSpec"]!["secrets"]!.AsArray().Select(s => (string?)s));

        var secret = Assert.Single(graph.Resources.OfType<ConfigSecret>(), s => s.SecretName == AdvancedPlatformMonitoring.ReceiverSecret);
        Assert.Equal(ConfigKeys.AlertWebhookUrl.FullName, secret.Keys[AdvancedPlatformMonitoring.ReceiverUrlKey]);
        Assert.Contains(secret.Name, release.DependsOn);
    }

    [Theory]
    [InlineData("50Gi", "45GB")]
    [InlineData("1Gi", "921MB")]
    [InlineData("2Ti", "1843GB")]
    [InlineData("500Mi", "450MB")]
    public void Prometheus_retention_size_keeps_a_tenth_of_the_volume_free(string volume, string expected) =>
        Assert.Equal(expected, AdvancedPlatformMonitoring.RetentionSize(volume));

    [Fact]
    public void Platform_alert_rules_cover_the_platform_namespaces_and_follow_the_operator()
    {
        var graph = Compose(Existing(3));
        var name = $"prometheusrule-{WellKnown.MonitoringNamespace}-{AdvancedPlatformMonitoring.PlatformAlertsRule}";
        Assert.Contains("PlatformDeploymentUnavailable", AlertNames(Custom(graph, name)));
        Assert.Contains(WellKnown.PrometheusStackRelease, graph.Resource(name).DependsOn);
        Assert.Contains("velero", Custom(graph, name).Spec!.ToJsonString());
    }

    [Fact]
    public void Kube_state_metrics_exports_tenant_labels_and_the_dora_change_records_from_level_3()
    {
        var release = Release(Compose(Existing(3)), WellKnown.PrometheusStackRelease);
        Assert.Contains(MonitoringStack.NamespaceLabelsAllowlist, ((System.Collections.Immutable.ImmutableArray<object?>)release.Values.Get("kube-state-metrics.metricLabelsAllowlist")!).Cast<string>());
        var ksm = release.Values.ToJson()["kube-state-metrics"]!;
        Assert.True((bool)ksm["customResourceState"]!["enabled"]!);
        var kinds = ksm["customResourceState"]!["config"]!["spec"]!["resources"]!.AsArray().Select(r => (string?)r!["groupVersionKind"]!["kind"]);
        Assert.Equal([DoraContract.Kind, DoraContract.RolloutKind], kinds);
        Assert.Null(Release(Compose(Existing(2)), WellKnown.PrometheusStackRelease).Values.ToJson()["kube-state-metrics"]?["customResourceState"]);
    }

    [Fact]
    public void Continuous_resiliency_alerts_on_crash_loops_oom_kills_pending_pods_and_pdbs()
    {
        var graph = Compose(Existing(3));
        var name = $"prometheusrule-{WellKnown.MonitoringNamespace}-{ContinuousResiliencyImprovement.RuleName}";
        var alerts = AlertNames(Custom(graph, name)).ToHashSet();
        Assert.Superset(new HashSet<string> { "TenantPodCrashLooping", "TenantContainerOOMKilled", "TenantPodPending", "PodDisruptionBudgetViolated", "PodDisruptionBudgetBlocksDrain" }, alerts);
        Assert.Contains(WellKnown.PrometheusStackRelease, graph.Resource(name).DependsOn);
        Assert.Equal("continuous-resiliency-improvement", graph.OwnerOf(name).Id);
        AssertDashboard(graph, ContinuousResiliencyImprovement.DashboardName);
    }

    internal static void AssertDashboard(PlatformGraph graph, string name)
    {
        var configMap = (V1ConfigMap)((KubernetesResource)graph.Resource($"configmap-{WellKnown.MonitoringNamespace}-{name}")).Object;
        Assert.Equal("1", configMap.Metadata.Labels[PlatformObjects.DashboardLabel]);
        var dashboard = JsonNode.Parse(configMap.Data[$"{name}.json"])!;
        Assert.NotEmpty(dashboard["panels"]!.AsArray());
        Assert.False(string.IsNullOrEmpty((string?)dashboard["uid"]));
    }

    [Fact]
    public void Basic_dr_on_existing_backs_up_every_tenant_daily_to_the_configured_s3_bucket()
    {
        var config = Existing(3) with
        {
            BackupLocation = new BackupLocation("platform-backups", "eu-central-1", "https://minio.example.com:9000"),
            BackupSchedule = "30 1 * * *",
            BackupRetentionDays = 14,
        };
        var graph = Compose(config);
        var release = Release(graph, BasicDisasterRecovery.ReleaseName);
        Assert.Equal(Pins.Velero, release.Chart);
        Assert.Contains("velero.io", release.ProvidesApiGroups);
        var location = release.Values.ToJson()["configuration"]!["backupStorageLocation"]![0]!;
        Assert.Equal("aws", (string?)location["provider"]);
        Assert.Equal("platform-backups", (string?)location["bucket"]);
        Assert.Equal("test", (string?)location["prefix"]);
        Assert.Equal("https://minio.example.com:9000", (string?)location["config"]!["s3Url"]);
        Assert.Equal(Pins.VeleroPluginForAwsImage, (string?)release.Values.ToJson()["initContainers"]![0]!["image"]);
        Assert.Equal(BasicDisasterRecovery.CredentialsSecret, release.Values.Get("credentials.existingSecret"));
        var secret = Assert.Single(graph.Resources.OfType<ConfigSecret>(), s => s.SecretName == BasicDisasterRecovery.CredentialsSecret);
        Assert.Equal(ConfigKeys.BackupCredentials.FullName, secret.Keys["cloud"]);

        foreach (var tenant in Tenants)
        {
            var name = $"schedule-{BasicDisasterRecovery.Namespace}-{BasicDisasterRecovery.ScheduleName(tenant.Name, ClusterRef.PrimaryKey)}";
            var schedule = Custom(graph, name);
            Assert.Equal("30 1 * * *", (string?)schedule.Spec!["schedule"]);
            Assert.Equal(tenant.Name, (string?)schedule.Spec["template"]!["includedNamespaces"]![0]);
            Assert.Equal("336h0m0s", (string?)schedule.Spec["template"]!["ttl"]);
            Assert.Contains(BasicDisasterRecovery.ReleaseName, graph.Resource(name).DependsOn);
        }
        Assert.Contains("VeleroBackupTooOld", AlertNames(Custom(graph, $"prometheusrule-{BasicDisasterRecovery.Namespace}-{BasicDisasterRecovery.BackupRule}")));
        Assert.Empty(graph.Resources.OfType<AzureResource>());
    }

    [Fact]
    public void Basic_dr_without_backup_keys_uses_a_bucket_named_after_the_platform_in_aws_s3()
    {
        var location = Release(Compose(Existing(3)), BasicDisasterRecovery.ReleaseName).Values.ToJson()["configuration"]!["backupStorageLocation"]![0]!;
        Assert.Equal("test-backups", (string?)location["bucket"]);
        Assert.Null(location["config"]!["s3Url"]);
    }

    [Fact]
    public void Basic_dr_on_azure_uses_zone_redundant_keyless_storage_through_workload_identity()
    {
        var graph = Compose(Azure(3));
        var account = Assert.IsType<StorageAccount>(graph.Resource(BasicDisasterRecovery.StorageAccountName));
        Assert.Equal("ZRS", account.AccountReplicationType);
        Assert.False(account.SharedAccessKeyEnabled);
        Assert.Equal("TLS1_2", account.MinTlsVersion);
        var container = Assert.IsType<StorageContainer>(graph.Resource(BasicDisasterRecovery.StorageContainerName));
        Assert.Equal("private", container.ContainerAccessType);
        var credential = Assert.IsType<FederatedIdentityCredential>(graph.Resource(BasicDisasterRecovery.FederationName));
        Assert.Equal($"system:serviceaccount:{BasicDisasterRecovery.Namespace}:{BasicDisasterRecovery.ServiceAccount}", credential.Subject);
        Assert.Equal(Foundation.ClusterName, credential.Cluster);
        var access = Assert.IsType<RoleAssignment>(graph.Resource(BasicDisasterRecovery.BlobAccessName));
        Assert.Equal("Storage Blob Data Contributor", access.RoleDefinitionName);
        Assert.Equal(new AzureRef(BasicDisasterRecovery.IdentityName, AzureOutput.PrincipalId), access.PrincipalId);
        // On Velero's container only: not on the account, where other containers (tenants' PostgreSQL backups) live.
        Assert.Equal(new AzureRef(BasicDisasterRecovery.StorageContainerName, AzureOutput.Id), access.Scope);

        var cluster = (KubernetesCluster)graph.Resource(Foundation.ClusterName);
        Assert.True(cluster.OidcIssuerEnabled);
        Assert.True(cluster.WorkloadIdentityEnabled);

        var release = Release(graph, BasicDisasterRecovery.ReleaseName);
        Assert.Equal(new AzureRef(BasicDisasterRecovery.StorageAccountName, AzureOutput.Name),
            release.ValuesFromAzure["configuration.backupStorageLocation[0].config.storageAccount"]);
        Assert.Equal(new AzureRef(BasicDisasterRecovery.IdentityName, AzureOutput.ClientId),
            release.ValuesFromAzure["serviceAccount.server.annotations.\"azure.workload.identity/client-id\""]);
        Assert.Equal(false, release.Values.Get("credentials.useSecret"));
        Assert.Equal("true", release.Values.Get("configuration.backupStorageLocation") is System.Collections.Immutable.ImmutableArray<object?> list
            ? ((HelmValues)list[0]!).Get("config.useAAD") : null);
        Assert.Superset(new HashSet<string> { BasicDisasterRecovery.StorageAccountName, BasicDisasterRecovery.IdentityName, BasicDisasterRecovery.FederationName, BasicDisasterRecovery.BlobAccessName },
            release.DependsOn.ToHashSet());
        Assert.DoesNotContain(graph.Resources.OfType<ConfigSecret>(), s => s.SecretName == BasicDisasterRecovery.CredentialsSecret);
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void The_dr_runbook_holds_valid_restore_templates_per_tenant_and_no_restore_is_applied(DeploymentTarget target)
    {
        var graph = Compose(For(target, 3));
        var configMap = (V1ConfigMap)((KubernetesResource)graph.Resource($"configmap-{BasicDisasterRecovery.Namespace}-{ManualDisasterRecoveryTesting.RunbookConfigMap}")).Object;
        Assert.Contains("# Disaster recovery runbook", configMap.Data[ManualDisasterRecoveryTesting.RunbookKey]);
        foreach (var tenant in Tenants)
        {
            Assert.Contains(BasicDisasterRecovery.ScheduleName(tenant.Name, ClusterRef.PrimaryKey), configMap.Data[ManualDisasterRecoveryTesting.RunbookKey]);
            foreach (var key in new[] { ManualDisasterRecoveryTesting.TestRestoreKey(tenant.Name), ManualDisasterRecoveryTesting.RestoreKey(tenant.Name) })
            {
                Assert.Empty(SchemaValidator.ValidateYaml(configMap.Data[key]));
                var restore = YamlDocuments.Parse(configMap.Data[key]).Single()!;
                Assert.Equal("Restore", (string?)restore["kind"]);
                Assert.Equal(BasicDisasterRecovery.ScheduleName(tenant.Name, ClusterRef.PrimaryKey), (string?)restore["spec"]!["scheduleName"]);
            }
            var test = YamlDocuments.Parse(configMap.Data[ManualDisasterRecoveryTesting.TestRestoreKey(tenant.Name)]).Single()!;
            Assert.Equal(ManualDisasterRecoveryTesting.ScratchNamespace(tenant.Name), (string?)test["spec"]!["namespaceMapping"]![tenant.Name]);
        }
        Assert.DoesNotContain(graph.Resources, r => r.Kind == "Restore");
    }

    [Fact]
    public void Automated_node_provisioning_sets_stable_and_node_image_channels_in_the_maintenance_window()
    {
        var graph = Compose(Azure(3) with { MaintenanceWindow = new MaintenanceWindowConfig("Saturday", "22:30", 6, "+01:00") });
        var cluster = (KubernetesCluster)graph.Resource(Foundation.ClusterName);
        Assert.Equal("stable", cluster.AutomaticUpgradeChannel);
        Assert.Equal("NodeImage", cluster.NodeOsUpgradeChannel);
        var window = new MaintenanceWindow("Weekly", 1, 6, "Saturday", "22:30", "+01:00");
        Assert.Equal(window, cluster.MaintenanceWindowAutoUpgrade);
        Assert.Equal(window, cluster.MaintenanceWindowNodeOs);
        Assert.Equal("Automated Node Provisioning", cluster.ProvenanceOf("AutomaticUpgradeChannel").Source);
        Assert.Null(graph.Component("basic-cluster-updates"));
    }

    [Fact]
    public void Automated_node_provisioning_is_not_applicable_on_existing_and_says_why()
    {
        var graph = Compose(Existing(3));
        var status = Assert.Single(graph.Practices, p => p.Practice == "Automated Node Provisioning");
        Assert.Equal(PracticeState.NotApplicable, status.State);
        Assert.Contains("existing cluster", status.Detail);
        Assert.Null(graph.Component("automated-node-provisioning"));
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Application_observability_runs_the_operator_a_collector_tempo_and_an_instrumentation_per_tenant(DeploymentTarget target)
    {
        var graph = Compose(For(target, 3));
        var operatorRelease = Release(graph, ApplicationObservability.OperatorRelease);
        Assert.Equal(Pins.OpenTelemetryOperator, operatorRelease.Chart);
        Assert.Contains("opentelemetry.io", operatorRelease.ProvidesApiGroups);
        Assert.Equal(false, operatorRelease.Values.Get("admissionWebhooks.certManager.enabled"));
        Assert.Equal(true, operatorRelease.Values.Get("admissionWebhooks.autoGenerateCert.enabled"));
        Assert.Equal(2, operatorRelease.Values.Get("replicaCount"));
        Assert.Equal(Pins.Tempo, Release(graph, ApplicationObservability.TempoRelease).Chart);

        var collectorName = $"opentelemetrycollector-{ApplicationObservability.Namespace}-{ApplicationObservability.CollectorName}";
        var collector = Custom(graph, collectorName);
        Assert.Contains("tempo.tempo.svc:4317", collector.Spec!.ToJsonString());
        Assert.Contains(ApplicationObservability.OperatorRelease, graph.Resource(collectorName).DependsOn);
        foreach (var tenant in Tenants)
        {
            var name = $"instrumentation-{tenant.Name}-{ApplicationObservability.InstrumentationName}";
            Assert.Equal(ApplicationObservability.CollectorHttpEndpoint, (string?)Custom(graph, name).Spec!["exporter"]!["endpoint"]);
            // Every language's image is pinned on the Instrumentation, not left to the operator's default.
            var spec = Custom(graph, name).Spec!;
            Assert.Equal(["java", "nodejs", "python", "dotnet"], TenantPodImages.AutoInstrumentation.Select(i => i.Key));
            Assert.All(TenantPodImages.AutoInstrumentation, i => Assert.Equal(i.Image, (string?)spec[i.Key]!["image"]));
            Assert.Contains(Foundation.TenantNamespace(tenant.Name), graph.Resource(name).DependsOn);
        }
        var monitoring = Release(graph, WellKnown.PrometheusStackRelease);
        Assert.Contains("\"uid\":\"tempo\"", monitoring.Values.ToJson()["grafana"]!["additionalDataSources"]!.ToJsonString());
        Assert.Equal("Application Observability", monitoring.ProvenanceOf("Values.grafana.additionalDataSources[0].uid").Source);
    }

    [Fact]
    public void With_a_traces_endpoint_no_tempo_is_installed_and_the_collector_exports_there_over_tls()
    {
        var graph = Compose(Existing(3) with { TracesEndpoint = "traces.example.com:4317" });
        Assert.DoesNotContain(graph.Resources, r => r.Name == ApplicationObservability.TempoRelease);
        var collector = Custom(graph, $"opentelemetrycollector-{ApplicationObservability.Namespace}-{ApplicationObservability.CollectorName}");
        var exporters = collector.Spec!["config"]!["exporters"]!.AsObject().Where(e => e.Key.StartsWith("otlp_grpc/", StringComparison.Ordinal)).ToList();
        Assert.Equal(Tenants.Length + 1, exporters.Count);
        Assert.All(exporters, e => Assert.Equal("traces.example.com:4317", (string?)e.Value!["endpoint"]));
        Assert.All(exporters, e => Assert.Null(e.Value!["tls"]));
    }

    [Fact]
    public void Platform_observability_on_existing_ships_node_logs_with_alloy_to_a_single_filesystem_loki()
    {
        var graph = Compose(Existing(3));
        var loki = Release(graph, PlatformObservability.LokiRelease);
        Assert.Equal(Pins.Loki, loki.Chart);
        Assert.Equal("Monolithic", loki.Values.Get("deploymentMode"));
        Assert.Equal("filesystem", loki.Values.Get("loki.storage.type"));
        Assert.Equal(1, loki.Values.Get("singleBinary.replicas"));
        var alloy = Release(graph, PlatformObservability.AlloyRelease);
        Assert.Contains(PlatformObservability.LokiRelease, alloy.DependsOn);
        Assert.Contains($"{PlatformObservability.LokiUrl}/loki/api/v1/push", (string)alloy.Values.Get("alloy.configMap.content")!);
        var alloyNamespace = (KubernetesResource)graph.Resource($"namespace-{PlatformObservability.AlloyNamespace}");
        Assert.Equal("privileged", alloyNamespace.Object.Metadata.Labels[PodSecurity.Enforce]);
        Assert.Contains("\"uid\":\"loki\"", Release(graph, WellKnown.PrometheusStackRelease).Values.ToJson()["grafana"]!["additionalDataSources"]!.ToJsonString());
        AssertDashboard(graph, PlatformObservability.DashboardName);

        // Helm reads values as YAML 1.1: an unquoted date would reach Loki as a timestamp and fail its schema config.
        var values = PlatformMaturity.Rendering.ManifestRenderer.Render(graph)
            .Single(f => f.Path == $"platform-observability/{PlatformObservability.LokiRelease}/values.yaml").Content;
        Assert.Contains("from: \"2024-04-01\"", values);
    }

    [Fact]
    public void Platform_observability_on_azure_keeps_logs_in_blob_storage_with_three_replicas()
    {
        var graph = Compose(Azure(3));
        var loki = Release(graph, PlatformObservability.LokiRelease);
        Assert.Equal("azure", loki.Values.Get("loki.storage.type"));
        Assert.Equal(3, loki.Values.Get("singleBinary.replicas"));
        Assert.Equal(3, loki.Values.Get("loki.commonConfig.replication_factor"));
        Assert.Equal(new AzureRef(PlatformObservability.StorageAccountName, AzureOutput.Name), loki.ValuesFromAzure["loki.storage.azure.accountName"]);
        Assert.IsType<StorageAccount>(graph.Resource(PlatformObservability.StorageAccountName));
        Assert.Equal("system:serviceaccount:loki:loki", Assert.IsType<FederatedIdentityCredential>(graph.Resource(PlatformObservability.FederationName)).Subject);
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Chart_service_monitors_wait_for_the_prometheus_operator(DeploymentTarget target)
    {
        var graph = Compose(For(target, 3));
        foreach (var name in new[] { BasicDisasterRecovery.ReleaseName, ApplicationObservability.OperatorRelease, PlatformObservability.LokiRelease, AdvancedDeliveryProcesses.ReleaseName })
            Assert.Contains(WellKnown.PrometheusStackRelease, graph.Resource(name).DependsOn);
    }
}
