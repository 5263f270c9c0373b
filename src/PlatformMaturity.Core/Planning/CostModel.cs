using System.Collections.Immutable;
using System.Globalization;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Planning;

/// <summary>A rough monthly cost of a graph and of a change between two graphs.</summary>
public sealed record CostEstimate(ImmutableArray<CostLine> Before, ImmutableArray<CostLine> After, ImmutableArray<string> NotPriced)
{
    public decimal MonthlyBefore => Before.Sum(l => l.MonthlyUsd);

    public decimal MonthlyAfter => After.Sum(l => l.MonthlyUsd);

    public decimal MonthlyDelta => MonthlyAfter - MonthlyBefore;

    public string DeltaText => $"{(MonthlyDelta >= 0 ? "+" : "-")}${Math.Abs(MonthlyDelta).ToString("0", CultureInfo.InvariantCulture)}/month";
}

/// <summary>One priced item: what, how many, the monthly list price.</summary>
public sealed record CostLine(string Item, decimal MonthlyUsd);

/// <summary>
/// Prices what the graph knows the size of (AKS tier, node VMs, registry SKU) at rough pay-as-you-go list
/// prices (USD, 730 hours a month, Linux, West Europe, as published in 2026). Usage-billed items (logs,
/// storage, egress) and everything on existing clusters are listed as not priced.
/// </summary>
public static class CostModel
{
    private static readonly IReadOnlyDictionary<string, decimal> TierMonthly = new Dictionary<string, decimal>
    {
        ["Free"] = 0m,
        ["Standard"] = 73m,
        ["Premium"] = 438m,
    };

    private static readonly IReadOnlyDictionary<string, decimal> VmMonthly = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase)
    {
        ["Standard_D2ds_v5"] = 83m,
        ["Standard_D4ds_v5"] = 165m,
        ["Standard_D8ds_v5"] = 330m,
        ["Standard_D16ds_v5"] = 660m,
        ["Standard_D2s_v5"] = 70m,
        ["Standard_D4s_v5"] = 140m,
        ["Standard_D8s_v5"] = 280m,
        ["Standard_E4ds_v5"] = 212m,
        ["Standard_E8ds_v5"] = 424m,
        ["Standard_NC4as_T4_v3"] = 384m,
        ["Standard_NC24ads_A100_v4"] = 2680m,
    };

    private static readonly IReadOnlyDictionary<string, decimal> RegistryMonthly = new Dictionary<string, decimal>
    {
        ["Basic"] = 5m,
        ["Standard"] = 20m,
        ["Premium"] = 50m,
    };

    /// <summary>Front Door's monthly base fee by SKU (requests and data transfer are billed on top).</summary>
    private static readonly IReadOnlyDictionary<string, decimal> FrontDoorMonthly = new Dictionary<string, decimal>
    {
        ["Standard_AzureFrontDoor"] = 35m,
        ["Premium_AzureFrontDoor"] = 330m,
    };

    /// <summary>
    /// The monthly price of one requested vCPU and one requested GiB of memory, split out of two VM prices above
    /// that differ only in memory: Standard_E4ds_v5 (4 vCPU, 32 GiB) costs what Standard_D4ds_v5 (4 vCPU, 16 GiB)
    /// costs plus 16 GiB. The right-sizing report prices a change of requests with them (requests, not usage, are
    /// what reserves node capacity).
    /// </summary>
    public static (decimal CpuCoreMonthlyUsd, decimal MemoryGiBMonthlyUsd) RequestPrices()
    {
        const decimal cores = 4m, generalGiB = 16m, memoryGiB = 32m;
        var perGiB = (VmMonthly["Standard_E4ds_v5"] - VmMonthly["Standard_D4ds_v5"]) / (memoryGiB - generalGiB);
        var perCore = (VmMonthly["Standard_D4ds_v5"] - generalGiB * perGiB) / cores;
        return (perCore, perGiB);
    }

    public static CostEstimate Between(PlatformGraph before, PlatformGraph after)
    {
        var (was, wasUnknown) = Price(before);
        var (will, willUnknown) = Price(after);
        return new CostEstimate(was, will, [.. wasUnknown.Union(willUnknown).Order(StringComparer.Ordinal)]);
    }

    public static (ImmutableArray<CostLine> Lines, ImmutableArray<string> NotPriced) Price(PlatformGraph graph)
    {
        var lines = new List<CostLine>();
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var resource in graph.Resources)
        {
            switch (resource)
            {
                case KubernetesCluster cluster:
                    lines.Add(new CostLine($"{cluster.ClusterName}: AKS {cluster.SkuTier} tier", TierMonthly.GetValueOrDefault(cluster.SkuTier)));
                    if (cluster.MicrosoftDefender is not null)
                        unknown.Add("Microsoft Defender for Containers (billed per vCore of the nodes)");
                    AddPool(lines, unknown, cluster.ClusterName, cluster.DefaultNodePool);
                    break;
                case KubernetesClusterNodePool pool:
                    AddPool(lines, unknown, graph.Resource(pool.Cluster) is KubernetesCluster owner ? owner.ClusterName : pool.Cluster, pool.Pool);
                    break;
                case ContainerRegistry registry:
                    lines.Add(new CostLine($"container registry ({registry.Sku})", RegistryMonthly.GetValueOrDefault(registry.Sku)));
                    break;
                case FrontDoorProfile frontDoor:
                    lines.Add(new CostLine($"Front Door ({frontDoor.SkuName}) base fee", FrontDoorMonthly.GetValueOrDefault(frontDoor.SkuName)));
                    unknown.Add("Front Door requests and data transfer (billed per request and GB)");
                    break;
                case LogAnalyticsWorkspace:
                    unknown.Add("Log Analytics ingestion (billed per GB)");
                    break;
                case StorageAccount:
                    unknown.Add("storage (billed per GB stored and transferred)");
                    break;
            }
        }
        if (!graph.Config.IsAzure)
            unknown.Add("the existing cluster's own nodes (not known to the tool)");
        if (graph.Resources.OfType<HelmRelease>().Any())
            unknown.Add("capacity the platform's Helm releases request on the nodes");
        return ([.. lines], [.. unknown]);
    }

    private static void AddPool(List<CostLine> lines, SortedSet<string> unknown, string cluster, NodePool pool)
    {
        var nodes = pool.AutoScalingEnabled ? pool.MinCount ?? pool.NodeCount : pool.NodeCount;
        var range = pool.AutoScalingEnabled && pool.MaxCount is { } max ? $" (autoscaling up to {max})" : "";
        if (VmMonthly.TryGetValue(pool.VmSize, out var price))
            lines.Add(new CostLine($"{cluster}/{pool.Name}: {nodes} × {pool.VmSize}{range}", nodes * price));
        else
            unknown.Add($"{cluster}/{pool.Name}: {nodes} × {pool.VmSize} (no list price known to the tool)");
    }
}
