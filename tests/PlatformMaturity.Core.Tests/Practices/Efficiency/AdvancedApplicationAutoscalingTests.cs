using PlatformMaturity.Config;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Efficiency;

/// <summary>Advanced Application Autoscaling: KEDA and the VPA in recommendation mode, after metrics-server.</summary>
public sealed class AdvancedApplicationAutoscalingTests
{
    [Fact]
    public void On_existing_keda_and_the_vpa_recommender_are_installed_after_metrics_server()
    {
        var graph = Compose(Existing(3));
        var keda = graph.Release(AdvancedApplicationAutoscaling.KedaRelease);
        Assert.Equal(Pins.Keda, keda.Chart);
        Assert.Equal(2, keda.Values.Get("operator.replicaCount"));
        Assert.Contains("keda.sh", keda.ProvidesApiGroups);
        Assert.Contains(MetricsServer.ReleaseName, keda.DependsOn);

        var vpa = graph.Release(AdvancedApplicationAutoscaling.VpaRelease);
        Assert.Equal(Pins.Vpa, vpa.Chart);
        Assert.Equal(true, vpa.Values.Get("recommender.enabled"));
        Assert.Equal(false, vpa.Values.Get("updater.enabled"));
        Assert.Equal(false, vpa.Values.Get("admissionController.enabled"));

        var order = graph.Components.Select(c => c.Id).ToList();
        Assert.True(order.IndexOf("basic-application-autoscaling") < order.IndexOf("advanced-application-autoscaling"));
    }

    [Fact]
    public void On_azure_the_aks_keda_and_vpa_add_ons_are_enabled()
    {
        var cluster = Compose(Azure(3)).Cluster();
        Assert.Equal(new WorkloadAutoscalerProfile(true, true), cluster.WorkloadAutoscalerProfile);
        Assert.Equal("Advanced Application Autoscaling", cluster.ProvenanceOf("WorkloadAutoscalerProfile.KedaEnabled").Source);
    }

    [Fact]
    public void From_level_4_it_keeps_metrics_server_itself()
    {
        var graph = Compose(Existing(4));
        Assert.False(graph.InEffect("Basic Application Autoscaling"));
        var metrics = graph.Release(MetricsServer.ReleaseName);
        Assert.Equal("advanced-application-autoscaling", graph.OwnerOf(metrics.Name).Id);
        Assert.Contains(metrics.Name, graph.Release(AdvancedApplicationAutoscaling.KedaRelease).DependsOn);
    }
}
