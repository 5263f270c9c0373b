using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Levels 3–5: the platform's own logs, searchable beside its metrics. Alloy on every node ships container logs to
/// Loki; Grafana gets Loki as a datasource and a platform dashboard. On azure Loki keeps its data in a storage account
/// reached through workload identity (3 replicas), and Container Insights still feeds Log Analytics.
/// </summary>
public sealed class PlatformObservability : PracticeComponent
{
    public const string LokiNamespace = "loki";
    public const string LokiRelease = "loki";
    public const string LokiServiceAccount = "loki";
    public const string AlloyNamespace = "alloy";
    public const string AlloyRelease = "alloy";
    public const string DashboardName = "platform-overview";

    /// <summary>Letters and digits only: Pulumi derives the account's Azure name from it, and storage account names allow nothing else.</summary>
    public const string StorageAccountName = "logstorage";
    public const string ChunksContainerName = "log-chunks";
    public const string RulerContainerName = "log-ruler";
    public const string IdentityName = "loki-identity";
    public const string FederationName = "loki-federation";
    public const string BlobAccessName = "loki-blob-access";

    /// <summary>Log retention: two weeks of platform logs for troubleshooting; long-term audit lives elsewhere (Level 4).</summary>
    public const string LogRetention = "336h";

    /// <summary>Loki's HTTP port (pushes and queries): its clients' URLs and the NetworkPolicies admitting them use it.</summary>
    public const int LokiHttpPort = 3100;

    public static readonly string LokiUrl = $"http://{LokiRelease}.{LokiNamespace}.svc:{LokiHttpPort}";

    /// <summary>Stream label Alloy computes the tenant into and drops before pushing.</summary>
    public const string AlloyTenantLabel = "loki_tenant";

    public override string Practice => "Platform Observability";

    public override Implementation Implementation => new(
        Existing: $"Loki (grafana-community chart {Pins.Loki.Version}, monolithic, filesystem on a persistent volume, 14-day retention) fed by Alloy (chart {Pins.Alloy.Version}) on every node; Loki as a Grafana datasource and a platform dashboard",
        Azure: $"Loki (chart {Pins.Loki.Version}, monolithic, 3 replicas, Azure Blob storage through workload identity, 14-day retention) fed by Alloy (chart {Pins.Alloy.Version}); Grafana datasource and platform dashboard; Container Insights into Log Analytics as well");

    public override void Build(ComponentBuilder component)
    {
        component.AddPlatformNamespace(LokiNamespace);
        component.AddPlatformNamespace(AlloyNamespace);

        var fromAzure = new Dictionary<string, AzureRef>();
        var dependsOn = new List<string>(MonitoringStack.IfMonitored(component));
        var values = component.IsAzure ? AzureLoki(component, fromAzure, dependsOn) : FilesystemLoki();
        values = values
            .With("deploymentMode", "Monolithic")
            // Every push and query names its tenant: tenants' logs are separate, and the platform's data source may span them.
            .With("loki.auth_enabled", true)
            .With("loki.querier.multi_tenant_queries_enabled", true)
            .With("loki.limits_config.retention_period", LogRetention)
            .With("loki.compactor.retention_enabled", true)
            // No usage statistics to Grafana Labs (Loki's analytics block, passed through to its config).
            .With("loki.analytics.reporting_enabled", false)
            .With("serviceAccount.create", true)
            .With("serviceAccount.name", LokiServiceAccount)
            .With("read.replicas", 0)
            .With("write.replicas", 0)
            .With("backend.replicas", 0)
            .With("gateway.enabled", false)
            .With("chunksCache.enabled", false)
            .With("resultsCache.enabled", false)
            .With("lokiCanary.enabled", false)
            .With("test.enabled", false)
            .With("minio.enabled", false)
            .With("singleBinary.persistence.enabled", true)
            .With("singleBinary.resources.requests.cpu", "250m")
            .With("singleBinary.resources.requests.memory", "512Mi")
            .With("singleBinary.resources.limits.memory", "2Gi")
            .With("monitoring.serviceMonitor.enabled", component.HasMonitoring);
        component.AddRelease(LokiRelease, LokiNamespace, Pins.Loki, values, dependsOn: dependsOn, createNamespace: false, valuesFromAzure: fromAzure);

        component.AddRelease(AlloyRelease, AlloyNamespace, Pins.Alloy, HelmValues.From(
                ("controller.type", "daemonset"),
                ("alloy.mounts.varlog", true),
                ("alloy.enableReporting", false),
                ("alloy.configMap.create", true),
                ("alloy.configMap.content", AlloyPipeline(component.Config)),
                ("serviceMonitor.enabled", component.HasMonitoring)),
            dependsOn: [LokiRelease, .. MonitoringStack.IfMonitored(component)], createNamespace: false);

        if (component.HasMonitoring)
        {
            MonitoringStack.AddGrafanaDataSource(component, "Loki", "loki", "loki", LokiUrl, new Dictionary<string, string> { [ObservabilityTenants.Header] = ObservabilityTenants.All(component.Config) });
            component.AddObject(PlatformObjects.Dashboard(DashboardName, WellKnown.MonitoringNamespace, Dashboard()));
        }
        component.Note("Query platform logs in Grafana (Explore, datasource Loki), e.g. {namespace=\"velero\"} |= \"error\".");
        if (component.IsAzure)
            component.Note("Container Insights keeps sending container logs to Log Analytics as well (Azure portal: Logs, table ContainerLogV2).");
        else
            component.Note("Loki runs one replica on a persistent volume (without object storage it cannot replicate); losing the volume loses the logs.");
    }

