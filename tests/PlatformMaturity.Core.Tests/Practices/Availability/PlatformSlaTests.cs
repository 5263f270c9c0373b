using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Planning;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Rendering;

namespace PlatformMaturity.Core.Tests.Practices.Availability;

/// <summary>Platform SLA: the SLA document from the topology's arithmetic, the objectives behind it, refused below Level 5.</summary>
public sealed class PlatformSlaTests
{
    private const string Stack = """
        config:
          platform:level: 5
          platform:target: azure
          platform:environment: prod
          platform:adminGroupObjectIds: [33333333-3333-3333-3333-333333333333]
          platform:nodeCount: 3
          platform:clusters:
          - {name: primary, region: westeurope, zones: ["1", "2", "3"]}
          - {name: secondary, region: northeurope, zones: ["1", "2", "3"]}
          platform:sla: {owner: platform-team@example.com, availability: 99.99}
        """;

    private static string SlaOf(PlatformGraph graph) =>
        Assert.Single(ManifestRenderer.Render(graph), f => f.Path == $"platform-sla/{PlatformSla.Document}").Content;

    [Fact]
    public void The_sla_document_shows_the_topologys_arithmetic_the_announced_figure_and_every_objective_once()
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(MultiClusterPlatformTests.Parse(Stack));
        var sla = SlaOf(graph);
        var estimate = AvailabilityModel.Estimate(graph, AvailabilityModel.TargetFor(Composer.Default.Model, 5)!.Value);
        Assert.All(estimate.Arithmetic, line => Assert.Contains($"- {line}\n", sla, StringComparison.Ordinal));
        Assert.Contains("available **99.99%**", sla, StringComparison.Ordinal);
        Assert.Contains("at most 4.3 min of unavailability per 30 days", sla, StringComparison.Ordinal);
        Assert.Contains("platform-team@example.com", sla, StringComparison.Ordinal);

        var objectives = ErrorBudgetManagement.In(graph);
        Assert.Equal([ErrorBudgetManagement.ApiServerService, ErrorBudgetManagement.GatewayService, ErrorBudgetManagement.RolloutsService, PlatformSla.RolloutDurationService],
            objectives.Select(o => o.Service));
        foreach (var o in objectives)
            Assert.Single(sla.Split('\n'), l => l.StartsWith($"| {o.Service} | {o.Name} |", StringComparison.Ordinal));
        Assert.Empty(graph.SchemaErrors());

        // Every cluster keeps the same document, where kubectl and pmctl assess find it.
        var maps = graph.Resources.OfType<KubernetesResource>().Where(k => k.Kind == "ConfigMap" && k.Object.Metadata.Name == PlatformSla.ConfigMapName).ToList();
        Assert.Equal(graph.Clusters.Select(c => c.Key), maps.Select(m => m.Cluster));
        Assert.All(maps, m => Assert.Equal(sla, ((k8s.Models.V1ConfigMap)m.Object).Data[PlatformSla.Document]));
    }

    [Fact]
    public void Without_an_announced_figure_the_sla_takes_the_highest_tier_the_topology_reaches()
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(MultiClusterPlatformTests.Parse(Stack.Replace(", availability: 99.99", "", StringComparison.Ordinal)));
        var computed = AvailabilityModel.Estimate(graph, 0.9999).Value!.Value;
        var announced = PlatformSla.Announced(graph, AvailabilityModel.Estimate(graph, 0.9999))!.Value;
        Assert.True(announced <= computed);
        Assert.DoesNotContain(PlatformSla.Tiers, t => t > announced && t <= computed);
    }

    [Fact]
    public void The_rollout_duration_objective_is_a_sloth_time_slice_over_kube_state_metrics()
    {
        var duration = PlatformSla.RolloutDuration();
        Assert.Contains("{{.window}}", duration.ErrorQuery, StringComparison.Ordinal);
        Assert.Contains("{{.window}}", duration.TotalQuery, StringComparison.Ordinal);
        Assert.Contains($"[{PlatformSla.RolloutMinutes}m:1m]", duration.ErrorQuery, StringComparison.Ordinal);
        Assert.Contains("kube_deployment_status_replicas_updated", duration.ErrorQuery, StringComparison.Ordinal);
    }

    [Fact]
    public void On_azure_every_cluster_runs_a_tier_with_the_uptime_sla()
    {
        var graph = Composer.Default.Compose(Core.Tests.Composition.TestConfigs.Azure(5) with
        {
            SkuTier = "Free",
            Clusters = [new ClusterMember { Name = "weu", Region = "westeurope" }, new ClusterMember { Name = "neu", Region = "northeurope" }],
        });
        Assert.All(graph.Resources.OfType<KubernetesCluster>(), c => Assert.Equal("Standard", c.SkuTier));
    }

    [Fact]
    public void A_stack_below_level_5_asking_for_an_sla_is_refused()
    {
        var result = PlatformConfigParser.Parse(StackFile.Parse(Stack.Replace("platform:level: 5", "platform:level: 4", StringComparison.Ordinal), "sla", "test"));
        Assert.Null(result.Config);
        var problem = Assert.Single(result.Problems, p => p.Key == ConfigKeys.Sla.FullName);
        Assert.Contains("only from Level 5", problem.Message, StringComparison.Ordinal);
        Assert.Null(Composer.Default.Compose(Core.Tests.Composition.TestConfigs.Azure(4)).Component("platform-sla"));
    }

    [Fact]
    public void An_sla_promising_more_than_the_topology_computes_is_a_finding()
    {
        var graph = Composer.Default.Compose(MultiClusterPlatformTests.Parse(Stack.Replace("99.99}", "99.99999}", StringComparison.Ordinal)));
        Assert.Contains(LevelHealth.Check(graph, Composer.Default.Model), f => f.Id == LevelHealth.SlaAboveAvailability);
        Assert.DoesNotContain(LevelHealth.Check(Composer.Default.Compose(MultiClusterPlatformTests.Parse(Stack)), Composer.Default.Model), f => f.Id == LevelHealth.SlaAboveAvailability);
    }
}
