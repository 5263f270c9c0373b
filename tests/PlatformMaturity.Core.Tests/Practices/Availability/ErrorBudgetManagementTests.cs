using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Availability;

/// <summary>Error Budget Management: Sloth and the platform's SLOs with multi-window burn-rate alerts.</summary>
public sealed class ErrorBudgetManagementTests
{
    [Fact]
    public void Sloth_evaluates_the_api_server_gateway_and_rollout_objectives_with_page_and_ticket_alerts()
    {
        var config = Existing(4) with { IngressNamespace = "edge" };
        var graph = PracticeGraphs.ComposeWithMonitoring(config);
        var sloth = graph.Release(ErrorBudgetManagement.ReleaseName);
        Assert.Equal(Pins.Sloth, sloth.Chart);
        Assert.Equal(false, sloth.Values.Get("commonPlugins.enabled"));

        var objectives = ErrorBudgetManagement.In(graph);
        Assert.Equal([ErrorBudgetManagement.ApiServerService, ErrorBudgetManagement.GatewayService, ErrorBudgetManagement.RolloutsService],
            objectives.Select(o => o.Service));
        Assert.All(objectives, o =>
        {
            Assert.Contains("{{.window}}", o.ErrorQuery, StringComparison.Ordinal);
            Assert.Contains("{{.window}}", o.TotalQuery, StringComparison.Ordinal);
            Assert.InRange(o.Objective, 90, 99.999);
        });
        Assert.Contains("namespace=\"edge\"", objectives.Single(o => o.Service == ErrorBudgetManagement.GatewayService).TotalQuery, StringComparison.Ordinal);
        Assert.Contains("kube_deployment_status_condition", objectives.Single(o => o.Service == ErrorBudgetManagement.RolloutsService).ErrorQuery, StringComparison.Ordinal);
        Assert.Equal(0.05, objectives[0].ErrorBudgetPercent, 6);

        foreach (var level in graph.Resources.OfType<KubernetesResource>().Where(r => r.Kind == "PrometheusServiceLevel"))
        {
            var alerting = ((CustomObject)level.Object).Spec!["slos"]![0]!["alerting"]!;
            Assert.Equal("critical", alerting["pageAlert"]!["labels"]!["severity"]!.GetValue<string>());
            Assert.Equal("warning", alerting["ticketAlert"]!["labels"]!["severity"]!.GetValue<string>());
        }
        Assert.Empty(graph.SchemaErrors());
    }

    [Fact]
    public void Level_3_evaluates_no_objectives()
    {
        Assert.Empty(ErrorBudgetManagement.In(PracticeGraphs.ComposeWithMonitoring(Existing(3))));
        Assert.False(PracticeGraphs.ComposeWithMonitoring(Existing(3)).HasRelease(ErrorBudgetManagement.ReleaseName));
    }
}
