using PlatformMaturity.Graph.Azure;
using AksInputs = Pulumi.Azure.ContainerService.Inputs;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>The nested blocks of the AKS cluster's arguments, each from the graph record of the same name.</summary>
internal static class KubernetesClusterBlocks
{
    public static AksInputs.KubernetesClusterDefaultNodePoolArgs DefaultNodePool(NodePool pool, AzureOutputs refs)
    {
        var args = new AksInputs.KubernetesClusterDefaultNodePoolArgs
        {
            Name = pool.Name,
            VmSize = pool.VmSize,
            NodeCount = pool.NodeCount,
            OsSku = pool.OsSku,
            AutoScalingEnabled = pool.AutoScalingEnabled,
            MinCount = In.Opt(pool.MinCount),
            MaxCount = In.Opt(pool.MaxCount),
            OnlyCriticalAddonsEnabled = pool.OnlyCriticalAddonsEnabled,
            HostEncryptionEnabled = In.Opt(pool.HostEncryptionEnabled),
            NodePublicIpEnabled = In.Opt(pool.NodePublicIpEnabled),
            TemporaryNameForRotation = In.Opt(pool.TemporaryNameForRotation),
            UpgradeSettings = In.Block(pool.MaxSurge, surge => new AksInputs.KubernetesClusterDefaultNodePoolUpgradeSettingsArgs { MaxSurge = surge }),
        };
        // An empty list would be a regional pool too, but leaving it unset keeps "not set" distinct from "set to none".
        if (!pool.Zones.IsDefaultOrEmpty)
            args.Zones = pool.Zones.ToArray();
        // Only pools created in a spoke get a subnet: setting it on a pool of an AKS-managed VNet would replace the cluster.
        if (pool.Subnet is { } subnet)
            args.VnetSubnetId = refs.Resolve(new AzureRef(subnet, AzureOutput.Id));
        return args;
    }

    public static AksInputs.KubernetesClusterNetworkProfileArgs NetworkProfile(NetworkProfile network) => new()
    {
        NetworkPlugin = network.NetworkPlugin,
        NetworkPluginMode = In.Opt(network.NetworkPluginMode),
        NetworkDataPlane = In.Opt(network.NetworkDataPlane),
        NetworkPolicy = In.Opt(network.NetworkPolicy),
        // advanced_networking (Pulumi.Azure 6.39.0 KubernetesClusterNetworkProfileAdvancedNetworkingArgs: ObservabilityEnabled,
        // SecurityEnabled). Container network logs and Container Insights' high log scale mode have no input there.
        AdvancedNetworking = In.Block(network.AdvancedNetworking, acns => new AksInputs.KubernetesClusterNetworkProfileAdvancedNetworkingArgs
        {
            ObservabilityEnabled = In.Opt(acns.ObservabilityEnabled),
            SecurityEnabled = In.Opt(acns.SecurityEnabled),
        }),
    };

    public static AksInputs.KubernetesClusterMaintenanceWindowAutoUpgradeArgs AutoUpgradeWindow(MaintenanceWindow window) => new()
    {
        Frequency = window.Frequency,
        Interval = window.Interval,
        Duration = window.Duration,
        DayOfWeek = In.Opt(window.DayOfWeek),
        StartTime = In.Opt(window.StartTime),
        UtcOffset = In.Opt(window.UtcOffset),
    };

    public static AksInputs.KubernetesClusterMaintenanceWindowNodeOsArgs NodeOsWindow(MaintenanceWindow window) => new()
    {
        Frequency = window.Frequency,
        Interval = window.Interval,
        Duration = window.Duration,
        DayOfWeek = In.Opt(window.DayOfWeek),
        StartTime = In.Opt(window.StartTime),
        UtcOffset = In.Opt(window.UtcOffset),
    };

