using System.Collections.Immutable;

namespace PlatformMaturity.Config;

/// <summary>
/// One cluster of the platform's topology (an item of platform:clusters). A stack without the key has one member,
/// made from the single-cluster keys (platform:regions[0], platform:zones, platform:kubeContext and the node-pool
/// keys), so a single cluster is a list of one and keeps its identity.
/// </summary>
public sealed record ClusterMember
{
    /// <summary>The member's name (DNS label); it prefixes the graph names of every member after the first.</summary>
    public required string Name { get; init; }

    /// <summary>Azure: the member's region. Existing: an optional region label (where the cluster runs), for placement; null when not stated.</summary>
    public string? Region { get; init; }

    /// <summary>
    /// What the cluster offers beyond the platform every member runs (e.g. gpu), from Level 5: Argo CD places
    /// applications by these labels (Multi-cluster Platform). Empty for a general-purpose member.
    /// </summary>
    public ImmutableArray<string> Capabilities { get; init; } = [];

    /// <summary>Azure: availability zones of the member's node pools; empty for regional pools.</summary>
    public ImmutableArray<string> Zones { get; init; } = [];

    /// <summary>Azure: the member's system pool size, null for the single-cluster keys (platform:nodeVmSize, platform:nodeCount ...).</summary>
    public NodePoolSize? SystemPool { get; init; }

    /// <summary>Azure: the member's user pool size, null for the single-cluster keys (platform:userNodeVmSize ...).</summary>
    public NodePoolSize? UserPool { get; init; }

    /// <summary>Existing: the kubeconfig context of the member; null for the current context.</summary>
    public string? KubeContext { get; init; }

    /// <summary>Existing: the availability (0..1) the cluster's owner guarantees; null when not stated (then attested).</summary>
    public double? Availability { get; init; }
}

/// <summary>A node pool's size for one member: VM size, node count and the autoscaler's range (null values use the stack's keys).</summary>
public sealed record NodePoolSize(string? VmSize, int? Count, int? MinCount, int? MaxCount);

/// <summary>Names the members in the graph: the first is the primary cluster, whatever it is called.</summary>
public static class ClusterKeys
{
    /// <summary>The graph key of the member at <paramref name="index"/>: "primary" for the first (the identity a single cluster always had), else its name.</summary>
    public static string KeyOf(int index, ClusterMember member) => index == 0 ? Graph.ClusterRef.PrimaryKey : member.Name;
}