    private static HelmValues FilesystemLoki() => HelmValues.From(
        ("loki.commonConfig.replication_factor", 1),
        ("loki.storage.type", "filesystem"),
        ("loki.schemaConfig.configs", new object[] { Schema("filesystem") }),
        ("loki.compactor.delete_request_store", "filesystem"),
        ("singleBinary.replicas", 1),
        ("singleBinary.persistence.size", "20Gi"));

    private static HelmValues AzureLoki(ComponentBuilder component, Dictionary<string, AzureRef> fromAzure, List<string> dependsOn)
    {
        dependsOn.AddRange(WorkloadBlobStorage.Add(component, new BlobStorageFor(
            StorageAccountName, [(ChunksContainerName, "chunks"), (RulerContainerName, "ruler")], IdentityName, FederationName, BlobAccessName, LokiNamespace, LokiServiceAccount)));
        fromAzure["loki.storage.azure.accountName"] = new AzureRef(StorageAccountName, AzureOutput.Name);
        fromAzure[$"serviceAccount.annotations.\"{WorkloadIdentity.ClientIdAnnotation}\""] = new AzureRef(IdentityName, AzureOutput.ClientId);
        return HelmValues.From(
            ("loki.commonConfig.replication_factor", 3),
            ("loki.storage.type", "azure"),
            ("loki.storage.bucketNames.chunks", "chunks"),
            ("loki.storage.bucketNames.ruler", "ruler"),
            ("loki.storage.azure.useFederatedToken", true),
            ("loki.schemaConfig.configs", new object[] { Schema("azure") }),
            ("loki.compactor.delete_request_store", "azure"),
            ("singleBinary.replicas", 3),
            ("singleBinary.persistence.size", "10Gi"),
            ("singleBinary.persistence.storageClass", AdvancedPlatformMonitoring.AksStorageClass),
            ($"singleBinary.podLabels.\"{WorkloadIdentity.UseLabel}\"", "true"));
    }

    /// <summary>TSDB index with schema v13 from the first day Loki 3 recommends it; fixed, because changing a schema needs a new period.</summary>
    private static Dictionary<string, object?> Schema(string store) => new()
    {
        ["from"] = "2024-04-01",
        ["store"] = "tsdb",
        ["object_store"] = store,
        ["schema"] = "v13",
        ["index"] = new Dictionary<string, object?> { ["prefix"] = "index_", ["period"] = "24h" },
    };