    /// <summary>Entra ID integration; without a tenant id AKS uses the deploying identity's tenant.</summary>
    public static AksInputs.KubernetesClusterAzureActiveDirectoryRoleBasedAccessControlArgs EntraId(AzureActiveDirectoryRbac rbac)
    {
        var args = new AksInputs.KubernetesClusterAzureActiveDirectoryRoleBasedAccessControlArgs
        {
            AzureRbacEnabled = In.Opt(rbac.AzureRbacEnabled),
            TenantId = In.Opt(rbac.TenantId),
        };
        if (!rbac.AdminGroupObjectIds.IsDefaultOrEmpty)
            args.AdminGroupObjectIds = rbac.AdminGroupObjectIds.ToArray();
        return args;
    }

    /// <summary>The CIDR ranges allowed to reach the API server (ApiServerAccessProfile.AuthorizedIpRanges since azurerm v4).</summary>
    public static AksInputs.KubernetesClusterApiServerAccessProfileArgs ApiServerAccessProfile(ApiServerAccessProfile profile) => new()
    {
        AuthorizedIpRanges = profile.AuthorizedIpRanges.ToArray(),
    };

    public static AksInputs.KubernetesClusterAutoScalerProfileArgs AutoScalerProfile(AutoScalerProfile profile) => new()
    {
        BalanceSimilarNodeGroups = In.Opt(profile.BalanceSimilarNodeGroups),
        Expander = In.Opt(profile.Expander),
        ScaleDownUnneeded = In.Opt(profile.ScaleDownUnneeded),
    };

    /// <summary>KubernetesClusterServiceMeshProfileArgs (Mode and Revisions required) at pulumi-azure v6.39.0.</summary>
    public static AksInputs.KubernetesClusterServiceMeshProfileArgs ServiceMeshProfile(ServiceMeshProfile profile) => new()
    {
        Mode = profile.Mode,
        Revisions = profile.Revisions.ToArray(),
        InternalIngressGatewayEnabled = profile.InternalIngressGatewayEnabled,
        ExternalIngressGatewayEnabled = profile.ExternalIngressGatewayEnabled,
    };

    public static AksInputs.KubernetesClusterWorkloadAutoscalerProfileArgs WorkloadAutoscalerProfile(WorkloadAutoscalerProfile profile) => new()
    {
        KedaEnabled = In.Opt(profile.KedaEnabled),
        VerticalPodAutoscalerEnabled = In.Opt(profile.VerticalPodAutoscalerEnabled),
    };

    public static AksInputs.KubernetesClusterStorageProfileArgs StorageProfile(StorageProfile profile) => new()
    {
        DiskDriverEnabled = In.Opt(profile.DiskDriverEnabled),
        FileDriverEnabled = In.Opt(profile.FileDriverEnabled),
        BlobDriverEnabled = In.Opt(profile.BlobDriverEnabled),
        SnapshotControllerEnabled = In.Opt(profile.SnapshotControllerEnabled),
    };

    public static AksInputs.KubernetesClusterKeyVaultSecretsProviderArgs KeyVaultSecretsProvider(KeyVaultSecretsProvider provider) => new()
    {
        SecretRotationEnabled = provider.SecretRotationEnabled,
        SecretRotationInterval = In.Opt(provider.SecretRotationInterval),
    };

    public static AksInputs.KubernetesClusterMicrosoftDefenderArgs MicrosoftDefender(LogAnalyticsLink link, AzureOutputs refs) => new()
    {
        LogAnalyticsWorkspaceId = refs.Resolve(link.Workspace),
    };

    public static AksInputs.KubernetesClusterOmsAgentArgs OmsAgent(LogAnalyticsLink link, AzureOutputs refs) => new()
    {
        LogAnalyticsWorkspaceId = refs.Resolve(link.Workspace),
        MsiAuthForMonitoringEnabled = In.Opt(link.MsiAuthForMonitoringEnabled),
    };

    public static AksInputs.KubernetesClusterMonitorMetricsArgs MonitorMetrics(MonitorMetrics metrics) => new()
    {
        AnnotationsAllowed = In.Opt(metrics.AnnotationsAllowed),
        LabelsAllowed = In.Opt(metrics.LabelsAllowed),
    };
}
