using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// From Level 4 (the seed's first level with stateful workloads) the platform runs the operators the postgres golden
/// path builds on: CloudNativePG, and its Barman Cloud plugin for backups to object storage (the in-tree
/// barmanObjectStore is deprecated and removed in CloudNativePG 1.31). Part of Golden Paths: the operators exist so the
/// path's objects can be applied. The plugin issues its TLS certificates with cert-manager (the platform's, or the
/// stack's own: <see cref="PlatformCertManager"/>).
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

    /// <summary>
    /// azure: the service account every postgres Cluster of a tenant runs as (Cluster.spec.serviceAccountName, which
    /// CloudNativePG 1.30 offers for sharing one cloud identity across clusters). The platform creates it in each tenant
    /// namespace, annotated with the tenant's backup identity, so the federated credential names exactly the account the
    /// instance pods (and their Barman Cloud sidecar) run as.
    /// </summary>
    public const string BackupServiceAccount = "postgres-backup";

    /// <summary>
    /// azure: the tenant's blob container for PostgreSQL base backups and WAL, in the platform's geo-redundant backup
    /// account: postgres-&lt;tenant&gt; whenever Azure accepts that, else shortened with a hash (a tenant name may be 63
    /// characters long and hold consecutive hyphens, which Azure container names may not: <see cref="StorageContainerNames.For"/>).
    /// </summary>
    public static string BackupContainer(string tenant) => StorageContainerNames.For("postgres-", tenant);

    /// <summary>Graph names of a tenant's backup container, identity, federated credential and role assignment.</summary>
    public static string BackupContainerResource(string tenant) => $"postgres-backups-{tenant}";

    public static string BackupIdentity(string tenant) => $"postgres-backup-{tenant}";

    public static string BackupFederation(string tenant) => $"{BackupIdentity(tenant)}-federation";

    public static string BackupAccess(string tenant) => $"{BackupIdentity(tenant)}-blob-access";

    /// <summary>Stack output (azure): the Azure name of the storage account the tenants' PostgreSQL backups go to.</summary>
    public const string BackupStorageAccountOutput = "postgresBackupStorageAccount";

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

        // The plugin's TLS between the operator and its sidecars comes from cert-manager.
        var certManager = PlatformCertManager.Ensure(component, provenance);
        component.AddRelease(PluginRelease, Namespace, Pins.BarmanCloudPlugin, HelmValues.From(("replicaCount", 1)), provenance,
            providesApiGroups: [PluginApiGroup], dependsOn: [OperatorRelease, .. certManager], createNamespace: false);
        component.AddObject(PlatformObjects.AggregatedRole("barman-cloud-objectstores-edit", ["edit", "admin"], PluginApiGroup, "objectstores",
            ["get", "list", "watch", "create", "update", "patch", "delete"]), provenance);
        // Basic Disaster Recovery creates the backup account on azure (composed after this practice, so asked, not looked up).
        if (component.IsAzure && component.Implements(BasicDisasterRecovery.PracticeName))
            AddTenantBackupAccess(component, provenance);
        component.Note($"PostgreSQL for tenants: pmctl app new <name> --template postgres; the operator runs in {Namespace} (kubectl get clusters.postgresql.cnpg.io -A).");
    }

    /// <summary>
    /// azure, per tenant: a blob container in the platform's backup account (RA-GZRS from Level 4, so backups survive a
    /// region), a user-assigned identity federated with the tenant's <see cref="BackupServiceAccount"/>, and Storage Blob
    /// Data Contributor on that container only. The account takes no shared keys, so Entra ID is the only way in, and a
    /// tenant's identity has a role on its own container and nowhere else: another tenant's pods (another namespace, so
    /// another token subject) can neither use this identity nor read this container, even by pointing an ObjectStore at it.
    /// </summary>
    private static void AddTenantBackupAccess(ComponentBuilder component, Provenance provenance)
    {
        foreach (var tenant in component.Config.Tenants)
        {
            var container = BackupContainerResource(tenant.Name);
            component.Add(new StorageContainer
            {
                Name = container,
                Provenance = provenance,
                ContainerName = BackupContainer(tenant.Name),
                StorageAccount = new AzureRef(BasicDisasterRecovery.StorageAccountName, AzureOutput.Id),
            });
            WorkloadIdentity.Add(component, BackupIdentity(tenant.Name), BackupFederation(tenant.Name), tenant.Name, BackupServiceAccount, provenance);
            component.Add(new RoleAssignment
            {
                Name = BackupAccess(tenant.Name),
                Provenance = provenance,
                // A container created by storage account id has its Resource Manager id as id: the role covers this container only.
                Scope = new AzureRef(container, AzureOutput.Id),
                RoleDefinitionName = "Storage Blob Data Contributor",
                PrincipalId = new AzureRef(BackupIdentity(tenant.Name), AzureOutput.PrincipalId),
            });
            var clientId = new AzureRef(BackupIdentity(tenant.Name), AzureOutput.ClientId);
            var account = component.AddObject(new V1ServiceAccount
            {
                ApiVersion = "v1",
                Kind = "ServiceAccount",
                Metadata = new V1ObjectMeta
                {
                    Name = BackupServiceAccount,
                    NamespaceProperty = tenant.Name,
                    Annotations = new Dictionary<string, string> { [WorkloadIdentity.ClientIdAnnotation] = clientId.Placeholder },
                },
            }, provenance);
            component.Contribute<KubernetesResource>(account.Name, resource => resource with { TextFromAzure = [clientId] });
        }
        component.Note($"PostgreSQL backups (azure): each tenant's Clusters run as service account {BackupServiceAccount}, federated with the tenant's own identity, which may write only to its container postgres-<tenant> (shortened with a hash where Azure's 63-character, single-hyphen rule requires) in the backup storage account (pulumi stack output {BackupStorageAccountOutput}); no storage key exists.");
    }
}
