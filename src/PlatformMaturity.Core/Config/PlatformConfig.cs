using System.Collections.Immutable;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Config;

/// <summary>A stack's validated configuration: everything the composer needs to build the graph.</summary>
public sealed record PlatformConfig
{
    /// <summary>The Pulumi stack name (the file is Pulumi.&lt;stack&gt;.yaml).</summary>
    public required string Stack { get; init; }

    /// <summary>Short platform name used in resource names.</summary>
    public required string Name { get; init; }

    public required int Level { get; init; }

    public required DeploymentTarget Target { get; init; }

    public EnvironmentKind Environment { get; init; } = EnvironmentKind.NonProd;

    /// <summary>Azure regions, primary first; empty on the existing target.</summary>
    public ImmutableArray<string> Regions { get; init; } = [];

    public ImmutableArray<Tenant> Tenants { get; init; } = [];

    public string? KubeContext { get; init; }

    /// <summary>The registry an existing cluster pulls from; null on azure, where the platform creates one.</summary>
    public string? Registry { get; init; }

    public string? KubernetesVersion { get; init; }

    public string? NodeVmSize { get; init; }

    public int NodeCount { get; init; } = 2;

    /// <summary>AKS pricing tier (Free, Standard, Premium); null on existing.</summary>
    public string? SkuTier { get; init; }

    /// <summary>Availability zones of the AKS system pool; empty for a regional pool.</summary>
    public ImmutableArray<string> Zones { get; init; } = [];

    /// <summary>Requirements people have attested, by id.</summary>
    public ImmutableArray<Attestation> Attestations { get; init; } = [];

    /// <summary>Enforcements still in their non-blocking phase (see <see cref="Enforcements"/>).</summary>
    public ImmutableArray<string> Staged { get; init; } = [];

    public bool IsStaged(string enforcement) => Staged.Contains(enforcement);

    public bool IsAttested(string requirement) => Attestations.Any(a => a.Id == requirement);

    /// <summary>Secret keys (full names) the stack sets with pulumi config set --secret; their values never enter the graph.</summary>
    public ImmutableSortedSet<string> SecretsSet { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Where Alertmanager sends platform alerts (from Level 3).</summary>
    public AlertReceiverKind AlertReceiver { get; init; } = AlertReceiverKind.Webhook;

    /// <summary>Prometheus retention (from Level 3), e.g. 15d.</summary>
    public string MetricsRetention { get; init; } = "15d";

    /// <summary>Persistent volume size of each Prometheus replica (from Level 3).</summary>
    public string MetricsStorageSize { get; init; } = "50Gi";

    /// <summary>Cron schedule of the daily tenant backups (from Level 3).</summary>
    public string BackupSchedule { get; init; } = "0 2 * * *";

    public int BackupRetentionDays { get; init; } = 30;

    /// <summary>The existing target's backup bucket; null means the default (see <see cref="Config.BackupLocation.DefaultFor"/>).</summary>
    public BackupLocation? BackupLocation { get; init; }

    /// <summary>An external OTLP gRPC trace backend (host:port); null installs Tempo.</summary>
    public string? TracesEndpoint { get; init; }

    /// <summary>Level 5: the developer portal's Backstage image, a digest reference from an allowed registry; null: no portal.</summary>
    public string? BackstageImage { get; init; }

    /// <summary>GitHub repositories (owner/repo) allowed to push images to the azure registry through OIDC federation.</summary>
    public ImmutableArray<string> CiRepositories { get; init; } = [];
    /// <summary>Argo CD's source of the platform and its delivery settings (from Level 4).</summary>
    public GitOpsConfig GitOps { get; init; } = GitOpsConfig.Default;

    /// <summary>Azure: whether the Premium registry is zone-redundant (only registries created at Level 4; see the key).</summary>
    public bool RegistryZoneRedundancy { get; init; } = true;

    /// <summary>Keyless signers whose images tenant pods may run (from Level 4).</summary>
    public ImageSigningConfig ImageSigning { get; init; } = ImageSigningConfig.Default;

    /// <summary>Azure: the weekly window for automatic upgrades (Basic Cluster Updates).</summary>
    public MaintenanceWindowConfig MaintenanceWindow { get; init; } = MaintenanceWindowConfig.Default;

    /// <summary>Azure: Entra ID groups that administer the cluster (Entra ID integration from Level 2).</summary>
    public ImmutableArray<string> AdminGroupObjectIds { get; init; } = [];

    /// <summary>Azure: CIDR ranges allowed to reach the API server; empty for any address.</summary>
    public ImmutableArray<string> ApiServerAuthorizedIpRanges { get; init; } = [];

    /// <summary>The platform's auditors, bound to the view role from Level 2; null for none.</summary>
    public string? AuditorGroup { get; init; }

    /// <summary>Level 5: the group operators join just in time (PIM-eligible on azure) to administer the cluster.</summary>
    public string? ElevationGroup { get; init; }

    /// <summary>Level 5 on azure: the API server has a private address only (a creation-time choice: it forces a new cluster).</summary>
    public bool PrivateCluster { get; init; }

    /// <summary>Level 5: monthly budget per tenant name (platform:tenantBudgets), alerted on from OpenCost's cost metrics.</summary>
    public System.Collections.Immutable.ImmutableSortedDictionary<string, double> TenantBudgets { get; init; } =
        System.Collections.Immutable.ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal);

