using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Availability;

/// <summary>Chaos Engineering (non-prod): scheduled experiments against opted-in tenant pods in nonprod only; prod chaos below Level 5 refused.</summary>
public sealed class ChaosEngineeringNonProdTests
{
    [Fact]
    public void In_nonprod_every_tenant_gets_weekday_pod_kill_network_delay_and_cpu_stress_against_opted_in_pods_only()
    {
        var graph = Compose(Existing(4));
        var release = graph.Release(ChaosEngineeringNonProd.ReleaseName);
        Assert.Equal(Pins.ChaosMesh, release.Chart);
        Assert.Equal(true, release.Values.Get("controllerManager.enableFilterNamespace"));
        Assert.Equal(false, release.Values.Get("dashboard.create"));
        foreach (var tenant in Tenants)
        {
            Assert.Equal("enabled", graph.Object("Namespace", null, tenant.Name).Object.Metadata.Annotations[ChaosEngineeringNonProd.InjectAnnotation]);
            var kinds = new List<string>();
            foreach (var experiment in ChaosEngineeringNonProd.Experiments)
            {
                var schedule = Assert.IsType<CustomObject>(graph.Object("Schedule", ChaosEngineeringNonProd.Namespace, ChaosEngineeringNonProd.ScheduleName(tenant.Name, experiment)).Object);
                kinds.Add(schedule.Spec!["type"]!.GetValue<string>());
                var selector = schedule.Spec[experiment.Field]!["selector"]!;
                Assert.Equal([tenant.Name], selector["namespaces"]!.AsArray().Select(n => n!.GetValue<string>()));
                Assert.Equal(ChaosEngineeringNonProd.OptInValue, selector["labelSelectors"]![ChaosEngineeringNonProd.OptInLabel]!.GetValue<string>());
                Assert.EndsWith("1-5", schedule.Spec["schedule"]!.GetValue<string>(), StringComparison.Ordinal);
            }
            Assert.Equal(["PodChaos", "NetworkChaos", "StressChaos"], kinds);
        }
        Assert.Empty(graph.SchemaErrors());
    }

    [Fact]
    public void A_prod_stack_gets_no_chaos_and_one_asking_for_it_below_level_5_is_refused_with_the_seeds_reason()
    {
        Assert.False(Compose(Existing(4) with { Environment = EnvironmentKind.Prod }).HasRelease(ChaosEngineeringNonProd.ReleaseName));
        Assert.False(Compose(Existing(4) with { ChaosRequested = false }).HasRelease(ChaosEngineeringNonProd.ReleaseName));

        RawConfig Stack(int level, string environment) => RawConfig.Empty("test")
            .With(ConfigKeys.Level, level).With(ConfigKeys.Target, "existing").With(ConfigKeys.Environment, environment)
            .With(ConfigKeys.Chaos, JsonValue.Create(true));
        var refused = PlatformConfigParser.Parse(Stack(4, "prod"));
        var problem = Assert.Single(refused.Problems);
        Assert.Equal(ConfigKeys.Chaos.FullName, problem.Key);
        Assert.Contains("\"Chaos Engineering in Production\" only from Level 5", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Stop people from testing and experimenting (in safe environments)", problem.Message, StringComparison.Ordinal);

        Assert.True(PlatformConfigParser.Parse(Stack(4, "nonprod")).IsValid);
        Assert.True(PlatformConfigParser.Parse(Stack(5, "prod")).IsValid);
        Assert.False(PlatformConfigParser.Parse(Stack(4, "nonprod").With(ConfigKeys.Chaos, JsonValue.Create("sometimes"))).IsValid);
    }
}
