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

    public override IEnumerable<string> References => [Cluster];
}
