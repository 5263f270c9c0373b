using System.Collections.Immutable;

namespace PlatformMaturity.Graph.Azure;

/// <summary>
/// An AKS cluster (Pulumi.Azure.ContainerService.KubernetesCluster). Practices contribute its settings;
/// null means "not set, the provider's default".
/// </summary>
/// <remarks>
/// Not retained (<see cref="AzureResource.RetainOnDelete"/> off), nor its node pools: what it holds that matters is
/// backed up by Velero into the retained storage account, no downgrade drops it, and a cluster left behind by pulumi
/// destroy would keep billing its nodes. Identities, federated credentials and role assignments hold no data either:
/// the graph recreates them as they were.
/// </remarks>
public sealed record KubernetesCluster : AzureResource
{
    public required string ClusterName { get; init; }

    /// <summary>Graph name of the resource group.</summary>
    public required string ResourceGroup { get; init; }

    public required string Location { get; init; }

    public required string DnsPrefix { get; init; }

    public required string KubernetesVersion { get; init; }

    /// <summary>
    /// Whether a fleet update run, not this resource, upgrades the cluster's Kubernetes version (Multi-cluster Platform):
    /// the version is set at creation only, so changing it never upgrades every member at once outside the stages.
    /// </summary>
    public bool KubernetesVersionByFleet { get; init; }

    /// <summary>Free, Standard (uptime SLA) or Premium.</summary>
    public string SkuTier { get; init; } = "Free";

    public required NodePool DefaultNodePool { get; init; }

    /// <summary>SystemAssigned or UserAssigned.</summary>
    public string IdentityType { get; init; } = "SystemAssigned";

    /// <summary>Kubernetes RBAC on the API server; null for the provider default (on).</summary>
    public bool? RoleBasedAccessControlEnabled { get; init; }

    /// <summary>Whether the cluster's local admin account is off; null for the provider default (on).</summary>
    public bool? LocalAccountDisabled { get; init; }

    /// <summary>patch, rapid, node-image or stable; null for none.</summary>
    public string? AutomaticUpgradeChannel { get; init; }

    /// <summary>Unmanaged, SecurityPatch, NodeImage or None; null for the provider default.</summary>
    public string? NodeOsUpgradeChannel { get; init; }

    public NetworkProfile? NetworkProfile { get; init; }

    public MaintenanceWindow? MaintenanceWindowAutoUpgrade { get; init; }

    public MaintenanceWindow? MaintenanceWindowNodeOs { get; init; }

    /// <summary>Entra ID integration (azure_active_directory_role_based_access_control).</summary>
    public AzureActiveDirectoryRbac? AzureActiveDirectoryRoleBasedAccessControl { get; init; }

    /// <summary>Who may reach the API server (api_server_access_profile); null for any address.</summary>
    public ApiServerAccessProfile? ApiServerAccessProfile { get; init; }

    public bool? OidcIssuerEnabled { get; init; }

    public bool? WorkloadIdentityEnabled { get; init; }

    public bool? AzurePolicyEnabled { get; init; }

    public bool? ImageCleanerEnabled { get; init; }

    public int? ImageCleanerIntervalHours { get; init; }

    public AutoScalerProfile? AutoScalerProfile { get; init; }

    public WorkloadAutoscalerProfile? WorkloadAutoscalerProfile { get; init; }

    public KeyVaultSecretsProvider? KeyVaultSecretsProvider { get; init; }

    /// <summary>Microsoft Defender for Containers, reporting to a Log Analytics workspace.</summary>
    public LogAnalyticsLink? MicrosoftDefender { get; init; }

    /// <summary>Container Insights (oms_agent), reporting to a Log Analytics workspace.</summary>
    public LogAnalyticsLink? OmsAgent { get; init; }

    /// <summary>Azure Monitor managed Prometheus metrics (monitor_metrics).</summary>
    public MonitorMetrics? MonitorMetrics { get; init; }

    /// <summary>CSI drivers and the snapshot controller (storage_profile); null for the provider defaults.</summary>
    public StorageProfile? StorageProfile { get; init; }

