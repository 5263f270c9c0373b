using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// From Level 4 (the seed's first level with stateful workloads) the platform runs the operators the postgres golden
/// path builds on: CloudNativePG, and its Barman Cloud plugin for backups to object storage (the in-tree
/// barmanObjectStore is deprecated and removed in CloudNativePG 1.31). Part of Golden Paths: the operators exist so the
/// path's objects can be applied. The plugin issues its TLS certificates with cert-manager, so it is installed only
/// where the platform installs cert-manager's API (cert-manager.io); the golden path requires its API group.
/// </summary>
public static class PostgresOperator
{
    public const int FromLevel = 4;
    public const string Namespace = "cnpg-system";
    public const string OperatorRelease = "cloudnative-pg";
    public const string PluginRelease = "plugin-barman-cloud";
    public const string ApiGroup = "postgresql.cnpg.io";
    public const string PluginApiGroup = "barmancloud.cnpg.io";

    /// <summary>The plugin's name as Cluster.spec.plugins[].name refers to it.</summary>
    public const string PluginName = "barman-cloud.cloudnative-pg.io";

    /// <summary>The operator's admission webhook port (chart webhook.port).</summary>
    public const int WebhookPort = 9443;

    /// <summary>Operator pods (chart selector label app.kubernetes.io/name: cloudnative-pg).</summary>
    public static readonly (string Key, string Value) OperatorPods = ("app.kubernetes.io/name", "cloudnative-pg");

    /// <summary>The instance manager's status port the operator calls on every PostgreSQL pod.</summary>
    public const int InstanceStatusPort = 8000;

    public static void Add(ComponentBuilder component)
    {
        var provenance = component.Since(FromLevel);
        component.AddPlatformNamespace(Namespace, provenance);
        var values = HelmValues.From(
            ("crds.create", true),
            ("replicaCount", 2),
            // Tenants bound to edit/view manage and read their Clusters, Backups and ScheduledBackups.
            ("rbac.aggregateClusterRoles", true),
            ("monitoring.podMonitorEnabled", component.HasMonitoring));
        var dependsOn = component.HasMonitoring ? [WellKnown.PrometheusStackRelease] : Array.Empty<string>();
        component.AddRelease(OperatorRelease, Namespace, Pins.CloudNativePg, values, provenance,
            providesApiGroups: [ApiGroup], dependsOn: dependsOn, createNamespace: false);

        var certManager = component.Existing<HelmRelease>().Any(r => r.ProvidesApiGroups.Contains("cert-manager.io"));
        if (certManager)
        {
            component.AddRelease(PluginRelease, Namespace, Pins.BarmanCloudPlugin, HelmValues.From(("replicaCount", 1)), provenance,
                providesApiGroups: [PluginApiGroup], dependsOn: [OperatorRelease], createNamespace: false);
            component.AddObject(PlatformObjects.AggregatedRole("barman-cloud-objectstores-edit", ["edit", "admin"], PluginApiGroup, "objectstores",
                ["get", "list", "watch", "create", "update", "patch", "delete"]), provenance);
        }
        else
        {
            component.Note($"The Barman Cloud plugin (PostgreSQL backups to object storage) needs cert-manager, which this platform does not install yet; the postgres golden path stays unavailable until it does ({PluginApiGroup}).");
        }
        component.Note($"PostgreSQL for tenants: pmctl app new <name> --template postgres; the operator runs in {Namespace} (kubectl get clusters.postgresql.cnpg.io -A).");
    }
}
