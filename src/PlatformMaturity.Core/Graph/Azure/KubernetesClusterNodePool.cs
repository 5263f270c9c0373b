namespace PlatformMaturity.Graph.Azure;

/// <summary>
/// An extra node pool of an AKS cluster (Pulumi.Azure.ContainerService.KubernetesClusterNodePool), e.g. the user pool
/// tenant workloads run on while the system pool keeps only critical add-ons. Being its own resource, it is added,
/// resized or removed without touching the cluster.
/// </summary>
public sealed record KubernetesClusterNodePool : AzureResource
{
    /// <summary>Graph name of the AKS cluster (its id is the pool's KubernetesClusterId).</summary>
    public required string Cluster { get; init; }

    /// <summary>User (workloads) or System (critical add-ons).</summary>
    public string Mode { get; init; } = "User";

    /// <summary>
    /// The pool's settings, as for the cluster's default pool. <see cref="NodePool.OnlyCriticalAddonsEnabled"/> is a
    /// default-pool setting and does not apply here.
    /// </summary>
    public required NodePool Pool { get; init; }

    /// <summary>Taints of the pool's nodes (node_taints, key=value:Effect); only pods that tolerate them land there.</summary>
    public System.Collections.Immutable.ImmutableArray<string> NodeTaints { get; init; } = [];

    /// <summary>Labels of the pool's nodes (node_labels), which workloads select the pool by.</summary>
    public System.Collections.Immutable.ImmutableSortedDictionary<string, string> NodeLabels { get; init; } =
        System.Collections.Immutable.ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// gpu_driver of a GPU pool: Install (AKS installs the NVIDIA driver) or None (the NVIDIA GPU operator installs it);
    /// null leaves the provider's default. Changing it forces a new pool.
    /// </summary>
    public string? GpuDriver { get; init; }

    /// <summary>priority: Regular or Spot; null for the provider default (Regular). Changing it forces a new pool.</summary>
    public string? Priority { get; init; }

    /// <summary>eviction_policy of a spot pool: Delete or Deallocate; null for the provider default. Forces a new pool.</summary>
    public string? EvictionPolicy { get; init; }

    /// <summary>spot_max_price of a spot pool in USD per VM hour; -1 caps it at the on-demand price. Forces a new pool.</summary>
    public double? SpotMaxPrice { get; init; }

    public override IEnumerable<string> References => Pool.Subnet is { } subnet ? [Cluster, subnet] : [Cluster];
}