    /// <summary>AKS cost analysis in Azure Cost Management (cost_analysis_enabled); needs SkuTier Standard or Premium.</summary>
    public bool? CostAnalysisEnabled { get; init; }

    /// <summary>az aks command invoke (run_command_enabled); null for the provider default (on).</summary>
    public bool? RunCommandEnabled { get; init; }

    /// <summary>API server on a private address only (private_cluster_enabled); changing it forces a new cluster.</summary>
    public bool? PrivateClusterEnabled { get; init; }

    /// <summary>The AKS Istio add-on (ServiceMeshProfile): Mode Istio and its revision.</summary>
    public ServiceMeshProfile? ServiceMeshProfile { get; init; }

    /// <summary>API groups whose CRDs the cluster's add-ons install, so objects of them follow the cluster.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ImmutableArray<string> AddOnApiGroups =>
    [
        .. ServiceMeshProfile is null ? [] : new[] { "networking.istio.io", "security.istio.io", "telemetry.istio.io", "extensions.istio.io" },
        // ACNS observability installs the ContainerNetworkLog CRD (acn.azure.com).
        .. NetworkProfile?.AdvancedNetworking?.ObservabilityEnabled == true ? new[] { "acn.azure.com" } : [],
    ];

    public override IEnumerable<string> References =>
        new[] { ResourceGroup }
            .Concat(DefaultNodePool.Subnet is { } subnet ? [subnet] : [])
            .Concat(new[] { MicrosoftDefender, OmsAgent }.Where(l => l is not null).Select(l => l!.Workspace.Resource))
            .Distinct();
}

/// <summary>A planned maintenance window (maintenance_window_auto_upgrade / maintenance_window_node_os).</summary>
/// <param name="Frequency">Daily, Weekly, AbsoluteMonthly or RelativeMonthly.</param>
/// <param name="Interval">Every n days/weeks/months.</param>
/// <param name="Duration">Hours, 4 to 24.</param>
/// <param name="DayOfWeek">For Weekly: Monday … Sunday.</param>
/// <param name="StartTime">"HH:mm".</param>
/// <param name="UtcOffset">e.g. "+00:00".</param>
public sealed record MaintenanceWindow(string Frequency, int Interval, int Duration, string? DayOfWeek, string? StartTime, string? UtcOffset);

/// <summary>Entra ID integration of AKS; TenantId null means the deploying identity's tenant.</summary>
public sealed record AzureActiveDirectoryRbac
{
    public bool? AzureRbacEnabled { get; init; }

    public System.Collections.Immutable.ImmutableArray<string> AdminGroupObjectIds { get; init; } = [];

    public string? TenantId { get; init; }
}

/// <summary>API server access (api_server_access_profile): the CIDR ranges allowed to reach it.</summary>
public sealed record ApiServerAccessProfile
{
    public ImmutableArray<string> AuthorizedIpRanges { get; init; } = [];
}

/// <summary>Cluster autoscaler tuning (auto_scaler_profile); null values keep the provider defaults.</summary>
public sealed record AutoScalerProfile
{
    public bool? BalanceSimilarNodeGroups { get; init; }

    /// <summary>least-waste, most-pods, priority or random.</summary>
    public string? Expander { get; init; }

    /// <summary>How long a node must be unneeded before scale-down, e.g. "10m".</summary>
    public string? ScaleDownUnneeded { get; init; }
}

/// <summary>AKS KEDA and VPA add-ons (workload_autoscaler_profile).</summary>
public sealed record WorkloadAutoscalerProfile(bool? KedaEnabled, bool? VerticalPodAutoscalerEnabled);

/// <summary>The Key Vault Secrets Store CSI driver add-on (key_vault_secrets_provider).</summary>
public sealed record KeyVaultSecretsProvider(bool SecretRotationEnabled, string? SecretRotationInterval);

/// <summary>An add-on that reports to a Log Analytics workspace of the graph.</summary>
public sealed record LogAnalyticsLink(AzureRef Workspace, bool? MsiAuthForMonitoringEnabled = null);

