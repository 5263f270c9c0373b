using System.Collections.Immutable;

namespace PlatformMaturity.Graph.Azure;

/// <summary>
/// An AKS cluster (Pulumi.Azure.ContainerService.KubernetesCluster). Practices contribute its settings;
/// null means "not set, the provider's default".
/// </summary>
public sealed record KubernetesCluster : AzureResource
{
    public required string ClusterName { get; init; }

    /// <summary>Graph name of the resource group.</summary>
    public required string ResourceGroup { get; init; }

    public required string Location { get; init; }

    public required string DnsPrefix { get; init; }

    public required string KubernetesVersion { get; init; }

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

    public override IEnumerable<string> References => [ResourceGroup];
}

/// <summary>An AKS node pool: the cluster's default pool or an extra one.</summary>
public sealed record NodePool
{
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

    /// <summary>Name of the temporary pool AKS uses when a change forces the pool to be rotated.</summary>
    public string? TemporaryNameForRotation { get; init; }
}

/// <summary>AKS networking (KubernetesClusterNetworkProfileArgs); values use the Terraform spellings.</summary>
public sealed record NetworkProfile
{
    public required string NetworkPlugin { get; init; }

    public string? NetworkPluginMode { get; init; }

    public string? NetworkDataPlane { get; init; }

    public string? NetworkPolicy { get; init; }
}
