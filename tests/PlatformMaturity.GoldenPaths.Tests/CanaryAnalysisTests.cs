using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.GoldenPaths.Tests.TestPlatforms;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>Advanced Delivery Processes: every canary step is checked against the platform's Prometheus before the Rollout moves on.</summary>
public sealed partial class CanaryAnalysisTests
{
    public static TheoryData<string, DeploymentTarget> Canaries()
    {
        var data = new TheoryData<string, DeploymentTarget>();
        foreach (var goldenPath in Catalog.GoldenPaths.Where(g => g.Manifest.Parameter("canary") is not null))
        {
            foreach (var target in Enum.GetValues<DeploymentTarget>())
                data.Add(goldenPath.Name, target);
        }
        return data;
    }

    private static (JsonObject Rollout, JsonObject Template) Canary(string goldenPath, DeploymentTarget target, params string[] sets)
    {
        var level = Math.Max(3, Catalog.Find(goldenPath)!.Manifest.MinimumLevel); // canaries are opt-in from Level 3
        var objects = RenderedObject.Of(Render(goldenPath, level, target, extraSets: ["canary=true", .. sets]));
        return (objects.Single(o => o.Kind == "Rollout").Json, objects.Single(o => o.Kind == "AnalysisTemplate").Json);
    }

    [Theory]
    [MemberData(nameof(Canaries))]
    public void Every_canary_step_runs_the_apps_analysis_with_the_arguments_it_declares(string goldenPath, DeploymentTarget target)
    {
        var (rollout, template) = Canary(goldenPath, target);
        var steps = rollout["spec"]!["strategy"]!["canary"]!["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var declared = template["spec"]!["args"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()).ToList();
        // Each weight is followed by a pause and then an analysis before the next weight.
        var weights = steps.Select((s, i) => (s, i)).Where(x => x.s.ContainsKey("setWeight")).Select(x => x.i).ToList();
        Assert.NotEmpty(weights);
        foreach (var index in weights)
        {
            var analysis = steps.Skip(index + 1).TakeWhile(s => !s.ContainsKey("setWeight")).Select(s => s["analysis"]).SingleOrDefault(a => a is not null);
            Assert.NotNull(analysis);
            Assert.Equal(template["metadata"]!["name"]!.GetValue<string>(), analysis["templates"]![0]!["templateName"]!.GetValue<string>());
            var args = analysis["args"]!.AsArray();
            Assert.Equal(declared, args.Select(a => a!["name"]!.GetValue<string>()));
            Assert.Equal("Latest", args.Single(a => a!["name"]!.GetValue<string>() == "canary-hash")!["valueFrom"]!["podTemplateHashValue"]!.GetValue<string>());
        }
        Assert.Equal(rollout["metadata"]!["namespace"]!.GetValue<string>(), template["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Canaries))]
    public void Analyses_query_the_platforms_prometheus_for_the_canarys_pods_with_the_contracts_metrics(string goldenPath, DeploymentTarget target)
    {
        var (rollout, template) = Canary(goldenPath, target);
        var metrics = template["spec"]!["metrics"]!.AsArray().Select(m => m!).ToList();
        var serves = Catalog.Find(goldenPath)!.Manifest.Parameter("canary-success-rate") is not null;
        Assert.Equal(serves ? ["success-rate", "latency-p95"] : ["restarts"], metrics.Select(m => m["name"]!.GetValue<string>()));
        foreach (var metric in metrics)
        {
            var prometheus = metric["provider"]!["prometheus"]!;
            // The tenant's own proxy, never Prometheus: through it the analysis sees its namespace's series only.
            var ns = rollout["metadata"]!["namespace"]!.GetValue<string>();
            Assert.Equal($"http://prom-label-proxy-{ns}.{WellKnown.MonitoringNamespace}.svc:8080", prometheus["address"]!.GetValue<string>());
            Assert.NotEqual(WellKnown.PrometheusUrl, prometheus["address"]!.GetValue<string>());
            var query = prometheus["query"]!.GetValue<string>();
            // The proxy runs with --error-on-replace: a matcher on namespace other than namespace="<tenant>" fails the query.
            Assert.All(NamespaceMatchers().Matches(query), m => Assert.Equal($"namespace=\"{ns}\"", m.Value));
            // The canary's pods: the Rollout's new ReplicaSet is named <rollout>-<pod-template-hash>.
            Assert.Contains($"pod=~\"{rollout["metadata"]!["name"]}-{{{{args.canary-hash}}}}-.*\"", query, StringComparison.Ordinal);
            Assert.Contains($"namespace=\"{rollout["metadata"]!["namespace"]}\"", query, StringComparison.Ordinal);
            Assert.Contains(serves ? PlatformContract.HttpServerDurationMetric : PlatformContract.ContainerRestartsMetric, query, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("web-service", "99.5", 300)]
    public void Thresholds_are_the_golden_paths_parameters(string goldenPath, string successRate, int latencyMs)
    {
        var (_, template) = Canary(goldenPath, DeploymentTarget.Existing, $"canary-success-rate={successRate}", $"canary-latency={latencyMs.ToString(CultureInfo.InvariantCulture)}");
        var metrics = template["spec"]!["metrics"]!.AsArray().ToDictionary(m => m!["name"]!.GetValue<string>(), m => m!);
        Assert.Equal($"len(result) > 0 && result[0] >= {successRate}", metrics["success-rate"]["successCondition"]!.GetValue<string>());
        Assert.Equal($"len(result) > 0 && result[0] < {successRate}", metrics["success-rate"]["failureCondition"]!.GetValue<string>());
        Assert.Equal($"len(result) > 0 && result[0] <= {latencyMs}", metrics["latency-p95"]["successCondition"]!.GetValue<string>());
        Assert.Contains(PlatformContract.HttpStatusCodeLabel + "!~\"5..\"", metrics["success-rate"]["provider"]!["prometheus"]!["query"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>The SLO and the canary read the same metric, so what burns the error budget also stops a canary.</summary>
    [Fact]
    public void The_slo_and_the_canary_read_the_same_metric()
    {
        var objects = RenderedObject.Of(Render("web-service", 4, DeploymentTarget.Existing));
        var slo = objects.Single(o => o.Kind == "PrometheusServiceLevel").Json.ToJsonString();
        var analysis = objects.Single(o => o.Kind == "AnalysisTemplate").Json.ToJsonString();
        foreach (var name in new[] { PlatformContract.HttpServerDurationMetric + "_count", PlatformContract.HttpStatusCodeLabel })
        {
            Assert.Contains(name, slo, StringComparison.Ordinal);
            Assert.Contains(name, analysis, StringComparison.Ordinal);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Canaries))]
    public void The_queries_are_valid_promql(string goldenPath, DeploymentTarget target)
    {
        Skip.IfNot(Promtool.IsAvailable, Promtool.MissingReason);
        var (_, template) = Canary(goldenPath, target);
        // Argo Rollouts substitutes the argument before querying; promtool checks the result as a recording rule.
        var rules = new JsonArray([.. template["spec"]!["metrics"]!.AsArray().Select(m => (JsonNode)new JsonObject
        {
            ["record"] = "canary:" + m!["name"]!.GetValue<string>().Replace('-', '_'),
            ["expr"] = m["provider"]!["prometheus"]!["query"]!.GetValue<string>().Replace("{{args.canary-hash}}", "5d4f8c7b9", StringComparison.Ordinal),
        })]);
        var file = Path.Combine(Path.GetTempPath(), $"canary-{goldenPath}-{target}-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, new JsonObject { ["groups"] = new JsonArray(new JsonObject { ["name"] = "canary", ["rules"] = rules }) }.ToJsonString());
        try
        {
            var (exitCode, output) = Promtool.CheckRules([file]);
            Assert.True(exitCode == 0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex("(?<![A-Za-z0-9_])namespace\\s*(=~|!=|!~|=)\\s*\"[^\"]*\"")]
    private static partial Regex NamespaceMatchers();
}
