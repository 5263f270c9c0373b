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
