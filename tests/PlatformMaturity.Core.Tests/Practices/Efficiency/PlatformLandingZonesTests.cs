using System.Net;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Planning;
using PlatformMaturity.Practices.Efficiency;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Efficiency;

/// <summary>
/// Platform Landing Zones: spoke VNets from Level 1 for stacks on platform:network spoke (identities of AKS-managed
/// stacks unchanged), the hub and two-way peering at Level 4, staged policy assignments, n/a on existing.
/// </summary>
public sealed class PlatformLandingZonesTests
{
    private static PlatformConfig TwoRegions(int level, bool spoke) => Azure(level) with
    {
        SpokeNetwork = spoke,
        Zones = ["1", "2", "3"],
        Clusters = [new ClusterMember { Name = "weu", Region = "westeurope", Zones = ["1", "2", "3"] }, new ClusterMember { Name = "neu", Region = "northeurope", Zones = ["1", "2", "3"] }],
    };

    [Fact]
    public void A_spoke_stack_puts_its_cluster_in_its_own_vnet_from_level_1_with_a_node_subnet_and_an_api_server_subnet_delegated_to_aks()
    {
        var graph = Compose(Azure(1) with { SpokeNetwork = true });
        var vnet = Assert.IsType<VirtualNetwork>(graph.Resource(SpokeNetwork.VnetName));
        Assert.Equal("westeurope", vnet.Location);
        var subnets = graph.Resources.OfType<Subnet>().ToDictionary(s => s.Name);
        Assert.Equal([SpokeNetwork.ApiServerSubnetName, SpokeNetwork.NodeSubnetName], subnets.Keys.Order());
        Assert.Equal("Microsoft.ContainerService/managedClusters", subnets[SpokeNetwork.ApiServerSubnetName].Delegation!.Service);
        Assert.Null(subnets[SpokeNetwork.NodeSubnetName].Delegation);
        Assert.All(subnets.Values, s => Assert.True(Within(s.AddressPrefixes.Single(), vnet.AddressSpaces.Single()), $"{s.Name} inside {vnet.AddressSpaces[0]}"));
        Assert.Equal(SpokeNetwork.NodeSubnetName, graph.Cluster().DefaultNodePool.Subnet);
        Assert.Contains(SpokeNetwork.NodeSubnetName, graph.Cluster().References);
        // Azure CNI Overlay: pods take overlay addresses, so there is no pod subnet.
        Assert.Equal("overlay", graph.Cluster().NetworkProfile!.NetworkPluginMode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_stack_on_an_aks_managed_vnet_keeps_every_cluster_resource_as_it_was(int level)
    {
        var graph = Compose(TwoRegions(level, spoke: false));
        Assert.DoesNotContain(graph.Resources, r => r is Subnet || (r is VirtualNetwork && r.Name != PlatformLandingZones.HubVnet));
        Assert.DoesNotContain(graph.Resources, r => r is VirtualNetworkPeering);
        Assert.All(graph.Resources.OfType<KubernetesCluster>(), c => Assert.Null(c.DefaultNodePool.Subnet));
        Assert.All(graph.Resources.OfType<KubernetesClusterNodePool>(), p => Assert.Null(p.Pool.Subnet));
        // The spoke changes nothing else of the cluster: same graph names, same Azure names, same settings.
        var spoke = Compose(TwoRegions(level, spoke: true));
        foreach (var cluster in graph.Resources.OfType<KubernetesCluster>())
        {
            var other = (KubernetesCluster)spoke.Resource(cluster.Name);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(cluster),
                System.Text.Json.JsonSerializer.Serialize(other with { DefaultNodePool = other.DefaultNodePool with { Subnet = null }, DependsOn = cluster.DependsOn, Contributions = cluster.Contributions }));
            // ... and it depends on its subnet, on top of what it depended on.
            Assert.Equal(cluster.DependsOn.Append(other.DefaultNodePool.Subnet!).Order(StringComparer.Ordinal), other.DependsOn.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void At_level_4_every_cluster_has_its_own_regional_spoke_and_each_is_peered_with_the_hub_both_ways_without_overlap()
    {
        var graph = Compose(TwoRegions(4, spoke: true));
        var vnets = graph.Resources.OfType<VirtualNetwork>().ToList();
        Assert.Equal(3, vnets.Count);
        var hub = vnets.Single(v => v.Name == PlatformLandingZones.HubVnet);
        Assert.Equal(PlatformLandingZones.HubResourceGroup, hub.ResourceGroup);
        var spokes = vnets.Where(v => v != hub).ToList();
        Assert.Equal(["westeurope", "northeurope"], spokes.Select(s => s.Location));
        foreach (var (a, b) in vnets.SelectMany(a => vnets.Where(b => b != a).Select(b => (a, b))))
            Assert.False(Overlap(a.AddressSpaces.Single(), b.AddressSpaces.Single()), $"{a.Name} and {b.Name} overlap");

        var peerings = graph.Resources.OfType<VirtualNetworkPeering>().ToList();
        foreach (var spoke in spokes)
        {
            Assert.Single(peerings, p => p.VirtualNetwork == hub.Name && p.RemoteVirtualNetwork == spoke.Name);
            Assert.Single(peerings, p => p.VirtualNetwork == spoke.Name && p.RemoteVirtualNetwork == hub.Name && p.ResourceGroup == spoke.ResourceGroup);
        }
        Assert.Equal(4, peerings.Count);

        // Each member's cluster and user pool join its own spoke's node subnet.
        foreach (var cluster in graph.Resources.OfType<KubernetesCluster>())
        {
            var subnet = Assert.IsType<Subnet>(graph.Resource(cluster.DefaultNodePool.Subnet!));
            var vnet = (VirtualNetwork)graph.Resource(subnet.VirtualNetwork);
            Assert.Equal(cluster.Location, vnet.Location);
            Assert.True(Within(subnet.AddressPrefixes.Single(), vnet.AddressSpaces.Single()));
        }
        Assert.All(graph.Resources.OfType<KubernetesClusterNodePool>(), p =>
            Assert.Equal(((KubernetesCluster)graph.Resource(p.Cluster)).DefaultNodePool.Subnet, p.Pool.Subnet));
    }

    [Theory]
    [InlineData(true, "Audit")]
    [InlineData(false, "Deny")]
    public void Built_in_policies_are_assigned_to_the_platform_resource_group_auditing_first_and_denying_once_promoted(bool staged, string effect)
    {
        var graph = Compose(TwoRegions(4, spoke: true) with { Staged = staged ? [Enforcements.LandingZonePolicies] : [] });
        var assignments = graph.Resources.OfType<ResourceGroupPolicyAssignment>().ToList();
        Assert.Equal(PlatformLandingZones.Policies.Length, assignments.Count);
        Assert.All(assignments, a =>
        {
            Assert.Equal(Foundation.ResourceGroupName, a.ResourceGroup);
            Assert.Matches("^/providers/Microsoft.Authorization/policyDefinitions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", a.PolicyDefinitionId);
            Assert.Equal(effect, a.Parameters["effect"]);
            Assert.InRange(a.AssignmentName.Length, 1, 64);
        });
        Assert.Contains(Enforcements.All, e => e.Id == Enforcements.LandingZonePolicies && e.Practice == "Platform Landing Zones");
    }

    [Fact]
    public void The_local_accounts_policy_denies_only_once_the_platform_itself_has_disabled_local_accounts()
    {
        var graph = Compose(TwoRegions(4, spoke: true) with { Staged = [Enforcements.LocalAccountsDisabled] });
        var effects = graph.Resources.OfType<ResourceGroupPolicyAssignment>().ToDictionary(a => a.AssignmentName, a => a.Parameters["effect"]);
        Assert.Equal("Audit", effects["aks-local-auth-disabled"]);
        Assert.Equal("Deny", effects["storage-no-shared-key"]);
        Assert.False(graph.Cluster().LocalAccountDisabled);
    }

    [Fact]
    public void A_stack_on_an_aks_managed_vnet_gets_the_hub_and_policies_at_level_4_but_no_peering_and_is_told_why()
    {
        var graph = Compose(TwoRegions(4, spoke: false));
        Assert.IsType<VirtualNetwork>(graph.Resource(PlatformLandingZones.HubVnet));
        Assert.NotEmpty(graph.Resources.OfType<ResourceGroupPolicyAssignment>());
        var component = graph.Component("platform-landing-zones")!;
        Assert.Contains(component.Notes, n => n.Contains("AKS-managed", StringComparison.Ordinal) && n.Contains("migration", StringComparison.Ordinal));
    }

    [Fact]
    public void On_existing_the_practice_is_not_applicable_with_the_reason()
    {
        var graph = Compose(Existing(4));
        var status = Assert.Single(graph.Practices, p => p.Practice == "Platform Landing Zones");
        Assert.Equal(PracticeState.NotApplicable, status.State);
        Assert.Contains("owner", status.Detail, StringComparison.Ordinal);
        Assert.Empty(graph.Resources.OfType<AzureResource>());
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Plan_to_level_4_says_an_aks_managed_stack_means_new_clusters_in_spokes_and_a_migration(bool spoke, bool warned)
    {
        var raw = PlatformMaturity.Core.Tests.Planning.PlanTestStacks.Raw(DeploymentTarget.Azure, 3, attested: true, resilient: true);
        if (spoke)
            raw = raw.With(ConfigKeys.Network, ConfigKeys.NetworkSpoke);
        var plan = UpgradePlanner.Default.Plan(raw, new PlanRequest(4)).Plan;
        var risk = plan.Risks.SingleOrDefault(r => r.Id == UpgradePlanner.ManagedVnetRisk);
        Assert.Equal(warned, risk is not null);
        if (risk is not null)
        {
            Assert.Contains("cannot move into another VNet", risk.Description, StringComparison.Ordinal);
            Assert.Contains("new clusters in spokes and a migration", risk.Description, StringComparison.Ordinal);
            Assert.Contains("Microsoft.ContainerService/managedClusters", risk.Mitigation, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The spokes' API server subnets are not left unexplained: Pulumi.Azure 6.39 cannot enable API Server VNet
    /// Integration, so plan and status give each cluster's az command, naming that cluster and its own spoke's subnet.
    /// </summary>
    [Fact]
    public void Each_cluster_gets_the_az_command_that_puts_its_api_server_into_its_spokes_subnet()
    {
        var graph = Compose(TwoRegions(4, spoke: true));
        var steps = ApiServerVnetIntegration.Steps(graph);
        Assert.Equal(2, steps.Length);
        foreach (var (step, region) in steps.Zip(new[] { "westeurope", "northeurope" }))
        {
            var cluster = graph.Resources.OfType<KubernetesCluster>().Single(c => c.Location == region);
            Assert.Equal(cluster.ClusterName, step.Cluster);
            Assert.StartsWith($"az aks update -g rg-test-westeurope -n {cluster.ClusterName} --enable-apiserver-vnet-integration --apiserver-subnet-id ", step.Command, StringComparison.Ordinal);
            Assert.EndsWith($"$(az network vnet subnet show -g rg-test-westeurope --vnet-name {SpokeNetwork.AzureVnetName(graph.Config, region)} -n snet-apiserver --query id -o tsv)", step.Command, StringComparison.Ordinal);
            Assert.StartsWith($"az aks show -g rg-test-westeurope -n {cluster.ClusterName} --query \"apiServerAccessProfile.", step.Verify, StringComparison.Ordinal);
        }

        var finding = ApiServerVnetIntegration.Finding(graph)!;
        Assert.Equal(ApiServerVnetIntegration.FindingId, finding.Id);
        Assert.All(steps, s => Assert.Contains(s.Command, finding.Message, StringComparison.Ordinal));
        // Below Level 4 (no landing zones) and on AKS-managed VNets (no API server subnet) there is nothing to say.
        Assert.Null(ApiServerVnetIntegration.Finding(Compose(TwoRegions(3, spoke: true))));
        Assert.Empty(ApiServerVnetIntegration.Steps(Compose(TwoRegions(4, spoke: false))));
    }

    /// <summary>
    /// A specialised member in a region an earlier member already uses (Level 5's gpu cluster) gets its own spoke in
    /// Azure, not only in the graph: all spokes share one resource group, so a VNet named after the region alone would be
    /// the first cluster's VNet again and both clusters' API servers would land in one delegated subnet.
    /// </summary>
    [Fact]
    public void A_member_sharing_a_region_gets_its_own_vnet_api_server_subnet_and_hub_peering_in_azure()
    {
        var config = TwoRegions(5, spoke: true) with
        {
            Clusters = [.. TwoRegions(5, spoke: true).Clusters, new ClusterMember { Name = "gpu", Region = "westeurope", Zones = ["1", "2", "3"], Capabilities = ["gpu"] }],
        };
        var graph = Compose(config);
        var vnets = graph.Resources.OfType<VirtualNetwork>().Where(v => v.Name != PlatformLandingZones.HubVnet).ToList();
        Assert.Equal(3, vnets.Count);
        Assert.Equal(vnets.Count, vnets.Select(v => (v.ResourceGroup, v.VirtualNetworkName)).Distinct().Count());
        Assert.Equal("vnet-test-westeurope-gpu", vnets.Single(v => v.Name == "gpu-" + SpokeNetwork.VnetName).VirtualNetworkName);
        // The first two keep the names they always had.
        Assert.Equal(["vnet-test-westeurope", "vnet-test-northeurope"], vnets.Take(2).Select(v => v.VirtualNetworkName));

        // Every cluster's API server subnet is its own: one per VNet, none shared.
        var apiServerSubnets = graph.Resources.OfType<Subnet>().Where(s => s.Delegation is not null).ToList();
        Assert.Equal(3, apiServerSubnets.Select(s => s.VirtualNetwork).Distinct().Count());
        var steps = ApiServerVnetIntegration.Steps(graph);
        Assert.Equal(3, steps.Select(s => s.Command[s.Command.IndexOf("--vnet-name", StringComparison.Ordinal)..]).Distinct().Count());

        var hubPeerings = graph.Resources.OfType<VirtualNetworkPeering>().Where(p => p.VirtualNetwork == PlatformLandingZones.HubVnet).ToList();
        Assert.Equal(3, hubPeerings.Select(p => p.PeeringName).Distinct().Count());
    }

    [Fact]
    public void Plan_to_level_4_on_spokes_lists_the_api_server_vnet_integration_as_a_step_by_hand_with_its_check()
    {
        var raw = PlatformMaturity.Core.Tests.Planning.PlanTestStacks.Raw(DeploymentTarget.Azure, 3, attested: true, resilient: true)
            .With(ConfigKeys.Network, ConfigKeys.NetworkSpoke);
        var plan = UpgradePlanner.Default.Plan(raw, new PlanRequest(4)).Plan;
        var steps = plan.Steps.Where(s => s.Title.Contains("--enable-apiserver-vnet-integration", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, s => Assert.Contains(s.Verify, v => v.Contains("enableVnetIntegration", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(1, plan.Steps.Length), plan.Steps.Select(s => s.Number));
    }

    private static (uint Address, int Bits) Cidr(string cidr)
    {
        var parts = cidr.Split('/');
        var bytes = IPAddress.Parse(parts[0]).GetAddressBytes();
        return (((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static uint Mask(int bits) => bits == 0 ? 0 : uint.MaxValue << (32 - bits);

    private static bool Within(string inner, string outer)
    {
        var (i, ib) = Cidr(inner);
        var (o, ob) = Cidr(outer);
        return ib >= ob && (i & Mask(ob)) == (o & Mask(ob));
    }

    private static bool Overlap(string a, string b) => Within(a, b) || Within(b, a) ||
        (Cidr(a).Address & Mask(Math.Min(Cidr(a).Bits, Cidr(b).Bits))) == (Cidr(b).Address & Mask(Math.Min(Cidr(a).Bits, Cidr(b).Bits)));
}
