using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Levels 3–5: every tenant namespace is backed up daily by Velero to storage outside the cluster; on azure a
/// zone-redundant storage account reached with workload identity (no keys), on existing an S3 bucket from config.
/// </summary>
public sealed class BasicDisasterRecovery : PracticeComponent
{
    public const string Namespace = "velero";
    public const string ReleaseName = "velero";
    public const string ServiceAccount = "velero-server";
    public const string StorageLocation = "default";
    public const string CredentialsSecret = "velero-credentials";
    public const string BackupRule = "velero-backups";

    /// <summary>The Velero chart value listing the backup storage locations (the first is this cluster's own, read-write).</summary>
    public const string LocationsValue = "configuration.backupStorageLocation";

    /// <summary>Letters and digits only: Pulumi derives the account's Azure name from it, and storage account names allow nothing else.</summary>
    public const string StorageAccountName = "backupstorage";
    public const string StorageContainerName = "backup-container";
    public const string BlobContainer = "velero";
    public const string IdentityName = "velero-identity";
    public const string FederationName = "velero-federation";
    public const string BlobAccessName = "velero-blob-access";

    public const string PracticeName = "Basic Disaster Recovery";

    public override string Practice => PracticeName;

    public override Implementation Implementation => new(
        Existing: $"Velero (chart {Pins.Velero.Version}, S3 plugin) with a daily Schedule per tenant namespace into the S3 bucket from platform:backupBucket (credentials from secret config), alerts on failed or stale backups",
        Azure: $"Velero (chart {Pins.Velero.Version}, Azure plugin) with a daily Schedule per tenant namespace into a zone-redundant storage account without shared keys, reached through workload identity (user-assigned identity, federated credential, Storage Blob Data Contributor)");

    /// <summary>
    /// Where the Velero of a member (any cluster of platform:clusters after the first) writes, given the first cluster's
    /// bucket and prefix: beside it, never inside it. Velero refuses a location whose prefix root (or bucket root, without
    /// a prefix) holds directories other than its own (pkg/persistence/object_store.go IsValid: "Backup store contains
    /// invalid top-level directories"), so a member writing under the first cluster's prefix would make the first
    /// cluster's location Unavailable. With a prefix (existing) the member writes under &lt;prefix&gt;.&lt;member&gt; (a dot,
    /// which no stack name holds, so no other platform's prefix can be the same); without one (azure, where the first
    /// cluster writes at the container's root) into its own container velero-&lt;member&gt; of the same account.
    /// </summary>
    public static (string Bucket, string? Prefix) MemberLocation(string firstBucket, string? firstPrefix, string key) =>
        firstPrefix is { } prefix ? (firstBucket, $"{prefix}.{key}") : (MemberContainer(key), null);

    /// <summary>azure: the blob container of a member's Velero (see <see cref="MemberLocation"/>).</summary>
    public static string MemberContainer(string key) => StorageContainerNames.For($"{BlobContainer}-", key);

    /// <summary>Graph name of the Velero identity of a cluster (azure): the first cluster's is the one it always had.</summary>
    public static string IdentityOf(string clusterKey) => clusterKey == ClusterRef.PrimaryKey ? IdentityName : ClusterMembers.CopyName(clusterKey, IdentityName);

    /// <summary>Graph name of the blob container a cluster's Velero writes to (azure).</summary>
    public static string ContainerOf(string clusterKey) => clusterKey == ClusterRef.PrimaryKey ? StorageContainerName : ClusterMembers.CopyName(clusterKey, StorageContainerName);

    public const string BlobDelegationName = "velero-blob-delegation";

    /// <summary>
    /// Storage Blob Delegator on the account: Velero's Azure plugin signs the download URLs of backup and restore logs
    /// (velero backup logs, describe --details) with a user delegation key, which Azure grants only at account scope or
    /// above. The role reads and writes no data: a URL signed so carries no more than the identity's own container roles.
    /// </summary>
    private static void AddDelegation(ComponentBuilder component, string clusterKey) => component.Add(new RoleAssignment
    {
        Name = clusterKey == ClusterRef.PrimaryKey ? BlobDelegationName : ClusterMembers.CopyName(clusterKey, BlobDelegationName),
        Provenance = component.Provenance,
        Scope = new AzureRef(StorageAccountName, AzureOutput.Id),
        RoleDefinitionName = "Storage Blob Delegator",
        PrincipalId = new AzureRef(IdentityOf(clusterKey), AzureOutput.PrincipalId),
    });

