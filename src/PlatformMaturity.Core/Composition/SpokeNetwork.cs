using System.Collections.Immutable;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Composition;

/// <summary>
/// The address plan and records of a cluster's spoke VNet (azure stacks with platform:network spoke, from Level 1): a
/// node subnet (Azure CNI Overlay takes pod addresses from its own overlay range, so no pod subnet) and an API server
/// subnet delegated to AKS. Level 4's Platform Landing Zones peers every spoke with a hub. Ranges avoid AKS's default
/// service (10.0.0.0/16) and overlay pod (10.244.0.0/16) ranges, and hub and spokes never overlap, so they can peer.
/// </summary>
public static class SpokeNetwork
{
    /// <summary>Graph names of the first cluster's spoke and its subnets (members' copies are prefixed by their key).</summary>
    public const string VnetName = "vnet";
    public const string NodeSubnetName = "subnet-nodes";
    public const string ApiServerSubnetName = "subnet-apiserver";

    /// <summary>The service AKS's API server VNet integration delegates its subnet to.</summary>
    public const string AksDelegation = "Microsoft.ContainerService/managedClusters";

    /// <summary>The hub's range; spokes follow it, one /16 per cluster in platform:clusters order.</summary>
    public const string HubAddressSpace = "10.100.0.0/16";

    /// <summary>The /16 of the spoke of the cluster at <paramref name="index"/> in platform:clusters (0 = the first).</summary>
    public static string AddressSpace(int index) => $"10.{101 + index}.0.0/16";

    /// <summary>The spoke's node subnet: a /20, room for 4,096 nodes (pods take overlay addresses, not these).</summary>
    public static string NodePrefix(int index) => $"10.{101 + index}.0.0/20";

    /// <summary>The spoke's API server subnet: a /28, the smallest AKS accepts for API server VNet integration.</summary>
    public static string ApiServerPrefix(int index) => $"10.{101 + index}.16.0/28";

    /// <summary>Graph name of the subnet the first cluster's node pools join, or null on an AKS-managed VNet.</summary>
    public static string? NodeSubnet(PlatformConfig config) => config.SpokeNetwork ? NodeSubnetName : null;

    public static string AzureVnetName(PlatformConfig config, string region) => $"vnet-{config.Name}-{region}";

    /// <summary>
    /// What tells a member's spoke apart in Azure names: its region, or region and member name for a member sharing its
    /// region with an earlier one (Level 5's specialised members). Both spokes live in one resource group, where a second
    /// VNet of the same name would be the first one again: the member's node pools and API server would then join the
    /// first cluster's subnets. Each cluster gets its own delegated API server subnet in its own VNet, so no subnet
    /// sharing is ever relied on: the AKS page on API Server VNet Integration
    /// (learn.microsoft.com/azure/aks/api-server-vnet-integration, read 2026-12-04) describes the API server projected
    /// into "a delegated subnet in the VNet where AKS is deployed" and says nothing the platform could rely on about
    /// several clusters sharing one.
    /// </summary>
    public static string SpokeSuffix(PlatformConfig config, ClusterMember member) =>
        ClusterMembers.SharesRegion(config, member) ? $"{member.Region}-{member.Name}" : member.Region ?? config.PrimaryRegion;

    /// <summary>The spoke of the first cluster, in the platform's resource group and the primary region.</summary>
    public static IEnumerable<AzureResource> First(PlatformConfig config, Provenance provenance, string resourceGroup)
    {
        var tags = StandardLabels.AzureTags(config, provenance);
        yield return new VirtualNetwork
        {
            Name = VnetName,
            Provenance = provenance,
            VirtualNetworkName = AzureVnetName(config, config.PrimaryRegion),
            ResourceGroup = resourceGroup,
            Location = config.PrimaryRegion,
            AddressSpaces = [AddressSpace(0)],
            Tags = tags,
        };
        yield return new Subnet
        {
            Name = NodeSubnetName,
            Provenance = provenance,
            SubnetName = "snet-nodes",
            ResourceGroup = resourceGroup,
            VirtualNetwork = VnetName,
            AddressPrefixes = [NodePrefix(0)],
        };
        yield return new Subnet
        {
            Name = ApiServerSubnetName,
            Provenance = provenance,
            SubnetName = "snet-apiserver",
            ResourceGroup = resourceGroup,
            VirtualNetwork = VnetName,
            AddressPrefixes = [ApiServerPrefix(0)],
            Delegation = new SubnetDelegation("aks-apiserver", AksDelegation, ["Microsoft.Network/virtualNetworks/subnets/join/action"]),
        };
    }

    /// <summary>A member's copy of a first-cluster spoke record: its own region and its own, non-overlapping ranges.</summary>
    public static AzureResource ForMember(AzureResource resource, int index, ClusterMember member, PlatformConfig config, Func<string, string> name) => resource switch
    {
        VirtualNetwork v => v with { VirtualNetworkName = AzureVnetName(config, SpokeSuffix(config, member)), Location = member.Region!, AddressSpaces = [AddressSpace(index)] },
        Subnet s => s with
        {
            VirtualNetwork = name(s.VirtualNetwork),
            AddressPrefixes = [s.Name == ApiServerSubnetName ? ApiServerPrefix(index) : NodePrefix(index)],
        },
        _ => throw new InvalidOperationException($"'{resource.Name}' is not part of a spoke network"),
    };

    /// <summary>Whether a record is part of the first cluster's spoke.</summary>
    public static bool IsFirstSpoke(GraphResource resource) => resource switch
    {
        VirtualNetwork v => v.Name == VnetName,
        Subnet s => s.VirtualNetwork == VnetName,
        _ => false,
    };

    /// <summary>Graph names of every cluster's spoke network, first cluster first, with what tells it apart in Azure names (<see cref="SpokeSuffix"/>).</summary>
    public static ImmutableArray<(string Graph, int Index, string Suffix)> Spokes(PlatformConfig config) =>
        [.. config.Members.Select((member, i) => (i == 0 ? VnetName : ClusterMembers.CopyName(ClusterKeys.KeyOf(i, member), VnetName), i, i == 0 ? config.PrimaryRegion : SpokeSuffix(config, member)))];
}
