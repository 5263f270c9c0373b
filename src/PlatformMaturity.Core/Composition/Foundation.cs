using k8s.Models;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Composition;

/// <summary>
/// What every level stands on and no single practice owns: on azure the resource group and the AKS
/// cluster (practices contribute its settings); on both targets a namespace per tenant.
/// </summary>
public static class Foundation
{
    public const string TypeToken = "platform:foundation:Cluster";
    public const string ResourceGroupName = "resource-group";
    public const string ClusterName = "aks";
    public const string SystemPoolName = "system";

    /// <summary>AKS name of the user node pool tenant workloads run on (lowercase alphanumeric, at most 12 characters).</summary>
    public const string UserPoolName = "user";

    public static ClusterRef PrimaryCluster(PlatformConfig config) => config.IsAzure
        ? new ClusterRef(ClusterRef.PrimaryKey, ClusterName, null)
        : new ClusterRef(ClusterRef.PrimaryKey, null, config.KubeContext);

    /// <summary>Graph name of a tenant's namespace.</summary>
    public static string TenantNamespace(string tenant) => $"namespace-{tenant}";

    public static void Build(ComponentBuilder foundation)
    {
        var config = foundation.Config;
        if (config.IsAzure)
        {
            if (foundation.HasMonitoring)
                AddLogAnalytics(foundation, config);
            AddAzureCluster(foundation, config);
            if (foundation.InEffect(WellKnown.HardMultiTenancy))
                AddUserPool(foundation, config);
        }

        foreach (var tenant in config.Tenants)
        {
            foundation.AddObject(new V1Namespace
            {
                ApiVersion = "v1",
                Kind = "Namespace",
                Metadata = new V1ObjectMeta { Name = tenant.Name },
            });
        }
    }

    /// <summary>
    /// The Log Analytics workspace, from the level that brings platform monitoring (with that practice's provenance).
    /// The foundation owns it because the cluster refers to it (Container Insights, Defender): owned by a practice,
    /// the cluster's component would depend on a component that itself needs the cluster.
    /// </summary>
    private static void AddLogAnalytics(ComponentBuilder foundation, PlatformConfig config)
    {
        var practice = Model.MaturityModel.Default.Practice(
            foundation.InEffect(WellKnown.BasicPlatformMonitoring) ? WellKnown.BasicPlatformMonitoring : WellKnown.AdvancedPlatformMonitoring);
        var provenance = new Provenance(practice.Name, practice.FirstLevel);
        foundation.Add(new LogAnalyticsWorkspace
        {
            Name = WellKnown.LogAnalyticsWorkspace,
            Provenance = provenance,
            ResourceGroup = ResourceGroupName,
            Location = config.PrimaryRegion,
            Tags = StandardLabels.AzureTags(config, provenance),
        });
    }

    /// <summary>
    /// From the level that brings Hard multi-tenancy (with that practice's provenance): tenant workloads run on a user
    /// node pool and the system pool keeps only critical add-ons (CriticalAddonsOnly taint), so a tenant cannot starve
    /// CoreDNS, konnectivity or metrics-server. The taint is a default-pool setting AKS applies by rotating the pool
    /// through TemporaryNameForRotation (set from Level 1), so the upgrade that brings it never replaces the cluster;
    /// the pool is its own resource, created after the cluster. The foundation owns it because practices tune it as
    /// they tune the system pool (autoscaling, host encryption, surge).
    /// </summary>
    private static void AddUserPool(ComponentBuilder foundation, PlatformConfig config)
    {
        var practice = Model.MaturityModel.Default.Practice(WellKnown.HardMultiTenancy);
        var provenance = new Provenance(practice.Name, practice.FirstLevel);
        foundation.Add(new KubernetesClusterNodePool
        {
            Name = WellKnown.UserNodePool,
            Provenance = provenance,
            Cluster = ClusterName,
            Mode = "User",
            Pool = new NodePool
            {
                Name = UserPoolName,
                VmSize = config.UserNodeVmSize,
                NodeCount = config.UserNodeCount,
                Zones = config.Zones,
                TemporaryNameForRotation = UserPoolName + "tmp",
                Subnet = SpokeNetwork.NodeSubnet(config),
            },
            Tags = StandardLabels.AzureTags(config, provenance),
        });
        foundation.Contribute<KubernetesCluster>(ClusterName, cluster => cluster with
        {
            DefaultNodePool = cluster.DefaultNodePool with { OnlyCriticalAddonsEnabled = true },
        }, provenance);
        foundation.Note($"Tenant workloads run on the user node pool '{UserPoolName}' ({ConfigKeys.UserNodeVmSize.FullName}, {ConfigKeys.UserNodeCount.FullName}); the system pool '{SystemPoolName}' runs only critical add-ons (taint CriticalAddonsOnly=true:NoSchedule). See them: kubectl get nodes -L kubernetes.azure.com/mode");
    }

    private static void AddAzureCluster(ComponentBuilder foundation, PlatformConfig config)
    {
        var region = config.PrimaryRegion;
        var tags = StandardLabels.AzureTags(config, foundation.Provenance);
        foundation.Add(new ResourceGroup
        {
            Name = ResourceGroupName,
            Provenance = foundation.Provenance,
            ResourceGroupName = $"rg-{config.Name}-{region}",
            Location = region,
            Tags = tags,
        });
        // The spoke VNet comes with the cluster because the cluster cannot move into it later (platform:network).
        if (config.SpokeNetwork)
            foreach (var resource in SpokeNetwork.First(config, foundation.Provenance, ResourceGroupName))
                foundation.Add(resource);
        foundation.Add(new KubernetesCluster
        {
            Name = ClusterName,
            Provenance = foundation.Provenance,
            ClusterName = $"aks-{config.Name}-{region}",
            ResourceGroup = ResourceGroupName,
            Location = region,
            DnsPrefix = config.Name,
            KubernetesVersion = config.KubernetesVersion!,
            SkuTier = config.SkuTier!,
            DefaultNodePool = new NodePool
            {
                Name = SystemPoolName,
                VmSize = config.NodeVmSize!,
                NodeCount = config.NodeCount,
                Zones = config.Zones,
                TemporaryNameForRotation = SystemPoolName + "tmp",
                Subnet = SpokeNetwork.NodeSubnet(config),
            },
            // Set from Level 1 because changing the network plugin or data plane later forces AKS to
            // replace the cluster; the Cilium data plane is what Level 2's traffic filtering needs.
            NetworkProfile = new NetworkProfile
            {
                NetworkPlugin = "azure",
                NetworkPluginMode = "overlay",
                NetworkDataPlane = "cilium",
                NetworkPolicy = "cilium",
            },
            // Set and changed in place (no replacement): narrowing it later only changes who can reach the API server.
            ApiServerAccessProfile = config.ApiServerAuthorizedIpRanges.IsDefaultOrEmpty
                ? null
                : new ApiServerAccessProfile { AuthorizedIpRanges = config.ApiServerAuthorizedIpRanges },
            Tags = tags,
        });
    }
}
