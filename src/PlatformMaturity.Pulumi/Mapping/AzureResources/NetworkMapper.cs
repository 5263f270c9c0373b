using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;
using NetworkInputs = Pulumi.Azure.Network.Inputs;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// Hub and spoke networks (Pulumi.Azure 6.39, sdk/dotnet/Network in pulumi/pulumi-azure): VirtualNetwork (Name,
/// ResourceGroupName, Location, AddressSpaces, Tags), Subnet (Name, ResourceGroupName, VirtualNetworkName, AddressPrefixes,
/// Delegations: SubnetDelegationArgs.Name / ServiceDelegation = SubnetDelegationServiceDelegationArgs.Name, Actions) and
/// VirtualNetworkPeering (Name, ResourceGroupName, VirtualNetworkName, RemoteVirtualNetworkId, AllowVirtualNetworkAccess,
/// AllowForwardedTraffic).
/// </summary>
internal static class NetworkMapper
{
    public static PulumiAzure.Network.VirtualNetwork Map(VirtualNetwork network, MappingContext context, PlatformComponent parent) =>
        new(network.Name, Args(network, context.Refs), context.Options(network, parent));

    public static PulumiAzure.Network.Subnet Map(Subnet subnet, MappingContext context, PlatformComponent parent) =>
        new(subnet.Name, Args(subnet, context.Refs), context.Options(subnet, parent));

    public static PulumiAzure.Network.VirtualNetworkPeering Map(VirtualNetworkPeering peering, MappingContext context, PlatformComponent parent) =>
        new(peering.Name, Args(peering, context.Refs), context.Options(peering, parent));

    internal static PulumiAzure.Network.VirtualNetworkArgs Args(VirtualNetwork network, AzureOutputs refs) => new()
    {
        Name = network.VirtualNetworkName,
        ResourceGroupName = refs.NameOf(network.ResourceGroup),
        Location = network.Location,
        AddressSpaces = network.AddressSpaces.ToArray(),
        Tags = In.Map(network.Tags),
    };

    internal static PulumiAzure.Network.SubnetArgs Args(Subnet subnet, AzureOutputs refs)
    {
        var args = new PulumiAzure.Network.SubnetArgs
        {
            Name = subnet.SubnetName,
            ResourceGroupName = refs.NameOf(subnet.ResourceGroup),
            VirtualNetworkName = refs.NameOf(subnet.VirtualNetwork),
            AddressPrefixes = subnet.AddressPrefixes.ToArray(),
        };
        if (subnet.Delegation is { } delegation)
            args.Delegations = new[]
            {
                new NetworkInputs.SubnetDelegationArgs
                {
                    Name = delegation.Name,
                    ServiceDelegation = new NetworkInputs.SubnetDelegationServiceDelegationArgs
                    {
                        Name = delegation.Service,
                        Actions = delegation.Actions.ToArray(),
                    },
                },
            };
        return args;
    }

    internal static PulumiAzure.Network.VirtualNetworkPeeringArgs Args(VirtualNetworkPeering peering, AzureOutputs refs) => new()
    {
        Name = peering.PeeringName,
        ResourceGroupName = refs.NameOf(peering.ResourceGroup),
        VirtualNetworkName = refs.NameOf(peering.VirtualNetwork),
        RemoteVirtualNetworkId = refs.Resolve(new AzureRef(peering.RemoteVirtualNetwork, AzureOutput.Id)),
        AllowVirtualNetworkAccess = true,
        AllowForwardedTraffic = peering.AllowForwardedTraffic,
    };
}
