using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Core.Tests.Practices.Security;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Availability;

/// <summary>Chaos Engineering in Production: opted-in tenants only, in a window, guarded by the error budgets, staged.</summary>
public sealed class ChaosEngineeringInProductionTests
{
    private static PlatformConfig Prod(params string[] staged) => Existing(5) with
    {
        Environment = EnvironmentKind.Prod,
        ChaosRequested = true,
        ProductionChaos = new ProductionChaosConfig(["team-a"], "0 10 * * 2", "45m"),
        Staged = [.. staged],
    };

    private static JsonObject Template(JsonObject workflow, string name) =>
        workflow["templates"]!.AsArray().Select(t => t!.AsObject()).Single(t => t["name"]!.GetValue<string>() == name);

    private static IEnumerable<string> Children(JsonObject template) => template["children"]!.AsArray().Select(c => c!.GetValue<string>());

    [Fact]
    public void Only_opted_in_tenants_get_a_windowed_workflow_that_checks_the_budgets_before_and_while_injecting()
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(Prod());
        Assert.True(graph.HasRelease(ChaosEngineeringNonProd.ReleaseName));
        // No weekday experiments in production, and team-b did not opt in.
        Assert.DoesNotContain(graph.Resources.OfType<KubernetesResource>(), r => r.Kind == "Schedule" && r.ObjectName.StartsWith("team-b", StringComparison.Ordinal));
        foreach (var experiment in ChaosEngineeringNonProd.Experiments)
            Assert.DoesNotContain(graph.Resources.OfType<KubernetesResource>(), r => r.ObjectName == ChaosEngineeringNonProd.ScheduleName("team-a", experiment));
        Assert.Equal("enabled", graph.Object("Namespace", null, "team-a").Object.Metadata.Annotations[ChaosEngineeringNonProd.InjectAnnotation]);
        Assert.False(graph.Object("Namespace", null, "team-b").Object.Metadata.Annotations?.ContainsKey(ChaosEngineeringNonProd.InjectAnnotation) ?? false);

        var schedule = graph.Typed<CustomObject>("Schedule", ChaosEngineeringNonProd.Namespace, ChaosEngineeringInProduction.ScheduleName("team-a"));
        Assert.Equal("0 10 * * 2", schedule.Spec!["schedule"]!.GetValue<string>());
        Assert.Equal("Workflow", schedule.Spec["type"]!.GetValue<string>());
        var workflow = schedule.Spec["workflow"]!.AsObject();
        var entry = Template(workflow, workflow["entry"]!.GetValue<string>());
        Assert.Equal("Serial", entry["templateType"]!.GetValue<string>());
        var steps = Children(entry).ToList();

        // First a synchronous check that aborts the whole window on one failure, before anything is injected.
        var precheck = Template(workflow, steps[0]);
        Assert.Equal("StatusCheck", precheck["templateType"]!.GetValue<string>());
        Assert.True(precheck["abortWithStatusCheck"]!.GetValue<bool>());
        Assert.Equal("Synchronous", precheck["statusCheck"]!["mode"]!.GetValue<string>());
        Assert.Equal(1, precheck["statusCheck"]!["failureThreshold"]!.GetValue<int>());
        Assert.Equal(ChaosEngineeringInProduction.GateUrl, precheck["statusCheck"]!["http"]!["url"]!.GetValue<string>());

