using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.PulumiHost.Mapping;

namespace PlatformMaturity.PulumiHost.Tests;

/// <summary>Which predecessor components a component is aliased to, so upgrades move resources instead of replacing them.</summary>
[Collection(PulumiCollection.Name)]
public sealed class ComponentAliasesTests : PulumiTest
{
    [Fact]
    public void A_component_is_aliased_to_the_predecessors_the_graph_no_longer_holds()
    {
        var gone = new ComponentIdentity("basic-platform-monitoring", "platform:availability:BasicPlatformMonitoring");
        var stillThere = new ComponentIdentity("basic-cluster-updates", "platform:security:BasicClusterUpdates");
        var successor = Component("advanced-platform-monitoring", "platform:availability:AdvancedPlatformMonitoring") with
        {
            Predecessors = [gone, stillThere],
        };
        var graph = Composer.Default.Compose(new PlatformConfig
        {
            Stack = "aliases", Name = "aliases", Level = 1, Target = DeploymentTarget.Existing, Registry = "localhost:5001",
        });
        graph = graph with { Components = [.. graph.Components, Component(stillThere.Id, stillThere.TypeToken), successor] };

        // Element by element: ImmutableArray's own equality compares the underlying arrays by reference.
        Assert.Equal<ComponentIdentity>([gone], ComponentAliases.For(successor, graph));
    }

    [Fact]
    public void Migrating_to_platform_clusters_keeps_every_component_and_resource_of_the_first_cluster()
    {
        var single = new PlatformConfig
        {
            Stack = "aliases", Name = "aliases", Level = 4, Target = DeploymentTarget.Azure, Regions = ["westeurope"],
            KubernetesVersion = PlatformMaturity.Versions.Pins.AksKubernetesVersion, NodeVmSize = PlatformMaturity.Versions.Pins.AksSystemNodeVmSize,
            NodeCount = 3, SkuTier = "Standard", Zones = ["1", "2", "3"],
        };
        var migrated = single with
        {
            Regions = ["westeurope", "northeurope"],
            Clusters = [new ClusterMember { Name = "primary", Region = "westeurope", Zones = ["1", "2", "3"] }, new ClusterMember { Name = "secondary", Region = "northeurope", Zones = ["1", "2", "3"] }],
        };
        var before = Composer.Default.Compose(single);
        var after = Composer.Default.Compose(migrated);
        foreach (var component in before.Components)
        {
            var kept = after.Component(component.Id);
            Assert.NotNull(kept);
            Assert.Equal(component.TypeToken, kept.TypeToken);
            Assert.Equal<ComponentIdentity>([.. ComponentAliases.For(component, before)], [.. ComponentAliases.For(kept, after)]);
            Assert.Equal(component.Resources.Select(r => r.Name), kept.Resources.Select(r => r.Name).Where(n => component.Resources.Any(r => r.Name == n)));
        }
        Assert.Empty(ComponentAliases.For(after.Component("cluster-secondary")!, after));
    }

    private static GraphComponent Component(string id, string typeToken) =>
        new(id, typeToken, id, new Provenance(id, 2), [], [], [], []);
}
