using System.Collections.Immutable;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using PlatformMaturity.Config;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Versions;
using Scriban.Runtime;

namespace PlatformMaturity.GoldenPaths.Rendering;

/// <summary>
/// What templates see. <c>practices.&lt;snake_case&gt;</c> says whether the platform provides each practice of the
/// model: in effect at the stack's level and implemented on its target (templates branch on practices, not level
/// numbers); <c>app</c>, <c>values</c> (the validated parameters), <c>platform</c>, <c>pins</c> and <c>contract</c>
/// carry the data; <c>trace</c>, <c>provides</c> and <c>q</c> are the functions.
/// </summary>
internal static class TemplateModel
{
    private static readonly JsonSerializerOptions QuoteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ScriptObject Build(ValidatedApp app, PlatformContext platform, PracticeTracer tracer, string folder)
    {
        var config = platform.Config;
        var values = new ScriptObject();
        foreach (var (name, value) in app.Values)
            values[name] = value is ImmutableArray<string> list ? new ScriptArray(list) : value;

        var globals = new ScriptObject
        {
            ["app"] = new ScriptObject
            {
                ["name"] = app.Name,
                ["team"] = app.Team,
                // The tenant's namespace once Hard multi-tenancy is in effect; before it, the team's namespace
                // if one was named (the platform creates one per tenant at every level), else none.
                ["namespace"] = app.Team,
                ["golden_path"] = app.GoldenPath.Name,
                // The tenant's tier (small, medium, large), which picks its node pool on azure from Level 4; null for no tenant.
                ["tier"] = config.Tenants.FirstOrDefault(t => t.Name == app.Team) is { } tenant ? ConfigNames.Of(tenant.Tier) : null,
                ["description"] = app.GoldenPath.Manifest.Description,
                ["catalog_type"] = app.GoldenPath.Manifest.CatalogType,
                // The output folder relative to the app repository's root ("." or e.g. deploy/dev): what CI edits and Argo CD syncs.
                ["folder"] = folder,
                // The folder of the environments' folders (deploy for deploy/dev), or null: the CI workflow ignores commits to the others.
                ["environments_folder"] = Output.RepositoryFiles.EnvironmentsFolder(folder),
            },
            ["values"] = values,
            ["practices"] = tracer.Flags(),
            ["platform"] = new ScriptObject
            {
                ["stack"] = config.Stack,
                ["name"] = config.Name,
                ["level"] = config.Level,
                ["level_name"] = platform.Level.Name,
                ["level_title"] = platform.Level.Title,
                ["target"] = ConfigNames.Of(config.Target),
                ["azure"] = config.IsAzure,
                ["environment"] = ConfigNames.Of(config.Environment),
                ["prod"] = config.Environment == EnvironmentKind.Prod,
                // Advanced Costs Management: when non-production apps run (platform:workingHours, cron-checked when read).
                ["working_hours_start"] = config.WorkingHours.Start,
                ["working_hours_end"] = config.WorkingHours.End,
                ["working_hours_time_zone"] = config.WorkingHours.TimeZone,
                ["registry"] = config.Registry,
                // Basic Traffic Filtering admits tenant traffic from this namespace (platform:ingressNamespace); so do apps' policies.
                ["ingress_namespace"] = config.IngressNamespace,
                // The platform gateway's namespace is that same key; gateway says whether the platform installs Gateway API.
                ["gateway_namespace"] = config.IngressNamespace,
                ["gateway"] = platform.Installs(PlatformContract.GatewayApiGroup),
                // The inference operator the platform runs on this target (Just-in-time Capacity): "kaito" (azure, InferenceSet),
                // "kserve" (existing, InferenceService), or null when its API is not installed.
                // Advanced Volume Management's ReadWriteMany class: the platform's zone-redundant share on azure, the
                // cluster's own class named in platform:rwxStorageClass on existing (null when none is named).
                ["shared_storage_class"] = !platform.Provides("Advanced Volume Management") ? null
                    : config.IsAzure ? PlatformContract.SharedStorageClass : config.RwxStorageClass,
                ["shared_storage_key"] = Config.ConfigKeys.RwxStorageClass.FullName,
                ["inference"] = platform.Installs(Practices.Efficiency.ModelServing.ApiGroupOn(config.IsAzure))
                    ? (config.IsAzure ? "kaito" : "kserve")
                    : null,
                ["golden_paths_from"] = platform.FirstLevelOf("Golden Paths"),
            },
            ["pins"] = new ScriptObject
            {
                ["trivy_image"] = Pins.GoldenPathCi.TrivyImage,
                ["checkout"] = Pins.GoldenPathCi.Checkout,
                ["setup_buildx"] = Pins.GoldenPathCi.SetupBuildx,
                ["docker_login"] = Pins.GoldenPathCi.DockerLogin,
                ["build_push"] = Pins.GoldenPathCi.BuildPush,
                ["azure_login"] = Pins.GoldenPathCi.AzureLogin,
                ["cosign_installer"] = Pins.GoldenPathCi.CosignInstaller,
                ["upload_artifact"] = Pins.GoldenPathCi.UploadArtifact,
                ["pod_security_version"] = Pins.PodSecurityVersion,
                ["postgres_image"] = Pins.Postgres.Image,
            },
            ["contract"] = new ScriptObject
            {
                ["monitoring_namespace"] = PlatformContract.MonitoringNamespace,
                ["prometheus_release"] = PlatformContract.PrometheusRelease,
                // The app's namespace's own Prometheus proxy (never Prometheus itself: it would show other tenants' series); none without tenancy (Level 1).
                ["tenant_prometheus_url"] = app.Team is { } team ? PlatformContract.TenantPrometheusUrl(team) : null,
                ["http_duration_metric"] = PlatformContract.HttpServerDurationMetric,
                ["http_status_label"] = PlatformContract.HttpStatusCodeLabel,
                ["restarts_metric"] = PlatformContract.ContainerRestartsMetric,
                ["argocd_namespace"] = PlatformContract.ArgoCdNamespace,
                ["cluster_selector_label"] = PlatformContract.ClusterSelectorLabel,
                ["gpu_cluster_label"] = PlatformContract.GpuClusterLabel,
                ["keda_namespace"] = PlatformContract.KedaNamespace,
                ["gpu_resource"] = PlatformContract.GpuResource,
                ["gpu_taint_key"] = PlatformContract.GpuTaintKey,
                ["gpu_taint_value"] = PlatformContract.GpuTaintValue,
                ["gpu_node_label"] = PlatformContract.GpuNodeLabel,
                ["gpu_node_label_value"] = PlatformContract.GpuNodeLabelValue,
                ["kserve_deployment_mode"] = PlatformContract.KServeDeploymentMode,
                ["keda_http_interceptor_service"] = PlatformContract.KedaHttpInterceptorService,
                ["keda_http_interceptor_port"] = PlatformContract.KedaHttpInterceptorPort,
                ["keda_http_scaler_address"] = PlatformContract.KedaHttpScalerAddress,
                ["spot_taint_key"] = PlatformContract.SpotTaintKey,
                ["spot_taint_value"] = PlatformContract.SpotTaintValue,
                ["kueue_queue_label"] = PlatformContract.KueueQueueLabel,
                // DORA Metrics (Practices/Delivery/DoraContract.cs): what the workflow writes and the ChangeRecord each app carries.
                // The CI workflow's variable naming the folder it deploys (RepositoryFiles reads it back).
                ["app_folder_variable"] = Output.RepositoryFiles.FolderVariable,
                ["dora_commit_sha_annotation"] = DoraContract.CommitShaAnnotation,
                ["dora_commit_time_annotation"] = DoraContract.CommitTimeAnnotation,
                ["dora_commit_time_format"] = DoraContract.GitCommitTimeFormat,
                ["dora_change_api_version"] = DoraContract.ApiVersion,
                ["dora_change_kind"] = DoraContract.Kind,
                ["gateway_name"] = PlatformContract.GatewayName,
                ["tier_taint_key"] = PlatformContract.TierTaintKey,
                ["cost_center_label"] = PlatformContract.CostCenterLabel,
                ["mesh_metrics_port"] = PlatformContract.MeshMergedMetricsPort,
                ["data_storage_class"] = PlatformContract.DataStorageClass,
                ["postgres_operator_namespace"] = PlatformContract.PostgresOperatorNamespace,
                ["postgres_operator_pod_label"] = PlatformContract.PostgresOperatorPods.Key,
                ["postgres_operator_pod_value"] = PlatformContract.PostgresOperatorPods.Value,
                ["postgres_status_port"] = PlatformContract.PostgresStatusPort,
                ["postgres_backup_plugin"] = PlatformContract.PostgresBackupPlugin,
                ["postgres_backup_service_account"] = PlatformContract.PostgresBackupServiceAccount,
                ["postgres_backup_container"] = app.Team is { } owner ? PlatformContract.PostgresBackupContainer(owner) : null,
            },
        };
        globals.Import("trace", new Func<string[], string>(tracer.Trace));
        globals.Import("provides", new Func<string, bool>(tracer.Provides));
        globals.Import("q", new Func<object?, string>(Quote));
        return globals;
    }

    /// <summary>A YAML double-quoted scalar (JSON string syntax, which YAML 1.2 reads the same way).</summary>
    public static string Quote(object? value) =>
        JsonSerializer.Serialize(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", QuoteOptions);
}
