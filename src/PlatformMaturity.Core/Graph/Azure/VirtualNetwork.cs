using System.Collections.Immutable;

namespace PlatformMaturity.Graph.Azure;

/// <summary>
/// A virtual network (Pulumi.Azure.Network.VirtualNetwork, Pulumi.Azure 6.39: Name, ResourceGroupName, Location,
/// AddressSpaces, Tags). VNets are regional: the hub lives in the primary region, each cluster's spoke in its cluster's.
/// It holds no data; a spoke goes only with the clusters in it.
/// </summary>
public sealed record VirtualNetwork : AzureResource
{
    /// <summary>The Azure name of the network.</summary>
    public required string VirtualNetworkName { get; init; }

    /// <summary>Graph name of the resource group it lives in.</summary>
    public required string ResourceGroup { get; init; }

    public required string Location { get; init; }

    /// <summary>CIDR ranges of the network; hub and spokes must not overlap, or they cannot peer.</summary>
    public required ImmutableArray<string> AddressSpaces { get; init; }

    public override IEnumerable<string> References => [ResourceGroup];
}

/// <summary>
/// A subnet of a virtual network (Pulumi.Azure.Network.Subnet: Name, ResourceGroupName, VirtualNetworkName,
/// AddressPrefixes, Delegations[].Name/ServiceDelegation.Name/Actions).
/// </summary>
public sealed record Subnet : AzureResource
{
    /// <summary>The Azure name of the subnet.</summary>
    public required string SubnetName { get; init; }

    /// <summary>Graph name of the resource group of its network.</summary>
    public required string ResourceGroup { get; init; }

    /// <summary>Graph name of its network.</summary>
    public required string VirtualNetwork { get; init; }

    public required ImmutableArray<string> AddressPrefixes { get; init; }

    /// <summary>The service the subnet is delegated to (e.g. Microsoft.ContainerService/managedClusters), or null.</summary>
    public SubnetDelegation? Delegation { get; init; }

    public override IEnumerable<string> References => [ResourceGroup, VirtualNetwork];
}

/// <summary>A subnet's delegation to a service, with the actions the service may take on the subnet.</summary>
public sealed record SubnetDelegation(string Name, string Service, ImmutableArray<string> Actions);

/// <summary>
/// One direction of a peering between two virtual networks (Pulumi.Azure.Network.VirtualNetworkPeering: Name,
/// ResourceGroupName, VirtualNetworkName, RemoteVirtualNetworkId, AllowVirtualNetworkAccess, AllowForwardedTraffic).
/// Azure connects two networks only when both directions exist.
/// </summary>
public sealed record VirtualNetworkPeering : AzureResource
{
    /// <summary>The Azure name of the peering (unique within its network).</summary>
    public required string PeeringName { get; init; }

    /// <summary>Graph name of the resource group of the local network.</summary>
    public required string ResourceGroup { get; init; }

    /// <summary>Graph name of the local network (the peering is its child).</summary>
    public required string VirtualNetwork { get; init; }

    /// <summary>Graph name of the network it peers with (its id is RemoteVirtualNetworkId).</summary>
    public required string RemoteVirtualNetwork { get; init; }

    /// <summary>Whether traffic the remote network forwards (e.g. from a hub firewall) is accepted.</summary>
    public bool AllowForwardedTraffic { get; init; } = true;

    public override IEnumerable<string> References => [ResourceGroup, VirtualNetwork, RemoteVirtualNetwork];
}