    /// <summary>Level 5, non-production: when golden-path apps run (platform:workingHours); outside it KEDA scales them to zero.</summary>
    public WorkingHours WorkingHours { get; init; } = WorkingHours.Default;

    /// <summary>Level 5 on existing: the cluster's CNI is Cilium with Hubble (platform:cilium), so flows can be recorded.</summary>
    public bool Cilium { get; init; }

    /// <summary>Namespace of the ingress or Gateway proxies that tenant NetworkPolicies admit traffic from.</summary>
    public string IngressNamespace { get; init; } = ConfigKeys.IngressNamespace.Default!.GetValue<string>();

    /// <summary>Hostname (or *.wildcard) of the gateway's HTTPS listener; null for HTTP only.</summary>
    public string? GatewayHostname { get; init; }

    /// <summary>cert-manager ClusterIssuer signing the gateway's certificate; null for HTTP only.</summary>
    public string? GatewayClusterIssuer { get; init; }

    /// <summary>Whether the platform gateway serves HTTPS: both the hostname and the issuer are configured.</summary>
    public bool GatewayHttps => GatewayHostname is not null && GatewayClusterIssuer is not null;

    /// <summary>Azure: the cluster autoscaler's range for the system node pool (from Level 3).</summary>
    public int NodeMinCount { get; init; } = ConfigKeys.NodeMinCount.Default!.GetValue<int>();

    public int NodeMaxCount { get; init; } = ConfigKeys.NodeMaxCount.Default!.GetValue<int>();

    /// <summary>Azure: the user node pool tenant workloads run on (from Level 2).</summary>
    public string UserNodeVmSize { get; init; } = ConfigKeys.UserNodeVmSize.Default!.GetValue<string>();

    public int UserNodeCount { get; init; } = ConfigKeys.UserNodeCount.Default!.GetValue<int>();

    /// <summary>Azure: the cluster autoscaler's range for the user node pool (from Level 3).</summary>
    public int UserNodeMinCount { get; init; } = ConfigKeys.UserNodeMinCount.Default!.GetValue<int>();

    public int UserNodeMaxCount { get; init; } = ConfigKeys.UserNodeMaxCount.Default!.GetValue<int>();

    /// <summary>Azure, Level 5: the GPU node pool's VM size and the autoscaler's maximum (it scales from zero).</summary>
    public string GpuNodeVmSize { get; init; } = ConfigKeys.GpuNodeVmSize.Default!.GetValue<string>();

    public int GpuNodeMaxCount { get; init; } = ConfigKeys.GpuNodeMaxCount.Default!.GetValue<int>();

    /// <summary>Registries tenant pods may pull from as configured; empty means the defaults (Practices.Security.AllowedRegistries).</summary>
    public ImmutableArray<string> AllowedRegistries { get; init; } = [];

    /// <summary>Retention of the API server's audit log tables (platform:auditRetentionDays).</summary>
    public int AuditRetentionDays { get; init; } = 90;

    /// <summary>Egress destinations outside the cluster tenants may reach (platform:egressAllowList): CIDR ranges and host names.</summary>
    public ImmutableArray<string> EgressAllowList { get; init; } = [];

    /// <summary>The AKS Istio add-on revision as configured (platform:meshRevision); null means the pinned one.</summary>
    public string? MeshRevision { get; init; }

    /// <summary>
    /// Existing: the provider block of the platform's ClusterSecretStore as configured (canonical JSON), or null for
    /// the built-in Kubernetes provider. Kept as text so the config stays an immutable value.
    /// </summary>
    public string? SecretStoreProvider { get; init; }

