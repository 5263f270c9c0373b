using System.Diagnostics;
using System.Text.Json.Nodes;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests;

/// <summary>`pmctl rightsize`: VPA recommendations beside the requests they replace, priced, from the reader assess uses.</summary>
public sealed class RightsizeCommandTests
{
    private static readonly string Fixture = Path.Combine(TestPaths.TestData, "rightsize", "cluster.yaml");

    private static JsonObject Line(JsonNode report, string ns, string container) =>
        report["lines"]!.AsArray().Select(l => l!.AsObject()).Single(l => l["namespace"]!.GetValue<string>() == ns && l["container"]!.GetValue<string>() == container);

    [Fact]
    public void Each_container_shows_request_target_delta_and_the_cost_of_all_its_replicas()
    {
        var result = CliRunner.Run(TestPaths.RepositoryRoot, "rightsize", "--snapshot", Fixture, "--output", "json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        var perCore = json["cpuCoreMonthlyUsd"]!.GetValue<decimal>();
        var perGiB = json["memoryGiBMonthlyUsd"]!.GetValue<decimal>();
        Assert.True(perCore > 0 && perGiB > 0);

        // Deployment team-a/api, 3 replicas: requests 1 CPU / 2Gi, target 250m / 1Gi.
        var api = Line(json, "team-a", "api");
        Assert.Equal("team-a", api["tenant"]!.GetValue<string>());
        Assert.Equal("Deployment/api", api["workload"]!.GetValue<string>());
        Assert.Equal(3, api["replicas"]!.GetValue<int>());
        Assert.Equal("1", api["cpu"]!["request"]!.GetValue<string>());
        Assert.Equal("250m", api["cpu"]!["target"]!.GetValue<string>());
        Assert.Equal("200m", api["cpu"]!["lowerBound"]!.GetValue<string>());
        Assert.Equal("800m", api["cpu"]!["upperBound"]!.GetValue<string>());
        Assert.Equal(-0.75m, api["cpu"]!["delta"]!.GetValue<decimal>());
        Assert.Equal(-1m, api["memory"]!["delta"]!.GetValue<decimal>());
        var expected = Math.Round((-0.75m * perCore + -1m * perGiB) * 3, 1);
        Assert.Equal(expected, Math.Round(api["monthlyUsdDelta"]!.GetValue<decimal>(), 1));

        // A tenant's second namespace is reported under the tenant; StatefulSet without replicas runs one.
        var db = Line(json, "team-b-batch", "postgres");
        Assert.Equal("team-b", db["tenant"]!.GetValue<string>());
        Assert.Equal(1, db["replicas"]!.GetValue<int>());
        Assert.Equal(0.25m, db["cpu"]!["delta"]!.GetValue<decimal>());
        Assert.True(db["monthlyUsdDelta"]!.GetValue<decimal>() > 0);

        // A platform namespace has no tenant; a container without requests counts its whole target.
        var exporter = Line(json, "monitoring", "node-exporter");
        Assert.Null(exporter["tenant"]);
        Assert.Null(exporter["replicas"]);
        Assert.Equal(0.025m, exporter["cpu"]!["delta"]!.GetValue<decimal>());

        // The total is the sum of the lines; a VPA without status yet is listed, not priced.
        var sum = json["lines"]!.AsArray().Sum(l => l!["monthlyUsdDelta"]?.GetValue<decimal>() ?? 0m);
        Assert.Equal(sum, json["monthlyUsdDelta"]!.GetValue<decimal>());
        Assert.Contains("team-a/goldilocks-worker", json["withoutRecommendation"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Lines_are_ordered_by_tenant_then_namespace_and_output_is_deterministic()
    {
        var first = CliRunner.Run(TestPaths.RepositoryRoot, "rightsize", "--snapshot", Fixture, "--output", "json");
        var second = CliRunner.Run(TestPaths.RepositoryRoot, "rightsize", "--snapshot", Fixture, "--output", "json");
        Assert.Equal(first.Out, second.Out);
        var tenants = first.Json["lines"]!.AsArray().Select(l => l!["tenant"]?.GetValue<string>() ?? "~").ToList();
        Assert.Equal(tenants.Order(StringComparer.Ordinal), tenants);
    }

    [Fact]
    public void Text_is_a_table_with_the_total()
    {
        var result = CliRunner.Run(TestPaths.RepositoryRoot, "rightsize", "--snapshot", Fixture);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Out.Split('\n'), l => l.Contains("team-a", StringComparison.Ordinal) && l.Contains("1 → 250m (-0.75)", StringComparison.Ordinal));
        Assert.Contains("Moving every request to its target:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workload_that_is_gone_and_a_hostile_quantity_are_reported_not_guessed()
    {
        var watch = Stopwatch.StartNew();
        var result = CliRunner.Run(TestPaths.RepositoryRoot, "rightsize", "--snapshot", Fixture, "--output", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
        var gone = Line(result.Json, "team-a", "app");
        Assert.Null(gone["monthlyUsdDelta"]);
        Assert.Contains("not found", gone["note"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("\"1e999999999\" is not a Kubernetes quantity", result.Error, StringComparison.Ordinal);
        Assert.Contains("goldilocks-gone", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cpu: \"-1\"")]
    [InlineData("cpu: \"1Xi\"")]
    [InlineData("cpu: \"1e100\"")]
    [InlineData("cpu: \"$(rm -rf /)\"")]
    public void A_request_that_is_not_a_quantity_leaves_the_delta_unknown(string cpu)
    {
        using var dir = new TempDirectory();
        var text = File.ReadAllText(Fixture).Replace("{requests: {cpu: \"1\", memory: 2Gi}}", $"{{requests: {{{cpu}, memory: 2Gi}}}}", StringComparison.Ordinal);
        Assert.Contains(cpu, text, StringComparison.Ordinal);
        var file = Path.Combine(dir.Path, "cluster.yaml");
        File.WriteAllText(file, text);
        var result = CliRunner.Run(TestPaths.RepositoryRoot, "rightsize", "--snapshot", file, "--output", "json");
        Assert.Equal(0, result.ExitCode);
        var api = Line(result.Json, "team-a", "api");
        Assert.Null(api["cpu"]!["delta"]);
        Assert.Equal(-1m, api["memory"]!["delta"]!.GetValue<decimal>());
        Assert.Contains("request cpu", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_without_vpas_is_refused_with_how_to_get_them()
    {
        var result = CliRunner.Run(TestPaths.RepositoryRoot, "rightsize", "--snapshot", Path.Combine(TestPaths.TestData, "assess", "level2-cluster.yaml"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no VerticalPodAutoscaler", result.Error, StringComparison.Ordinal);
        Assert.Contains("kubectl get verticalpodautoscalers -A -o yaml", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData]
    [InlineData("--snapshot", "x", "--kubeconfig", "y")]
    [InlineData("--snapshot", "x", "--context", "c")]
    public void Needs_exactly_one_source(params string[] args) =>
        Assert.Equal(2, CliRunner.Run(TestPaths.RepositoryRoot, ["rightsize", .. args]).ExitCode);

    [Fact]
    public void A_missing_snapshot_is_a_clear_error()
    {
        var result = CliRunner.Run(TestPaths.RepositoryRoot, "rightsize", "--snapshot", "does-not-exist.yaml");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does-not-exist.yaml: does not exist", result.Error, StringComparison.Ordinal);
    }
}
