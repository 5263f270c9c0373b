using System.Text.Json.Nodes;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Planning;
using PlatformMaturity.Core.Tests.Planning;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Availability;

/// <summary>
/// On azure, from the level that brings Hard multi-tenancy, tenant workloads run on a user node pool and the system
/// pool keeps only critical add-ons; getting there rotates the system pool and never replaces the cluster.
/// </summary>
public sealed class UserNodePoolTests
{
    private static KubernetesClusterNodePool? UserPool(PlatformConfig config) =>
        Compose(config).Resources.OfType<KubernetesClusterNodePool>().SingleOrDefault(p => p.Name == WellKnown.UserNodePool);

    [Fact]
    public void Level_1_runs_everything_on_the_system_pool()
    {
        Assert.Null(UserPool(Azure(1)));
        Assert.False(Compose(Azure(1)).Cluster().DefaultNodePool.OnlyCriticalAddonsEnabled);
        Assert.Empty(Compose(Existing(3)).Resources.OfType<KubernetesClusterNodePool>());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void From_level_2_tenants_run_on_a_user_pool_and_the_system_pool_keeps_critical_add_ons(int level)
    {
        var config = Azure(level) with { Zones = ["1", "2", "3"], UserNodeVmSize = "Standard_D8ds_v5", UserNodeCount = 3 };
        var graph = Compose(config);
        var pool = Assert.IsType<KubernetesClusterNodePool>(UserPool(config));
        var cluster = graph.Cluster();

        Assert.Equal("User", pool.Mode);
        Assert.Equal(Foundation.ClusterName, pool.Cluster);
        Assert.Contains(Foundation.ClusterName, pool.DependsOn);
        Assert.Equal(("Standard_D8ds_v5", 3), (pool.Pool.VmSize, pool.Pool.NodeCount));
        Assert.Equal(cluster.DefaultNodePool.Zones.ToArray(), pool.Pool.Zones.ToArray());
        Assert.NotNull(pool.Pool.TemporaryNameForRotation);
        Assert.Equal(KubernetesBuiltInResiliencyMaxSurge, pool.Pool.MaxSurge);
        Assert.Equal("Hard multi-tenancy", pool.Provenance.Source);

        // The taint is set together with the rotation name, so AKS rotates the system pool rather than rebuild the cluster.
        Assert.True(cluster.DefaultNodePool.OnlyCriticalAddonsEnabled);
        Assert.NotNull(cluster.DefaultNodePool.TemporaryNameForRotation);
        Assert.Equal("Hard multi-tenancy", cluster.ProvenanceOf("DefaultNodePool.OnlyCriticalAddonsEnabled").Source);
    }

    private static string KubernetesBuiltInResiliencyMaxSurge => PlatformMaturity.Practices.Availability.KubernetesBuiltInResiliency.MaxSurge;

    [Fact]
    public void The_user_pool_autoscales_in_its_own_range_where_the_level_has_cluster_autoscaling()
    {
        Assert.False(UserPool(Azure(2))!.Pool.AutoScalingEnabled);
        var pool = UserPool(Azure(3) with { UserNodeMinCount = 3, UserNodeMaxCount = 12, NodeMinCount = 2, NodeMaxCount = 4 })!;
        Assert.True(pool.Pool.AutoScalingEnabled);
        Assert.Equal((3, 12), (pool.Pool.MinCount, pool.Pool.MaxCount));
    }

    [Fact]
    public void Upgrading_to_level_2_adds_the_pool_and_rotates_the_system_pool_without_replacing_the_cluster()
    {
        var plan = UpgradePlanner.Default.Plan(PlanTestStacks.Raw(DeploymentTarget.Azure, 1, attested: true), new PlanRequest(2)).Plan;
        Assert.Contains(plan.Changes, c => c.Kind == ChangeKind.Add && c.Resource == WellKnown.UserNodePool);
        Assert.DoesNotContain(plan.Risks, r => r.Id == "cluster-replacement");
        var rotation = Assert.Single(plan.Risks, r => r.Id == "node-pool-rotation");
        Assert.Contains("DefaultNodePool.OnlyCriticalAddonsEnabled", rotation.Description);
        Assert.Contains("user node pool", rotation.Description);
    }

    [Fact]
    public void The_user_pool_is_priced()
    {
        var lines = CostModel.Price(Compose(Azure(2) with { UserNodeCount = 4 })).Lines;
        Assert.Contains(lines, l => l.Item.Contains($"/{Foundation.UserPoolName}: 4 × ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_user_pool_count_must_lie_in_the_autoscaler_range_from_level_3()
    {
        static RawConfig Raw(int level, params (ConfigKey Key, JsonNode Value)[] values) => values.Aggregate(
            RawConfig.Empty("test").With(ConfigKeys.Level, level).With(ConfigKeys.Target, "azure").With(ConfigKeys.Regions, new JsonArray("westeurope")),
            (raw, v) => raw.With(v.Key, v.Value));

        var outside = PlatformConfigParser.Parse(Raw(3, (ConfigKeys.UserNodeCount, 9), (ConfigKeys.UserNodeMaxCount, 6)));
        Assert.Equal(ConfigKeys.UserNodeCount.FullName, Assert.Single(outside.Problems).Key);
        var inverted = PlatformConfigParser.Parse(Raw(3, (ConfigKeys.UserNodeMinCount, 4), (ConfigKeys.UserNodeMaxCount, 3)));
        Assert.Equal(ConfigKeys.UserNodeMaxCount.FullName, Assert.Single(inverted.Problems).Key);
        var tooSmall = PlatformConfigParser.Parse(Raw(2, (ConfigKeys.UserNodeCount, 1)));
        Assert.Equal(ConfigKeys.UserNodeCount.FullName, Assert.Single(tooSmall.Problems).Key);
        Assert.True(PlatformConfigParser.Parse(Raw(2, (ConfigKeys.UserNodeCount, 9))).IsValid);
    }
}
