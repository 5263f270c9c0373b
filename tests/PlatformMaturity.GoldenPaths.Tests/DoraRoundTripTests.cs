using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.GoldenPaths.Rendering;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.GoldenPaths.Tests.TestPlatforms;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>
/// DORA Metrics end to end, as a deployed app would go through it: the golden path's CI workflow step computes the
/// annotations (run by bash against a real git commit), kustomize puts them on every object, kube-state-metrics'
/// customResourceState configuration from the platform's values turns the app's ChangeRecord into samples, and the
/// platform's recording rules (run by promtool) compute lead time, deployment frequency and change failure rate.
/// </summary>
public sealed class DoraRoundTripTests
{
    private const string Tenant = "team-a";

    /// <summary>The commit's time: 100 s after the epoch, written with a +01:00 offset (promtool's clock starts at 0).</summary>
    private const long CommitSeconds = 100;

    /// <summary>When the ChangeRecord appears in the cluster, in promtool's minutes.</summary>
    private const int DeployedMinute = 10;

    /// <summary>Each workload kind a golden path deploys, at the first level that offers it.</summary>
    public static TheoryData<string, int, string[], string> Workloads => new()
    {
        { "web-service", 3, [], "Deployment" },
        { "web-service", 3, ["canary=true"], "Rollout" },
        { "worker", 4, [], "Rollout" },
        { "cron-job", 3, [], "CronJob" },
        { "stateful-service", 4, [], "StatefulSet" },
        { "ml-training-job", 5, [], "Job" },
    };

    [Theory]
    [MemberData(nameof(Workloads))]
    public void The_change_record_names_the_apps_workload(string goldenPath, int level, string[] sets, string kind)
    {
        var objects = RenderedObject.Of(RenderApp(goldenPath, level, sets));
        var change = Assert.Single(objects, o => o.Kind == DoraContract.Kind);
        Assert.Equal(DoraContract.ApiVersion, change.ApiVersion);
        var workload = Assert.Single(objects, o => o.Kind == kind);
        Assert.Equal(kind, (string?)change.Json["spec"]!["workload"]!["kind"]);
        Assert.Equal(workload.Name, (string?)change.Json["spec"]!["workload"]!["name"]);
        Assert.Equal(workload.Json["metadata"]!["namespace"]!.ToString(), change.Json["metadata"]!["namespace"]!.ToString());
        Assert.Contains(kind, DoraMetrics.WorkloadKinds);
    }