    /// <summary>
    /// Tails this node's pod logs (the chart sets HOSTNAME to the node name), parses the CRI format, pushes to Loki with
    /// the tenant as X-Scope-OrgID: a tenant namespace's logs under its tenant, every other namespace's under
    /// <see cref="ObservabilityTenants.Platform"/> (stage.tenant reads the label the relabel rules computed, then it is dropped).
    /// </summary>
    internal static string AlloyPipeline(PlatformConfig config) => $$"""
        discovery.kubernetes "pods" {
          role = "pod"
          selectors {
            role  = "pod"
            field = "spec.nodeName=" + sys.env("HOSTNAME")
          }
        }

        discovery.relabel "pods" {
          targets = discovery.kubernetes.pods.targets
          rule {
            source_labels = ["__meta_kubernetes_namespace"]
            target_label  = "namespace"
          }
          rule {
            source_labels = ["__meta_kubernetes_pod_name"]
            target_label  = "pod"
          }
          rule {
            source_labels = ["__meta_kubernetes_pod_container_name"]
            target_label  = "container"
          }
          rule {
            source_labels = ["__meta_kubernetes_pod_label_app_kubernetes_io_name"]
            target_label  = "app"
          }
          rule {
            target_label = "{{AlloyTenantLabel}}"
            replacement  = "{{ObservabilityTenants.Platform}}"
          }
          rule {
            source_labels = ["__meta_kubernetes_namespace"]
            regex         = "{{TenantNamespacesRegex(config)}}"
            target_label  = "{{AlloyTenantLabel}}"
          }
          rule {
            source_labels = ["__meta_kubernetes_pod_uid", "__meta_kubernetes_pod_container_name"]
            separator     = "/"
            target_label  = "__path__"
            replacement   = "/var/log/pods/*$1/*.log"
          }
        }

        local.file_match "pods" {
          path_targets = discovery.relabel.pods.output
        }

        loki.source.file "pods" {
          targets    = local.file_match.pods.targets
          forward_to = [loki.process.pods.receiver]
        }

        loki.process "pods" {
          stage.cri {}
          stage.tenant {
            label = "{{AlloyTenantLabel}}"
          }
          stage.label_drop {
            values = ["{{AlloyTenantLabel}}"]
          }
          forward_to = [loki.write.platform.receiver]
        }

        loki.write "platform" {
          endpoint {
            url = "{{LokiUrl}}/loki/api/v1/push"
          }
        }

        """;

    /// <summary>
    /// The regex (anchored by Alloy, RE2) matching exactly the tenant namespaces and capturing the name as $1; tenant
    /// names are DNS-1123, so they need no escaping. Without tenants, "a^", which matches nothing.
    /// </summary>
    /// <summary>
    /// The namespaces whose logs go to a tenant's Loki org, the org being the first group. From Level 5 also the
    /// namespaces its team creates through Capsule (&lt;tenant&gt;-*, <see cref="TenantNamespaces"/>), whose logs are the
    /// tenant's, not the platform's.
    /// </summary>
    private static string TenantNamespacesRegex(PlatformConfig config) =>
        config.Tenants.IsEmpty ? "a^"
        : Delivery.KubernetesLandingZone.SelfServiceNamespaces(config) ? TenantNamespaces.TenantOfNamespaceRegex(config.Tenants.Select(t => ObservabilityTenants.Of(t.Name)))
        : $"({string.Join('|', config.Tenants.Select(t => ObservabilityTenants.Of(t.Name)))})";

    private static System.Text.Json.Nodes.JsonObject Dashboard()
    {
        var ns = $"namespace=~\"{string.Join('|', PlatformNamespaces.WithKubeSystem)}\"";
        return new GrafanaDashboard("platform-overview", "Platform overview", "platform")
            .TimeSeries("Unavailable platform replicas", "short",
                ($"sum by (namespace) (kube_deployment_spec_replicas{{{ns}}} - kube_deployment_status_replicas_available{{{ns}}})", "{{namespace}}"))
            .TimeSeries("Platform container restarts (1h)", "short",
                ($"sum by (namespace) (increase(kube_pod_container_status_restarts_total{{{ns}}}[1h]))", "{{namespace}}"))
            .TimeSeries("Platform CPU", "cores",
                ($"sum by (namespace) (rate(container_cpu_usage_seconds_total{{{ns},container!=\"\"}}[5m]))", "{{namespace}}"))
            .TimeSeries("Platform memory", "bytes",
                ($"sum by (namespace) (container_memory_working_set_bytes{{{ns},container!=\"\"}})", "{{namespace}}"))
            .Logs("Platform errors", "loki", $"{{{ns}}} |~ \"(?i)(error|fail|panic)\"")
            .Build();
    }
}