    /// <summary>
    /// The Schedule backing up one tenant namespace on one cluster, and so the prefix of every backup it makes (Velero names
    /// them &lt;schedule&gt;-&lt;yyyyMMddHHmmss&gt;). Unique across the platform's clusters: a cluster syncs its peer's backups
    /// through a read-only location (<see cref="CrossRegionRestoreDrill.PeerLocation"/>), and Velero skips a synced backup
    /// whose name this cluster already has, so with shared names a survivor could not restore a lost cluster's tenants.
    /// The first cluster keeps daily-&lt;tenant&gt;, the name it always had: renaming a running Schedule deletes it and
    /// creates another, whose restores (scheduleName) and alerts (schedule label) no longer see the earlier backups.
    /// Every other member adds its key after a dot: tenant names and member names are DNS labels (no dot), so no two
    /// clusters' names can meet, and the first cluster's (without a dot) never equals a member's.
    /// </summary>
    public static string ScheduleName(string tenant, string clusterKey) =>
        clusterKey == ClusterRef.PrimaryKey ? $"daily-{tenant}" : $"daily-{tenant}.{clusterKey}";

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        component.AddPlatformNamespace(Namespace);

        var values = HelmValues.From(
            ("upgradeCRDs", true),
            ("resources.requests.cpu", "500m"),
            ("resources.requests.memory", "256Mi"),
            ("resources.limits.cpu", "1000m"),
            ("resources.limits.memory", "1Gi"),
            ("serviceAccount.server.create", true),
            ("serviceAccount.server.name", ServiceAccount),
            ("backupsEnabled", true),
            // Kubernetes objects only: Level 3 keeps stateful workloads off the platform; volume snapshots come with Level 4.
            ("snapshotsEnabled", false),
            ("deployNodeAgent", false),
            ("configuration.volumeSnapshotLocation", Array.Empty<object>()),
            ("configuration.defaultBackupStorageLocation", StorageLocation),
            ("metrics.enabled", true),
            ("metrics.serviceMonitor.enabled", component.HasMonitoring));

        var dependsOn = new List<string>(MonitoringStack.IfMonitored(component));
        var fromAzure = new Dictionary<string, AzureRef>();
        if (component.IsAzure)
            values = AddAzureStorage(component, values, dependsOn, fromAzure);
        else
            values = AddS3Location(component, values, dependsOn);

        component.AddRelease(ReleaseName, Namespace, Pins.Velero, values,
            providesApiGroups: ["velero.io"], dependsOn: dependsOn, createNamespace: false, valuesFromAzure: fromAzure);

        foreach (var tenant in config.Tenants)
        {
            var schedule = component.AddObject(Schedule(tenant.Name, config));
            // Every other member's copy (with what later practices contribute, volume data at Level 4) carries the member's name.
            component.ForEachMember<CustomObject>(schedule.Name, (key, copy) => copy.Metadata.Name = ScheduleName(tenant.Name, key));
        }
        if (component.HasMonitoring)
            component.AddObject(PlatformObjects.PrometheusRule(BackupRule, Namespace, BackupRules()));