    [SkippableTheory]
    [MemberData(nameof(Workloads))]
    public void The_commit_time_the_workflow_writes_reaches_the_lead_time_rule(string goldenPath, int level, string[] sets, string kind)
    {
        Skip.IfNot(OnPath("bash") && OnPath("git"), "bash and git run the workflow's annotation step");
        var app = RenderApp(goldenPath, level, sets);
        var graph = Composer.Default.Compose(TestPlatforms.Config(level));

        // 1. The workflow's step, run as GitHub Actions would, in a repository whose HEAD was committed at CommitSeconds.
        var (sha, annotations) = RunAnnotationStep(app);
        Assert.Equal(sha, annotations[DoraContract.CommitShaAnnotation]);
        Assert.Equal(CommitSeconds, DateTimeOffset.Parse(annotations[DoraContract.CommitTimeAnnotation], CultureInfo.InvariantCulture).ToUnixTimeSeconds());

        // 2. kustomize's commonAnnotations: every object of the app carries them, the ChangeRecord included.
        var objects = RenderedObject.Of(app);
        var change = Annotate(Assert.Single(objects, o => o.Kind == DoraContract.Kind).Json, annotations);

        // 3. kube-state-metrics, configured by the platform's kube-prometheus-stack values, allowed to list what it reads.
        var ksm = ((HelmRelease)graph.Resource(WellKnown.PrometheusStackRelease)).Values.ToJson()["kube-state-metrics"]!;
        Assert.True((bool)ksm["customResourceState"]!["enabled"]!);
        var config = ksm["customResourceState"]!["config"]!;
        var crd = graph.Resources.OfType<KubernetesResource>().Select(r => r.Object).OfType<V1CustomResourceDefinition>()
            .Single(d => d.Spec.Group == DoraContract.Group);
        Assert.Equal(DoraContract.Kind, crd.Spec.Names.Kind);
        AssertListable(ksm, crd.Spec.Group, crd.Spec.Names.Plural);
        var samples = KubeStateMetricsEmulator.Samples(config, change);
        var commit = Assert.Single(samples);
        Assert.Equal(DoraContract.CommitTimeMetric, commit.Name);
        Assert.Equal(CommitSeconds, commit.Value);
        Assert.Equal(sha, commit.Labels[DoraContract.CommitShaLabel]);
        Assert.Equal(kind, commit.Labels[DoraContract.WorkloadKindLabel]);
        Assert.Equal("shop", commit.Labels[DoraContract.WorkloadLabel]);
        Assert.Equal(Tenant, commit.Labels[DoraContract.NamespaceLabel]);

        // A failed delivery of this change: a Deployment past its progress deadline (kube-state-metrics' built-in
        // metric), or a Rollout aborted (the customResourceState gauge of its conditions).
        var failure = kind switch
        {
            "Deployment" => [$"kube_deployment_status_condition{{namespace=\"{Tenant}\",deployment=\"shop\",condition=\"Progressing\",status=\"false\"}}"],
            "Rollout" => RolloutSamples(config, Assert.Single(objects, o => o.Kind == "Rollout").Json),
            _ => Array.Empty<string>(),
        };

        // 4. The platform's recording rules over those series.
        Skip.IfNot(Promtool.IsAvailable, Promtool.MissingReason);
        var rule = (CustomObject)((KubernetesResource)graph.Resource($"prometheusrule-{WellKnown.MonitoringNamespace}-{DoraMetrics.RuleName}")).Object;
        var leadTime = DeployedMinute * 60 - CommitSeconds;
        var changeLabels = string.Join(",", DoraContract.ChangeLabels.Select(l => $"{l}=\"{commit.Labels[l]}\""));
        var inputs = new JsonArray(
            Series(commit.Series, $"_x{DeployedMinute} {CommitSeconds}x{30 - DeployedMinute}"),
            Series($"kube_namespace_labels{{namespace=\"{Tenant}\",{ContinuousResiliencyImprovement.TenantMetricLabel}=\"{Tenant}\"}}", "1x30"));
        foreach (var series in failure)
            inputs.Add(Series(series, kind == "Rollout" ? "_x15 0x15" : "0x14 1x15")); // fails at minute 15
        var expectations = new JsonArray(
            Expect(DoraMetrics.LeadTimeRecord, $"{DoraMetrics.LeadTimeRecord}{{{changeLabels}}}", leadTime),
            Expect(DoraMetrics.Deployments7dRecord, $"{DoraMetrics.Deployments7dRecord}{{namespace=\"{Tenant}\"}}", 1),
            Expect(DoraMetrics.LeadTime7dRecord, $"{DoraMetrics.LeadTime7dRecord}{{namespace=\"{Tenant}\"}}", leadTime),
            Expect(DoraMetrics.FailureRate7dRecord, $"{DoraMetrics.FailureRate7dRecord}{{namespace=\"{Tenant}\"}}", failure.Length > 0 ? 1 : 0));
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("rules.yaml"), new JsonObject { ["groups"] = rule.Spec!["groups"]!.DeepClone() }.ToJsonString());
        var test = new JsonObject
        {
            ["rule_files"] = new JsonArray("rules.yaml"),
            ["evaluation_interval"] = "1m",
            ["tests"] = new JsonArray(new JsonObject { ["interval"] = "1m", ["input_series"] = inputs, ["promql_expr_test"] = expectations }),
        };
        File.WriteAllText(dir.Combine("test.yaml"), test.ToJsonString());
        var (exitCode, output) = Promtool.TestRules(dir.Combine("test.yaml"));
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void Kube_state_metrics_may_list_every_kind_its_dora_configuration_reads()
    {
        var ksm = ((HelmRelease)Composer.Default.Compose(TestPlatforms.Config(3)).Resource(WellKnown.PrometheusStackRelease)).Values.ToJson()["kube-state-metrics"]!;
        foreach (var resource in ksm["customResourceState"]!["config"]!["spec"]!["resources"]!.AsArray())
        {
            var gvk = resource!["groupVersionKind"]!;
            var kind = (string)gvk["kind"]!;
            // kube-state-metrics lists kind's plural (lower case); both kinds are regular English plurals.
            AssertListable(ksm, (string)gvk["group"]!, kind.ToLowerInvariant() + "s");
        }
    }

    /// <summary>Rendered for a platform implementing every practice of its level (StatefulSets and training Jobs need practices still to come).</summary>
    private static RenderedApp RenderApp(string goldenPath, int level, string[] sets) =>
        GoldenPathRenderer.Render(Request(goldenPath, level, extraSets: sets), Catalog, Platform(level));