/// <summary>Managed Prometheus scraping (monitor_metrics): Kubernetes annotations and labels allowed into metrics.</summary>
public sealed record MonitorMetrics(string? AnnotationsAllowed, string? LabelsAllowed);

/// <summary>
/// CSI storage drivers and the volume snapshot controller of AKS (storage_profile; Pulumi.Azure 6.39
/// KubernetesClusterStorageProfileArgs: DiskDriverEnabled, FileDriverEnabled, BlobDriverEnabled, SnapshotControllerEnabled).
/// </summary>
public sealed record StorageProfile(bool? DiskDriverEnabled, bool? FileDriverEnabled, bool? BlobDriverEnabled, bool? SnapshotControllerEnabled);

/// <summary>
/// The Istio add-on (KubernetesClusterServiceMeshProfileArgs: Mode and Revisions required; the add-on's own ingress
/// gateways off, as the platform gateway serves ingress).
/// </summary>
public sealed record ServiceMeshProfile(string Mode, ImmutableArray<string> Revisions, bool InternalIngressGatewayEnabled = false, bool ExternalIngressGatewayEnabled = false);

/// <summary>An AKS node pool: the cluster's default pool or an extra one.</summary>
public sealed record NodePool
{
    /// <summary>
    /// A pool the cluster autoscaler starts from zero: no node (and no bill) until a pod that only it can take waits.
    /// </summary>
    public static NodePool FromZero(string name, string vmSize, ImmutableArray<string> zones, int maxCount) => new()
    {
        Name = name,
        VmSize = vmSize,
        NodeCount = 0,
        Zones = zones,
        AutoScalingEnabled = true,
        MinCount = 0,
        MaxCount = maxCount,
        TemporaryNameForRotation = name + "tmp",
    };

    public required string Name { get; init; }

    public required string VmSize { get; init; }

    public required int NodeCount { get; init; }

    public string OsSku { get; init; } = Versions.Pins.AksOsSku;

    /// <summary>Availability zones, e.g. ["1","2","3"]; empty for a regional pool.</summary>
    public ImmutableArray<string> Zones { get; init; } = [];

    public bool AutoScalingEnabled { get; init; }

    public int? MinCount { get; init; }

    public int? MaxCount { get; init; }

    /// <summary>Taints system workloads only (CriticalAddonsOnly).</summary>
    public bool OnlyCriticalAddonsEnabled { get; init; }

    /// <summary>Extra nodes during upgrades, e.g. "33%"; null for the provider default.</summary>
    public string? MaxSurge { get; init; }

    public bool? HostEncryptionEnabled { get; init; }

    /// <summary>Whether nodes get their own public IP (node_public_ip_enabled); null for the provider default (off).</summary>
    public bool? NodePublicIpEnabled { get; init; }

    /// <summary>Name of the temporary pool AKS uses when a change forces the pool to be rotated.</summary>
    public string? TemporaryNameForRotation { get; init; }

    /// <summary>
    /// Graph name of the subnet the pool's nodes join (VnetSubnetId), or null for the VNet AKS manages. Set only at
    /// creation: a pool cannot move to another subnet, nor a cluster to another VNet.
    /// </summary>
    public string? Subnet { get; init; }
}

/// <summary>AKS networking (KubernetesClusterNetworkProfileArgs); values use the Terraform spellings.</summary>
public sealed record NetworkProfile
{
    public required string NetworkPlugin { get; init; }

    public string? NetworkPluginMode { get; init; }

    public string? NetworkDataPlane { get; init; }

    public string? NetworkPolicy { get; init; }

    /// <summary>Advanced Container Networking Services (advanced_networking); null leaves it off.</summary>
    public AdvancedNetworking? AdvancedNetworking { get; init; }
}

/// <summary>
/// Advanced Container Networking Services (KubernetesClusterNetworkProfileAdvancedNetworkingArgs, Pulumi.Azure 6.39.0):
/// observability is Hubble flows and metrics (stored flow logs need the Cilium data plane), security is Cilium FQDN and
/// L7 policies (Cilium only).
/// </summary>
public sealed record AdvancedNetworking(bool? ObservabilityEnabled, bool? SecurityEnabled);
