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

    private static GraphComponent Component(string id, string typeToken) =>
        new(id, typeToken, id, new Provenance(id, 2), [], [], [], []);
}
