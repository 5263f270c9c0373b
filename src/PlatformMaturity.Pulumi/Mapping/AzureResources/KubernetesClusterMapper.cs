using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// The AKS cluster (Pulumi.Azure.ContainerService.KubernetesCluster) with every setting practices contributed.
/// A null in the record leaves the argument unset, so the provider's default applies; nested blocks are in
/// <see cref="KubernetesClusterBlocks"/>.
/// </summary>
internal static class KubernetesClusterMapper
{
    public static PulumiAzure.ContainerService.KubernetesCluster Map(KubernetesCluster cluster, MappingContext context, PlatformComponent parent) =>
        new(cluster.Name, Args(cluster, context.Refs), Options(cluster, context, parent));

    /// <summary>
    /// An autoscaled pool's node count belongs to the cluster autoscaler once the pool exists: Pulumi sets it at
    /// creation only, so a later pulumi up does not undo the autoscaler's decisions.
    /// </summary>
    internal static Pulumi.CustomResourceOptions Options(KubernetesCluster cluster, MappingContext context, PlatformComponent parent)
    {
        var options = context.Options(cluster, parent);
        if (cluster.DefaultNodePool.AutoScalingEnabled)
            options.IgnoreChanges = ["defaultNodePool.nodeCount"];
        return options;
    }

    internal static PulumiAzure.ContainerService.KubernetesClusterArgs Args(KubernetesCluster cluster, AzureOutputs refs) => new()
    {
        Name = cluster.ClusterName,
        ResourceGroupName = refs.NameOf(cluster.ResourceGroup),
        Location = cluster.Location,
        DnsPrefix = cluster.DnsPrefix,
        KubernetesVersion = cluster.KubernetesVersion,
        SkuTier = cluster.SkuTier,
        DefaultNodePool = KubernetesClusterBlocks.DefaultNodePool(cluster.DefaultNodePool),
        Identity = new PulumiAzure.ContainerService.Inputs.KubernetesClusterIdentityArgs { Type = cluster.IdentityType },
        RoleBasedAccessControlEnabled = In.Opt(cluster.RoleBasedAccessControlEnabled),
        LocalAccountDisabled = In.Opt(cluster.LocalAccountDisabled),
        AutomaticUpgradeChannel = In.Opt(cluster.AutomaticUpgradeChannel),
        NodeOsUpgradeChannel = In.Opt(cluster.NodeOsUpgradeChannel),
        NetworkProfile = In.Block(cluster.NetworkProfile, KubernetesClusterBlocks.NetworkProfile),
        MaintenanceWindowAutoUpgrade = In.Block(cluster.MaintenanceWindowAutoUpgrade, KubernetesClusterBlocks.AutoUpgradeWindow),
        MaintenanceWindowNodeOs = In.Block(cluster.MaintenanceWindowNodeOs, KubernetesClusterBlocks.NodeOsWindow),
        AzureActiveDirectoryRoleBasedAccessControl = In.Block(cluster.AzureActiveDirectoryRoleBasedAccessControl, KubernetesClusterBlocks.EntraId),
        ApiServerAccessProfile = In.Block(cluster.ApiServerAccessProfile, KubernetesClusterBlocks.ApiServerAccessProfile),
        OidcIssuerEnabled = In.Opt(cluster.OidcIssuerEnabled),
        WorkloadIdentityEnabled = In.Opt(cluster.WorkloadIdentityEnabled),
        AzurePolicyEnabled = In.Opt(cluster.AzurePolicyEnabled),
        ImageCleanerEnabled = In.Opt(cluster.ImageCleanerEnabled),
        ImageCleanerIntervalHours = In.Opt(cluster.ImageCleanerIntervalHours),
        AutoScalerProfile = In.Block(cluster.AutoScalerProfile, KubernetesClusterBlocks.AutoScalerProfile),
        WorkloadAutoscalerProfile = In.Block(cluster.WorkloadAutoscalerProfile, KubernetesClusterBlocks.WorkloadAutoscalerProfile),
        KeyVaultSecretsProvider = In.Block(cluster.KeyVaultSecretsProvider, KubernetesClusterBlocks.KeyVaultSecretsProvider),
        MicrosoftDefender = In.Block(cluster.MicrosoftDefender, link => KubernetesClusterBlocks.MicrosoftDefender(link, refs)),
        OmsAgent = In.Block(cluster.OmsAgent, link => KubernetesClusterBlocks.OmsAgent(link, refs)),
        MonitorMetrics = In.Block(cluster.MonitorMetrics, KubernetesClusterBlocks.MonitorMetrics),
        StorageProfile = In.Block(cluster.StorageProfile, KubernetesClusterBlocks.StorageProfile),
        CostAnalysisEnabled = In.Opt(cluster.CostAnalysisEnabled),
        ServiceMeshProfile = In.Block(cluster.ServiceMeshProfile, KubernetesClusterBlocks.ServiceMeshProfile),
        Tags = In.Map(cluster.Tags),
    };
}
