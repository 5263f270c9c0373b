using PlatformMaturity.Config;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Efficiency;

/// <summary>Basic Application Autoscaling: metrics-server for HPAs at Level 3, taken over from Manual Application Scaling.</summary>
public sealed class BasicApplicationAutoscalingTests
{
    [Fact]
    public void On_existing_it_takes_over_the_metrics_server_release_of_manual_scaling()
    {
        var level2 = Compose(Existing(2));
        var level3 = Compose(Existing(3));
        var before = level2.Release(MetricsServer.ReleaseName);
        var after = level3.Release(MetricsServer.ReleaseName);
        Assert.Equal(before.Name, after.Name);
        Assert.Equal("manual-application-scaling", level2.OwnerOf(before.Name).Id);
        Assert.Equal("basic-application-autoscaling", level3.OwnerOf(after.Name).Id);
        Assert.Equal(Pins.MetricsServer, after.Chart);
        Assert.Equal(2, after.Values.Get("replicas"));
        Assert.Contains(level3.ComponentOf("Basic Application Autoscaling").Predecessors, p => p.Id == "manual-application-scaling");
    }

    [Fact]
    public void On_azure_aks_serves_the_metrics_and_the_component_says_how_to_autoscale()
    {
        var graph = Compose(Azure(3));
        Assert.False(graph.HasRelease(MetricsServer.ReleaseName));
        Assert.Contains(graph.ComponentOf("Basic Application Autoscaling").Notes, n => n.Contains("kubectl autoscale"));
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Level_2_has_no_autoscalers(DeploymentTarget target)
    {
        var graph = Compose(For(target, 2));
        Assert.False(graph.InEffect("Basic Application Autoscaling"));
        Assert.False(graph.HasRelease(AdvancedApplicationAutoscaling.KedaRelease));
        Assert.False(graph.HasRelease(AdvancedApplicationAutoscaling.VpaRelease));
        Assert.DoesNotContain(graph.Resources, r => r.Kind is "HorizontalPodAutoscaler" or "ScaledObject" or "VerticalPodAutoscaler");
        if (target == DeploymentTarget.Azure)
        {
            var cluster = graph.Cluster();
            Assert.Null(cluster.WorkloadAutoscalerProfile);
            Assert.False(cluster.DefaultNodePool.AutoScalingEnabled);
        }
    }
}