        component.Note($"Backups run at '{config.BackupSchedule}' (UTC) and are kept {config.BackupRetentionDays} days: kubectl get backups -n {Namespace}");
        component.Note($"Back up a tenant now: kubectl create -n {Namespace} -f - <<< '{{\"apiVersion\":\"velero.io/v1\",\"kind\":\"Backup\",\"metadata\":{{\"generateName\":\"manual-\"}},\"spec\":{{\"includedNamespaces\":[\"<tenant>\"]}}}}' (or velero backup create --from-schedule {ScheduleName("<tenant>", ClusterRef.PrimaryKey)})");
        if (config.Members.Length > 1)
            component.Note($"Each cluster's tenant Schedules carry its name so its backups never share a name with a peer's: {ScheduleName("<tenant>", ClusterRef.PrimaryKey)} on the first cluster (unchanged), {ScheduleName("<tenant>", "<cluster>")} on the others. " +
                $"On a member that ran {ScheduleName("<tenant>", ClusterRef.PrimaryKey)} before, pulumi up replaces that Schedule (delete, create): its earlier backups stay in the member's location until their TTL and restore by backupName; scheduleName restores and the backup alerts follow the new name from its first backup on.");
        component.Note("Backups hold Kubernetes objects only (no volume data): Level 3 runs stateless workloads; Disaster Recovery for Persistent Storage adds volume snapshots at Level 4.");
        component.Note("Velero runs one replica by design (one server per cluster); a restart resumes from the Schedules and the storage location.");
    }

    /// <summary>
    /// What a tenant's Schedule backs up: its namespace, and from Level 5 the ones its team creates through Capsule
    /// (&lt;tenant&gt;-*). Velero 1.18 expands glob patterns in includedNamespaces against the cluster's namespaces at each
    /// backup (pkg/util/wildcard, vmware-tanzu/velero v1.18.0, "Wildcard support for namespaces" in CHANGELOG-1.18), so
    /// a namespace created after the Schedule is in the next backup.
    /// </summary>
    public static IReadOnlyList<string> IncludedNamespaces(string tenant, PlatformConfig config) =>
        Delivery.KubernetesLandingZone.SelfServiceNamespaces(config) ? [tenant, TenantNamespaces.Glob(tenant)] : [tenant];

    private static CustomObject Schedule(string tenant, PlatformConfig config) => new()
    {
        ApiVersion = "velero.io/v1",
        Kind = "Schedule",
        Metadata = new V1ObjectMeta { Name = ScheduleName(tenant, ClusterRef.PrimaryKey), NamespaceProperty = Namespace },
        Spec = new JsonObject
        {
            ["schedule"] = config.BackupSchedule,
            ["useOwnerReferencesInBackup"] = false,
            ["template"] = new JsonObject
            {
                ["includedNamespaces"] = new JsonArray([.. IncludedNamespaces(tenant, config).Select(ns => (JsonNode)JsonValue.Create(ns))]),
                ["storageLocation"] = StorageLocation,
                ["snapshotVolumes"] = false,
                ["ttl"] = $"{config.BackupRetentionDays * 24}h0m0s",
            },
        },
    };

    private static HelmValues AddAzureStorage(ComponentBuilder component, HelmValues values, List<string> dependsOn, Dictionary<string, AzureRef> fromAzure)
    {
        var resourceGroup = component.Existing<ResourceGroup>().Single(g => g.Name == Foundation.ResourceGroupName);
        dependsOn.AddRange(WorkloadBlobStorage.Add(component, new BlobStorageFor(
            StorageAccountName, [(StorageContainerName, BlobContainer)], IdentityName, FederationName, BlobAccessName, Namespace, ServiceAccount)));
        // Least privilege: the first cluster's Velero writes its own container only (the role on the whole account would let
        // it write and delete every member's backups and the tenants' PostgreSQL backups beside them). A container made by
        // account id has its Resource Manager id as id, so the role covers that container alone.
        component.Contribute<RoleAssignment>(BlobAccessName, role => role with { Scope = new AzureRef(StorageContainerName, AzureOutput.Id) });
        AddDelegation(component, ClusterRef.PrimaryKey);
        component.Note($"Velero's identity {IdentityName} holds Storage Blob Data Contributor on its container {BlobContainer} only (and Storage Blob Delegator on the account, for signed log URLs). A stack that had the role on the whole account sees pulumi up replace {BlobAccessName}: the assignment on the container is created before the one on the account is deleted, so backups are not interrupted.");
        // Every further cluster's Velero gets its own container in the same account (see MemberLocation) and its own
        // identity, contributor on that container only. ClusterMembers points the member's copies (the release's client id,
        // its federated credential, the release's wait) at these instead of the first cluster's.
        var members = component.Config.Members;
        foreach (var (member, index) in ClusterMembers.Refs(component.Config).Select((m, i) => (m, i)).Skip(1))
        {
            var container = component.Add(new StorageContainer
            {
                Name = ContainerOf(member.Key),
                Provenance = component.Provenance,
                ContainerName = MemberContainer(member.Key),
                StorageAccount = new AzureRef(StorageAccountName, AzureOutput.Id),
            });
            var identity = component.Add(new UserAssignedIdentity
            {
                Name = IdentityOf(member.Key),
                Provenance = component.Provenance,
                ResourceGroup = Foundation.ResourceGroupName,
                // In the member's region: its backups keep working when another region is down.
                Location = members[index].Region ?? component.Config.PrimaryRegion,
                Tags = StandardLabels.AzureTags(component.Config, component.Provenance),
            });
            component.Add(new RoleAssignment
            {
                Name = ClusterMembers.CopyName(member.Key, BlobAccessName),
                Provenance = component.Provenance,
                Scope = new AzureRef(container.Name, AzureOutput.Id),
                RoleDefinitionName = "Storage Blob Data Contributor",
                PrincipalId = new AzureRef(identity.Name, AzureOutput.PrincipalId),
            });
            AddDelegation(component, member.Key);
        }

        fromAzure["configuration.backupStorageLocation[0].config.storageAccount"] = new AzureRef(StorageAccountName, AzureOutput.Name);
        fromAzure[$"serviceAccount.server.annotations.\"{WorkloadIdentity.ClientIdAnnotation}\""] = new AzureRef(IdentityName, AzureOutput.ClientId);
        return values
            .With("initContainers", new object[] { PluginInitContainer("velero-plugin-for-microsoft-azure", Pins.VeleroPluginForAzureImage) })
            .With("configuration.backupStorageLocation", new object[]
            {
                new Dictionary<string, object?>
                {
                    ["name"] = StorageLocation,
                    ["provider"] = "azure",
                    ["bucket"] = BlobContainer,
                    ["default"] = true,
                    ["config"] = new Dictionary<string, object?>
                    {
                        ["resourceGroup"] = resourceGroup.ResourceGroupName,
                        // Entra ID instead of account keys; the identity holds Storage Blob Data Contributor.
                        ["useAAD"] = "true",
                    },
                },
            })
            .With("credentials.useSecret", false)
            .With($"podLabels.\"{WorkloadIdentity.UseLabel}\"", "true");
    }

    private static HelmValues AddS3Location(ComponentBuilder component, HelmValues values, List<string> dependsOn)
    {
        var config = component.Config;
        var location = config.BackupLocation ?? BackupLocation.DefaultFor(config.Name);
        if (component.Implements(WellKnown.IdentityBasedAccessControl) && location.RoleArn is not null)
            return WebIdentity(component, location, WithS3Location(component, values, location).With("credentials.useSecret", false));
        var secret = component.Add(new ConfigSecret
        {
            Name = $"secret-{Namespace}-{CredentialsSecret}",
            Provenance = component.Provenance,
            Cluster = ClusterRef.PrimaryKey,
            Namespace = Namespace,
            SecretName = CredentialsSecret,
            Keys = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                [KeyValuePair.Create("cloud", ConfigKeys.BackupCredentials.FullName)]),
        });
        dependsOn.Add(secret.Name);
        if (component.Implements(WellKnown.IdentityBasedAccessControl))
            component.Note($"Velero still reads the static key file of {ConfigKeys.BackupCredentials.FullName} (Identity-based Access Control wants none in the cluster): give it a role that trusts this cluster's service-account issuer and set {ConfigKeys.BackupRoleArn.FullName}; the key Secret then goes away.");
        if (!config.HasSecret(ConfigKeys.BackupCredentials))
            component.Note($"Before pulumi up: pulumi config set --secret {ConfigKeys.BackupCredentials.FullName} \"$(cat credentials-velero)\" --stack {config.Stack}");
        return WithS3Location(component, values, location)
            .With("credentials.useSecret", true)
            .With("credentials.existingSecret", CredentialsSecret);
    }

    /// <summary>Audience of the projected token Velero presents to the store's STS (AWS's; MinIO accepts it when configured so).</summary>
    public const string WebIdentityAudience = "sts.amazonaws.com";

    /// <summary>Where the projected service-account token is mounted for the AWS SDK (AWS_WEB_IDENTITY_TOKEN_FILE).</summary>
    public const string WebIdentityTokenDirectory = "/var/run/secrets/platform/serviceaccount";

    /// <summary>
    /// Level 5 on existing: no stored credential. The AWS SDK in the Velero plugin exchanges a short-lived projected
    /// service-account token for the role of platform:backupRoleArn (STS AssumeRoleWithWebIdentity); the role trusts
    /// the cluster's service-account issuer for system:serviceaccount:velero:velero-server.
    /// </summary>
    private static HelmValues WebIdentity(ComponentBuilder component, BackupLocation location, HelmValues values)
    {
        component.Note($"Velero assumes {location.RoleArn} with a projected service-account token (audience {WebIdentityAudience}, 1h); the role's trust policy must name this cluster's issuer (kubectl get --raw /.well-known/openid-configuration) and subject system:serviceaccount:{Namespace}:{ServiceAccount}.");
        return values
            .With("configuration.extraEnvVars", new Dictionary<string, object?>
            {
                ["AWS_ROLE_ARN"] = location.RoleArn,
                ["AWS_WEB_IDENTITY_TOKEN_FILE"] = $"{WebIdentityTokenDirectory}/token",
            })
            .With("extraVolumes", new object[]
            {
                new Dictionary<string, object?>
                {
                    ["name"] = "cloud-token",
                    ["projected"] = new Dictionary<string, object?>
                    {
                        ["sources"] = new object[]
                        {
                            new Dictionary<string, object?>
                            {
                                ["serviceAccountToken"] = new Dictionary<string, object?>
                                {
                                    ["audience"] = WebIdentityAudience,
                                    ["expirationSeconds"] = 3600,
                                    ["path"] = "token",
                                },
                            },
                        },
                    },
                },
            })
            .With("extraVolumeMounts", new object[]
            {
                new Dictionary<string, object?> { ["name"] = "cloud-token", ["mountPath"] = WebIdentityTokenDirectory, ["readOnly"] = true },
            });
    }

    private static HelmValues WithS3Location(ComponentBuilder component, HelmValues values, BackupLocation location)
    {
        var config = component.Config;
        component.Note($"Backups go to s3://{location.Bucket}/{config.Name} ({location.S3Url ?? "AWS S3"}, region {location.Region}); the bucket must exist.");
        var bslConfig = new Dictionary<string, object?> { ["region"] = location.Region };
        if (location.S3Url is { } url)
        {
            bslConfig["s3Url"] = url;
            bslConfig["s3ForcePathStyle"] = "true";
            // S3-compatible stores often lack the CRC32 checksums the AWS SDK now sends by default.
            bslConfig["checksumAlgorithm"] = "";
        }
        return values
            .With("initContainers", new object[] { PluginInitContainer("velero-plugin-for-aws", Pins.VeleroPluginForAwsImage) })
            .With("configuration.backupStorageLocation", new object[]
            {
                new Dictionary<string, object?>
                {
                    ["name"] = StorageLocation,
                    ["provider"] = "aws",
                    ["bucket"] = location.Bucket,
                    // One bucket can serve several platforms: each writes under its own prefix.
                    ["prefix"] = config.Name,
                    ["default"] = true,
                    ["config"] = bslConfig,
                },
            });
    }

    private static Dictionary<string, object?> PluginInitContainer(string name, string image) => new()
    {
        ["name"] = name,
        ["image"] = image,
        ["imagePullPolicy"] = "IfNotPresent",
        ["volumeMounts"] = new object[] { new Dictionary<string, object?> { ["mountPath"] = "/target", ["name"] = "plugins" } },
    };

    private static JsonObject BackupRules() => PlatformObjects.RuleGroup("velero-backups", null,
        PlatformObjects.Alert("VeleroBackupFailed",
            "increase(velero_backup_failure_total{schedule!=\"\"}[1h]) > 0",
            "0m", "critical",
            "Velero backup of schedule {{ $labels.schedule }} failed",
            "A scheduled backup failed in the last hour: kubectl get backups -n velero -l velero.io/schedule-name={{ $labels.schedule }}"),
        PlatformObjects.Alert("VeleroBackupPartiallyFailed",
            "increase(velero_backup_partial_failure_total{schedule!=\"\"}[1h]) > 0",
            "0m", "warning",
            "Velero backup of schedule {{ $labels.schedule }} partially failed",
            "Some objects were not backed up; velero backup describe <backup> --details shows which."),
        PlatformObjects.Alert("VeleroBackupTooOld",
            "time() - velero_backup_last_successful_timestamp{schedule!=\"\"} > 90000",
            "15m", "critical",
            "No successful backup of schedule {{ $labels.schedule }} for over 25 hours",
            "The daily backup has not succeeded for {{ $value | humanizeDuration }}; check the storage location: kubectl get backupstoragelocations -n velero"));
}
