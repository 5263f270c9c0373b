using System.Text.Json.Nodes;
using Cronos;
using PlatformMaturity.Config;
using PlatformMaturity.GoldenPaths.Rendering;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Efficiency;
using static PlatformMaturity.GoldenPaths.Tests.TestPlatforms;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>Advanced Costs Management in the golden paths: one autoscaler per workload, spot for batch work, working hours.</summary>
public sealed class AutoscalerAndSpotTests
{
    public static TheoryData<string, int, DeploymentTarget> Supported => SupportedCases();

    /// <summary>KEDA drives its own HPA for a ScaledObject's target: an HPA beside it on the same workload makes two fight.</summary>
    [Theory]
    [MemberData(nameof(Supported))]
    public void No_workload_has_more_than_one_autoscaler(string goldenPath, int level, DeploymentTarget target)
    {
        foreach (var environment in new[] { EnvironmentKind.NonProd, EnvironmentKind.Prod })
        {
            var autoscalers = RenderedObject.Of(Render(goldenPath, level, target, environment))
                .Where(o => o.Kind is "HorizontalPodAutoscaler" or "ScaledObject")
                .GroupBy(o => $"{o.Json["spec"]!["scaleTargetRef"]!["kind"]?.GetValue<string>() ?? "Deployment"}/{o.Json["spec"]!["scaleTargetRef"]!["name"]!.GetValue<string>()}")
                .ToList();
            Assert.All(autoscalers, g => Assert.True(g.Count() == 1, $"{goldenPath} L{level} {target} {environment}: {g.Key} has {string.Join(" and ", g.Select(o => o.Kind))}"));
        }
    }

    [Fact]
    public void At_level_5_the_cpu_trigger_and_the_configured_working_hours_sit_in_the_one_ScaledObject()
    {
        var hours = new WorkingHours("30 8 * * 1-5", "0 18 * * 1-4", "Europe/Paris");
        var app = GoldenPathRenderer.Render(Request("web-service", 5, DeploymentTarget.Azure), Catalog,
            PlatformContext.AssumingEveryPracticeImplemented(TestPlatforms.Config(5, DeploymentTarget.Azure) with { WorkingHours = hours }));
        var objects = RenderedObject.Of(app);
        Assert.DoesNotContain(objects, o => o.Kind == "HorizontalPodAutoscaler");
        var triggers = Assert.Single(objects, o => o.Kind == "ScaledObject").Json["spec"]!["triggers"]!.AsArray().Select(t => t!.AsObject()).ToList();
        Assert.Contains(triggers, t => t["type"]!.GetValue<string>() == "cpu");
        var cron = Assert.Single(triggers, t => t["type"]!.GetValue<string>() == "cron")["metadata"]!;
        Assert.Equal(hours, new WorkingHours(cron["start"]!.GetValue<string>(), cron["end"]!.GetValue<string>(), cron["timezone"]!.GetValue<string>()));

        // The default window is valid cron in a zone the runtime knows, and opens before it closes on a working day.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(WorkingHours.Default.TimeZone);
        var monday = new DateTime(2027, 1, 4, 0, 0, 0, DateTimeKind.Utc);
        Assert.True(CronExpression.Parse(WorkingHours.Default.Start).GetNextOccurrence(monday, zone) < CronExpression.Parse(WorkingHours.Default.End).GetNextOccurrence(monday, zone));

        // Production never scales to zero: no working-hours trigger there.
        var prod = RenderedObject.Of(Render("web-service", 5, DeploymentTarget.Azure, EnvironmentKind.Prod)).Single(o => o.Kind == "ScaledObject");
        Assert.DoesNotContain(prod.Json["spec"]!["triggers"]!.AsArray(), t => t!["type"]!.GetValue<string>() == "cron");
    }

    [Theory]
    [InlineData("cron-job")]
    [InlineData("ml-training-job")]
    public void Batch_golden_paths_tolerate_and_prefer_the_spot_pool_the_platform_creates(string goldenPath)
    {
        var pool = Composition.Composer.Default.Compose(TestPlatforms.Config(5, DeploymentTarget.Azure)).Resources.OfType<KubernetesClusterNodePool>()
            .Single(p => p.Name == AdvancedCostsManagement.SpotPoolResource);
        var taint = Assert.Single(pool.NodeTaints);
        var spec = RenderedObject.Of(Render(goldenPath, 5, DeploymentTarget.Azure, EnvironmentKind.NonProd, "spot=true"))
            .SelectMany(o => o.PodTemplates()).Single()["spec"]!;
        Assert.Contains(spec["tolerations"]!.AsArray(), t =>
            $"{t!["key"]!.GetValue<string>()}={t["value"]!.GetValue<string>()}:{t["effect"]!.GetValue<string>()}" == taint);
        var preference = Assert.Single(spec["affinity"]!["nodeAffinity"]!["preferredDuringSchedulingIgnoredDuringExecution"]!.AsArray())!["preference"]!;
        var expression = Assert.Single(preference["matchExpressions"]!.AsArray())!;
        Assert.Equal(pool.NodeLabels[expression["key"]!.GetValue<string>()], Assert.Single(expression["values"]!.AsArray())!.GetValue<string>());

        // Without spot the pod neither tolerates nor prefers it; on existing there is no platform spot pool to prefer.
        foreach (var app in new[] { Render(goldenPath, 5, DeploymentTarget.Azure, EnvironmentKind.NonProd, "spot=false"), Render(goldenPath, 5, DeploymentTarget.Existing, EnvironmentKind.NonProd, "spot=true") })
        {
            var other = RenderedObject.Of(app).SelectMany(o => o.PodTemplates()).Single()["spec"]!;
            Assert.Null(other["affinity"]);
            Assert.DoesNotContain(other["tolerations"]?.AsArray() ?? new JsonArray(), t => t!["key"]!.GetValue<string>() == AdvancedCostsManagement.SpotTaintKey);
        }
    }
}