    private static void AssertListable(JsonNode ksm, string group, string plural) =>
        Assert.Contains(ksm["rbac"]!["extraRules"]!.AsArray(), rule =>
            rule!["apiGroups"]!.AsArray().Any(g => (string?)g == group)
            && rule["resources"]!.AsArray().Any(r => (string?)r == plural)
            && rule["verbs"]!.AsArray().Select(v => (string?)v).ToHashSet().IsSupersetOf(["list", "watch"]));

    /// <summary>The Rollout's conditions in the state of an aborted canary, as kube-state-metrics exports them.</summary>
    private static string[] RolloutSamples(JsonNode config, JsonObject rollout)
    {
        var aborted = (JsonObject)rollout.DeepClone();
        aborted["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "Progressing", ["status"] = "False", ["reason"] = DoraContract.FailedRolloutReasons[0] },
                new JsonObject { ["type"] = "Available", ["status"] = "True", ["reason"] = "AvailableReason" }),
        };
        var samples = KubeStateMetricsEmulator.Samples(config, aborted);
        Assert.All(samples, s => Assert.Equal(DoraContract.RolloutConditionMetric, s.Name));
        Assert.Equal(1, samples.Single(s => s.Labels[DoraContract.ConditionLabel] == "Available").Value);
        var progressing = samples.Single(s => s.Labels[DoraContract.ConditionLabel] == "Progressing");
        Assert.Equal(0, progressing.Value);
        Assert.Equal(DoraContract.FailedRolloutReasons[0], progressing.Labels[DoraContract.ReasonLabel]);
        return [progressing.Series];
    }

    /// <summary>Runs the workflow step's annotation command with kustomize replaced by a function printing its arguments.</summary>
    private static (string Sha, Dictionary<string, string> Annotations) RunAnnotationStep(RenderedApp app)
    {
        var workflow = YamlDocuments.ParseSingle(app.Files.Single(f => f.Path == ".github/workflows/shop.yaml").Content)!;
        var step = workflow["jobs"]!["build"]!["steps"]!.AsArray().Single(s => ((string?)s!["run"])?.Contains("kustomize edit add annotation", StringComparison.Ordinal) == true)!;
        var line = ((string)step["run"]!).Split('\n').Single(l => l.Contains("kustomize edit add annotation", StringComparison.Ordinal));

        using var repo = new TempDirectory();
        var env = new Dictionary<string, string>
        {
            ["GIT_COMMITTER_DATE"] = $"@{CommitSeconds} +0100",
            ["GIT_AUTHOR_DATE"] = $"@{CommitSeconds} +0100",
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
        };
        Run(repo.Path, env, "git", "init", "-q");
        Run(repo.Path, env, "git", "-c", "user.name=ci", "-c", "user.email=ci@example.com", "commit", "-q", "--allow-empty", "-m", "change");
        var sha = Run(repo.Path, env, "git", "rev-parse", "HEAD").Trim();
        env["GITHUB_SHA"] = sha;
        var args = Run(repo.Path, env, "bash", "-euo", "pipefail", "-c", "kustomize() { printf '%s\\n' \"$@\"; }\n" + line)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "edit", "add", "annotation", "--force" }, args[..4]);
        // kustomize edit add annotation: key before the first colon, value after it (commands/internal/util ConvertSliceToMap).
        return (sha, args[4..].ToDictionary(a => a[..a.IndexOf(':', StringComparison.Ordinal)], a => a[(a.IndexOf(':', StringComparison.Ordinal) + 1)..]));
    }

    private static JsonObject Annotate(JsonObject obj, Dictionary<string, string> annotations)
    {
        var copy = (JsonObject)obj.DeepClone();
        var metadata = copy["metadata"]!.AsObject();
        metadata["annotations"] ??= new JsonObject();
        foreach (var (key, value) in annotations)
            metadata["annotations"]![key] = value;
        return copy;
    }

    private static JsonObject Series(string series, string values) => new() { ["series"] = series, ["values"] = values };

    private static JsonObject Expect(string expr, string labels, double value) => new()
    {
        ["expr"] = expr,
        ["eval_time"] = "30m",
        ["exp_samples"] = new JsonArray(new JsonObject { ["labels"] = labels, ["value"] = value }),
    };

    private static string Run(string directory, Dictionary<string, string> env, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in env)
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: {error.Result}");
        return output;
    }

    private static bool OnPath(string file) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, file)));
}
