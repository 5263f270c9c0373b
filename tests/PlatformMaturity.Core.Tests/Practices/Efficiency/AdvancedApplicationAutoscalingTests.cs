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

    /// <summary>
    /// Teams hold the built-in edit role in their namespace; the keda chart aggregates nothing into it by default, so
    /// without the platform's roles a team could not create the ScaledObject its golden path emits. The grant waits for
    /// the policy that keeps a trigger on the team's own Prometheus proxy, and never covers TriggerAuthentications.
    /// </summary>
    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Teams_can_create_scaled_objects_once_their_triggers_are_held_to_their_own_proxy(DeploymentTarget target)
    {
        static List<k8s.Models.V1ClusterRole> EditRoles(PlatformMaturity.Graph.PlatformGraph graph) => [.. graph.Resources.OfType<PlatformMaturity.Graph.KubernetesResource>()
            .Select(r => r.Object).OfType<k8s.Models.V1ClusterRole>()
            .Where(r => r.Metadata.Labels is { } labels && labels.TryGetValue("rbac.authorization.k8s.io/aggregate-to-edit", out var edit) && edit == "true" && r.Rules.Any(rule => rule.ApiGroups.Contains("keda.sh")))];
        var roles = EditRoles(Compose(For(target, 3)));
        var granted = roles.SelectMany(r => r.Rules).Where(rule => rule.Verbs.Contains("create")).SelectMany(rule => rule.Resources).Order(StringComparer.Ordinal);
        Assert.Equal(["scaledjobs", "scaledobjects"], granted);
        Assert.Empty(EditRoles(Compose(For(target, 3) with { Staged = [Enforcements.TenantMetricsAddress] })));
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
