using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Efficiency;

/// <summary>Cluster Autoscaling: the AKS autoscaler within the configured bounds; not applicable to an existing cluster.</summary>
public sealed class ClusterAutoscalingTests
{
    private const string Practice = "Cluster Autoscaling";

    [Fact]
    public void On_azure_the_system_pool_autoscales_between_the_configured_bounds()
    {
        var cluster = Compose(Azure(3) with { NodeMinCount = 3, NodeMaxCount = 7 }).Cluster();
        Assert.True(cluster.DefaultNodePool.AutoScalingEnabled);
        Assert.Equal((3, 7), (cluster.DefaultNodePool.MinCount, cluster.DefaultNodePool.MaxCount));
        var profile = Assert.IsType<AutoScalerProfile>(cluster.AutoScalerProfile);
        Assert.Equal(true, profile.BalanceSimilarNodeGroups);
        Assert.Equal(Practice, cluster.ProvenanceOf("DefaultNodePool.MaxCount").Source);
    }

    [Fact]
    public void On_existing_it_is_not_applicable_and_says_why()
    {
        var status = Compose(Existing(3)).Status(Practice);
        Assert.Equal(PracticeState.NotApplicable, status.State);
        Assert.Contains("provider-specific", status.Detail);
    }
}