        // Then the experiments, in parallel with a continuous check that aborts them, for the window's length.
        var run = Template(workflow, steps[1]);
        Assert.Equal("Parallel", run["templateType"]!.GetValue<string>());
        var watch = Children(run).Select(c => Template(workflow, c)).Single(t => t["templateType"]!.GetValue<string>() == "StatusCheck");
        Assert.Equal("Continuous", watch["statusCheck"]!["mode"]!.GetValue<string>());
        Assert.True(watch["abortWithStatusCheck"]!.GetValue<bool>());
        Assert.Equal("45m", watch["deadline"]!.GetValue<string>());
        Assert.Equal(ChaosEngineeringInProduction.GateUrl, watch["statusCheck"]!["http"]!["url"]!.GetValue<string>());
        var experiments = Children(run).Select(c => Template(workflow, c)).Single(t => t["templateType"]!.GetValue<string>() == "Serial");
        Assert.Equal(ChaosEngineeringNonProd.Experiments.Select(e => e.Name), Children(experiments));
        foreach (var experiment in ChaosEngineeringNonProd.Experiments)
        {
            var selector = Template(workflow, experiment.Name)[experiment.Field]!["selector"]!;
            Assert.Equal(["team-a"], selector["namespaces"]!.AsArray().Select(n => n!.GetValue<string>()));
            Assert.Equal(ChaosEngineeringNonProd.OptInValue, selector["labelSelectors"]![ChaosEngineeringNonProd.OptInLabel]!.GetValue<string>());
        }
        Assert.Empty(graph.SchemaErrors());
    }

    [Fact]
    public void The_gate_asks_prometheus_for_slo_page_alerts_runs_restricted_and_prometheus_admits_only_it_from_chaos_mesh()
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(Prod());
        var gate = graph.Typed<V1Deployment>("Deployment", ChaosEngineeringNonProd.Namespace, ChaosEngineeringInProduction.GateName);
        var container = Assert.Single(gate.Spec.Template.Spec.Containers);
        Assert.Equal(Pins.BusyboxImage, container.Image);
        var script = container.Command[^1];
        Assert.Contains(Uri.EscapeDataString(ChaosEngineeringInProduction.FastBurnAlerts), script, StringComparison.Ordinal);
        Assert.Contains(WellKnown.PrometheusUrl, script, StringComparison.Ordinal);
        Assert.Contains("sloth_severity", ChaosEngineeringInProduction.FastBurnAlerts, StringComparison.Ordinal);
        Assert.True(gate.Spec.Template.Spec.SecurityContext.RunAsNonRoot);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Equal(ChaosEngineeringInProduction.GatePort, graph.Typed<V1Service>("Service", ChaosEngineeringNonProd.Namespace, ChaosEngineeringInProduction.GateName).Spec.Ports[0].Port);

        var policies = NetworkPolicyEvaluator.Of(graph);
        var prometheus = new Endpoint(WellKnown.MonitoringNamespace, "prometheus", WellKnown.PrometheusPort,
            new Dictionary<string, string> { [PlatformNetworkPolicies.PrometheusPods.Key] = PlatformNetworkPolicies.PrometheusPods.Value });
        Assert.True(policies.Allows(new Source(ChaosEngineeringNonProd.Namespace,
            new Dictionary<string, string> { [ChaosEngineeringInProduction.GatePods.Key] = ChaosEngineeringInProduction.GatePods.Value }), prometheus));
        Assert.False(policies.Allows(new Source(ChaosEngineeringNonProd.Namespace,
            new Dictionary<string, string> { ["app.kubernetes.io/component"] = "chaos-daemon" }), prometheus));
    }

    [Fact]
    public void Schedules_arrive_paused_and_run_after_promotion()
    {
        var staged = PracticeGraphs.ComposeWithMonitoring(Prod(Enforcements.ProductionChaos));
        Assert.Equal("true", staged.Object("Schedule", ChaosEngineeringNonProd.Namespace, ChaosEngineeringInProduction.ScheduleName("team-a"))
            .Object.Metadata.Annotations[ChaosEngineeringInProduction.PauseAnnotation]);
        // The gate runs while staged, so its answers can be watched first.
        staged.Object("Deployment", ChaosEngineeringNonProd.Namespace, ChaosEngineeringInProduction.GateName);

        var promoted = PracticeGraphs.ComposeWithMonitoring(Prod());
        Assert.Null(promoted.Object("Schedule", ChaosEngineeringNonProd.Namespace, ChaosEngineeringInProduction.ScheduleName("team-a")).Object.Metadata.Annotations);
        Assert.Contains(Enforcements.All, e => e.Id == Enforcements.ProductionChaos && e.Practice == ChaosEngineeringInProduction.PracticeName);
    }

    [Fact]
    public void Nothing_runs_without_an_explicit_opt_in_in_a_prod_stack_or_in_nonprod()
    {
        bool HasProductionChaos(PlatformGraph graph) => graph.Resources.OfType<KubernetesResource>().Any(r => r.ObjectName == ChaosEngineeringInProduction.GateName);
        Assert.False(HasProductionChaos(PracticeGraphs.ComposeWithMonitoring(Prod() with { ChaosRequested = null })));
        Assert.False(HasProductionChaos(PracticeGraphs.ComposeWithMonitoring(Prod() with { ProductionChaos = null })));
        Assert.False(HasProductionChaos(PracticeGraphs.ComposeWithMonitoring(Prod() with { Environment = EnvironmentKind.NonProd })));
        // Level 4 prod refuses chaos when the config is read (ChaosEngineeringNonProdTests); at Level 4 nothing of this practice exists.
        Assert.False(PracticeGraphs.ComposeWithMonitoring(Existing(4)).InEffect(ChaosEngineeringInProduction.PracticeName));
    }

    [Theory]
    [InlineData("{\"tenants\": [\"team-a\"]}", true)]
    [InlineData("{\"tenants\": [\"team-a\"], \"schedule\": \"30 9 * * 1-4\", \"duration\": \"1h30m\"}", true)]
    [InlineData("{\"tenants\": [\"team-z\"]}", false)]
    [InlineData("{\"tenants\": [\"team-a\"], \"schedule\": \"0 10 * * * *\"}", false)]
    [InlineData("{\"tenants\": [\"team-a\"], \"duration\": \"5m\"}", false)]
    [InlineData("{\"tenants\": [\"team-a\"], \"duration\": \"1d\"}", false)]
    [InlineData("{\"tenants\": [\"team-a\"], \"window\": \"30m\"}", false)]
    [InlineData("{\"schedule\": \"0 10 * * 2\"}", false)]
    public void The_productionChaos_key_names_configured_tenants_a_kubernetes_cron_and_a_bounded_window(string value, bool valid)
    {
        var raw = RawConfig.Empty("test")
            .With(ConfigKeys.Level, 5).With(ConfigKeys.Target, "existing").With(ConfigKeys.Environment, "prod")
            .With(ConfigKeys.Chaos, JsonValue.Create(true))
            .With(ConfigKeys.Tenants, JsonNode.Parse("[{\"name\": \"team-a\", \"group\": \"team-a-devs\", \"tier\": \"small\"}]"))
            .With(ConfigKeys.ProductionChaos, JsonNode.Parse(value));
        var result = PlatformConfigParser.Parse(raw);
        Assert.Equal(valid, result.IsValid);
        if (!valid)
            Assert.All(result.Problems, p => Assert.Equal(ConfigKeys.ProductionChaos.FullName, p.Key));
        else
            Assert.Equal(["team-a"], result.Config!.ProductionChaos!.Tenants.ToArray());
    }
}
