using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Delivery;

/// <summary>Golden Paths from Level 4: the CloudNativePG operator for stateful golden paths, never before the seed allows state.</summary>
public sealed class PostgresOperatorTests
{
    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Level_4_runs_the_pinned_cloudnative_pg_operator_and_level_3_does_not(DeploymentTarget target)
    {
        Assert.False(Compose(For(target, 3)).HasRelease(PostgresOperator.OperatorRelease));
        var graph = Compose(For(target, 4));
        var cnpg = graph.Release(PostgresOperator.OperatorRelease);
        Assert.Equal(Pins.CloudNativePg, cnpg.Chart);
        Assert.Equal(PostgresOperator.Namespace, cnpg.Namespace);
        Assert.Contains(PostgresOperator.ApiGroup, cnpg.ProvidesApiGroups);
        Assert.Equal(true, cnpg.Values.Get("rbac.aggregateClusterRoles"));
        Assert.Equal(4, cnpg.Provenance.Level);
        Assert.Equal("golden-paths", graph.OwnerOf(cnpg.Name).Id);
        Assert.Equal("restricted", graph.Object("Namespace", null, PostgresOperator.Namespace).Labels()[PodSecurity.Enforce]);
        // The Barman Cloud plugin issues its certificates with cert-manager, which this platform does not install.
        Assert.False(graph.HasRelease(PostgresOperator.PluginRelease));
    }
}