    /// <summary>Existing: the CSI driver of the platform's StorageClasses (from Level 4).</summary>
    public string StorageProvisioner { get; init; } = ConfigKeys.StorageProvisioner.Default!.GetValue<string>();

    /// <summary>Existing: the cluster's own ReadWriteMany StorageClass (platform:rwxStorageClass), or null when it has none named.</summary>
    public string? RwxStorageClass { get; init; }

    /// <summary>platform:chaos as set; null when unset (chaos follows the environment).</summary>
    public bool? ChaosRequested { get; init; }

    /// <summary>Whether scheduled chaos experiments run: asked for, or by default in nonprod (Level 4 allows them only there).</summary>
    public bool ChaosEnabled => ChaosRequested ?? Environment == EnvironmentKind.NonProd;

    /// <summary>Azure: the resource group's monthly budget with alert contacts (from Level 4); null for none.</summary>
    public BudgetConfig? Budget { get; init; }

    /// <summary>
    /// Azure: whether the clusters run in spoke VNets the platform creates (platform:network spoke, what pmctl init writes)
    /// rather than on the VNet AKS manages (unset: stacks written before the key, whose clusters cannot move VNet).
    /// </summary>
    public bool SpokeNetwork { get; init; }
    /// <summary>The platform's SLA (platform:sla, Level 5): null when the stack announces none.</summary>
    public SlaConfig? Sla { get; init; }
    /// <summary>platform:productionChaos: who opts in to production experiments and when they may run (Level 5 prod); null for none.</summary>
    public ProductionChaosConfig? ProductionChaos { get; init; }

    public bool IsAzure => Target == DeploymentTarget.Azure;

    /// <summary>Whether the secret key has a value in the stack.</summary>
    public bool HasSecret(ConfigKey key) => SecretsSet.Contains(key.FullName);

    /// <summary>Secret keys the level needs on its target that the stack has not set (pulumi up would fail without them).</summary>
    public IEnumerable<ConfigKey> MissingSecrets => ConfigKeys.SecretsNeeded(Level, Target).Where(k => !HasSecret(k))
        // Velero assumes a role instead of reading the key file once one is configured (Level 5).
        .Where(k => k != ConfigKeys.BackupCredentials || BackupLocation?.RoleArn is null);

    /// <summary>The topology as platform:clusters gives it; empty when the stack uses the single-cluster keys.</summary>
    public ImmutableArray<ClusterMember> Clusters { get; init; } = [];

    /// <summary>Whether platform:clusters names the topology (a stack on the single-cluster keys does not).</summary>
    public bool HasClusterList => !Clusters.IsDefaultOrEmpty;

    /// <summary>
    /// Every cluster of the platform, primary first: platform:clusters, or one member made from the single-cluster
    /// keys (a single cluster is a list of one).
    /// </summary>
    public ImmutableArray<ClusterMember> Members => HasClusterList
        ? Clusters
        : [new ClusterMember
        {
            Name = Graph.ClusterRef.PrimaryKey,
            Region = Regions.IsDefaultOrEmpty ? null : Regions[0],
            Zones = Zones,
            KubeContext = KubeContext,
        }];

    public string PrimaryRegion => Regions.IsDefaultOrEmpty
        ? throw new InvalidOperationException("the existing target has no Azure region")
        : Regions[0];
}

/// <summary>A person's statement that an organisational requirement of a level holds.</summary>
/// <param name="Id">The requirement's id, e.g. l2-roadmap.</param>
/// <param name="By">Who attested it.</param>
/// <param name="At">When, as an ISO 8601 UTC timestamp.</param>
public sealed record Attestation(string Id, string By, string At);

/// <summary>platform:productionChaos: the tenants that opt in, the window's start (cron, UTC) and length (Go duration).</summary>
public sealed record ProductionChaosConfig(ImmutableArray<string> Tenants, string Schedule, string Duration)
{
    public const string DefaultSchedule = "0 10 * * 2";
    public const string DefaultDuration = "30m";
}

/// <summary>platform:budget: the monthly amount, who is alerted, and the first month it covers (yyyy-MM).</summary>
/// <summary>platform:sla: the team answering for the SLA, and the availability it announces (0..1; null: the computed figure).</summary>
public sealed record SlaConfig(string Owner, double? Availability);

public sealed record BudgetConfig(double Amount, ImmutableArray<string> ContactEmails, string StartMonth);
