using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.GoldenPaths.Output;
using PlatformMaturity.Model;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.GoldenPaths.Tests.TestPlatforms;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>Every golden path at every level it supports, on both targets: what it emits, and that all of it is valid.</summary>
public sealed class GoldenPathMatrixTests
{
    public static TheoryData<string, int, DeploymentTarget> Supported => SupportedCases();

    public static TheoryData<string, int> Refused => RefusedCases();

    [Theory]
    [MemberData(nameof(Supported))]
    public void Every_Kubernetes_object_validates_against_the_schemas(string goldenPath, int level, DeploymentTarget target)
    {
        var objects = RenderedObject.Of(Render(goldenPath, level, target));
        Assert.NotEmpty(objects);
        Assert.Empty(objects.SelectMany(o => SchemaValidator.Validate(o.Json)));
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public void It_emits_exactly_the_objects_its_level_needs(string goldenPath, int level, DeploymentTarget target)
    {
        var app = Render(goldenPath, level, target);
        var kinds = RenderedObject.Of(app).Select(o => o.Kind).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ExpectedKinds(goldenPath, level, target).Order(StringComparer.Ordinal), kinds);

        var files = app.Files.Select(f => f.Path).ToHashSet();
        Assert.Contains("kustomization.yaml", files);
        Assert.Contains("PLATFORM.md", files);
        // A database has no image of its own to build: the postgres path has no CI workflow.
        Assert.Equal(level >= 3 && goldenPath != "postgres", files.Contains(".github/workflows/shop.yaml"));
        Assert.Equal(level >= 4, files.Contains("gitops/kustomization.yaml"));
        Assert.Equal(level >= 5, files.Contains("catalog-info.yaml"));
    }

    /// <summary>The objects each level's practices call for (PRACTICES.md), per golden path.</summary>
    private static IEnumerable<string> ExpectedKinds(string goldenPath, int level, DeploymentTarget target)
    {
        if (goldenPath == "postgres")
        {
            // The operator makes the pods, Services, Secrets and PodDisruptionBudgets from the Cluster (enablePDB).
            return ["Cluster", "ObjectStore", "ScheduledBackup", "NetworkPolicy", level >= 5 ? "ApplicationSet" : "Application"];
        }
        return WorkloadKinds(goldenPath, level, target);
    }

    private static IEnumerable<string> WorkloadKinds(string goldenPath, int level, DeploymentTarget target)
    {
        var workload = goldenPath switch
        {
            "cron-job" => "CronJob",
            // Level 5 inference: the platform's operator runs the model server (KAITO on azure, KServe on existing).
            "ml-inference" => target == DeploymentTarget.Azure ? "InferenceSet" : "InferenceService",
            "ml-training-job" => "Job",
            "stateful-service" => "StatefulSet",
            "event-driven-function" => "Deployment",
            _ => level >= 4 ? "Rollout" : "Deployment", // canary by default from Level 4 (Extended Delivery Processes)
        };
        yield return workload;
        if (workload == "Rollout")
            yield return "AnalysisTemplate"; // the canary steps' checks (Advanced Delivery Processes)
        var serves = goldenPath is "web-service" or "stateful-service" or "ml-inference" or "event-driven-function";
        var longRunning = goldenPath is not ("cron-job" or "ml-training-job");
        if (serves)
            yield return "Service";
        if (goldenPath == "stateful-service")
            yield return "Service"; // headless, for stable pod names
        if (level >= 2)
            yield return "NetworkPolicy";
        if (level >= 3 && longRunning && goldenPath is not ("stateful-service" or "event-driven-function"))
            yield return level >= 5 ? "ScaledObject" : "HorizontalPodAutoscaler";
        if (goldenPath == "event-driven-function")
        {
            // Level 5 serverless: the KEDA HTTP add-on's route and the ScaledObject its scaler drives, and the gateway's
            // route to the interceptor.
            yield return "InterceptorRoute";
            yield return "ScaledObject";
            yield return "HTTPRoute";
        }
        if (level >= 3 && longRunning && goldenPath != "event-driven-function")
            yield return "PodDisruptionBudget";
        // From Level 4 the mesh (All traffic encrypted) serves the app's metrics merged on the sidecar's plain-text port,
        // which the platform's scrape job reads: a monitor on the app port would break under STRICT mTLS.
        if (level == 3 && longRunning)
            yield return serves ? "ServiceMonitor" : "PodMonitor";
        if (level >= 3)
            yield return "ChangeRecord"; // DORA Metrics: names the workload whose commit the CI workflow annotates
        if (level >= 4 && serves)
            yield return "PrometheusServiceLevel";
        if (level >= 4)
        {
            // No admission policy of its own: the platform's one ImageValidatingPolicy verifies what the app's CI signs.
            yield return level >= 5 ? "ApplicationSet" : "Application";
        }
        if (level >= 5)
            yield return "ServiceAccount";
        // Checkpoints on the platform's zone-redundant ReadWriteMany class (Advanced Volume Management; azure only).
        if (goldenPath == "ml-training-job" && target == DeploymentTarget.Azure)
            yield return "PersistentVolumeClaim";
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public void It_emits_nothing_the_seed_forbids_at_its_level(string goldenPath, int level, DeploymentTarget target)
    {
        var app = Render(goldenPath, level, target);
        var objects = RenderedObject.Of(app);
        var kinds = objects.Select(o => o.Kind).ToHashSet();
        var model = MaturityModel.Default;

        // Level 1 don't: "Implement more advanced features (e.g. RBAC, GitOps, Persistent Volumes)".
        if (level == 1)
            Assert.DoesNotContain(kinds, k => k is "Role" or "RoleBinding" or "Application" or "ApplicationSet" or "PersistentVolumeClaim");
        // Levels 1-2: no build automation (Basic Build Processes; Level 1 don't "Automate processes of building
        // container images ..."; Level 2 don't "Standardize and unify delivery processes"), no autoscalers (Manual Application Scaling).
        if (level <= 2)
        {
            Assert.DoesNotContain(app.Files, f => f.Path.StartsWith(".github/", StringComparison.Ordinal));
            Assert.DoesNotContain(kinds, k => k is "HorizontalPodAutoscaler" or "ScaledObject" or "InterceptorRoute");
            Assert.Contains(model.Level(level).Dont, d => d.Contains("Automate processes", StringComparison.Ordinal) || d.Contains("Standardize and unify", StringComparison.Ordinal));
        }
        // Level 3 don't: "Force GitOps for all processes" (GitOps Application Management starts at 4).
        if (level == 3)
            Assert.DoesNotContain(kinds, k => k is "Application" or "ApplicationSet");
        // Level 3 don't: "Run stateful applications on the platform (yet)".
        if (level <= 3)
        {
            Assert.DoesNotContain(kinds, k => k is "StatefulSet" or "PersistentVolumeClaim");
            Assert.All(objects.SelectMany(o => o.PodTemplates()), pod => Assert.Null(pod["spec"]!["volumes"]?.AsArray().FirstOrDefault(v => v!["persistentVolumeClaim"] is not null)));
        }
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Levels_below_the_minimum_are_refused_with_the_seeds_reason(string goldenPath, int level)
    {
        var manifest = Catalog.Find(goldenPath)!.Manifest;
        var e = Assert.Throws<GoldenPathInputException>(() => Render(goldenPath, level));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("--template", problem.Subject);
        Assert.Contains($"needs Level {manifest.MinimumLevel}", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{manifest.BelowMinimum!.Text}\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stateful_services_are_refused_below_level_4_with_the_seeds_dont()
    {
        var e = Assert.Throws<GoldenPathInputException>(() => Render("stateful-service", 3));
        Assert.Contains("Run stateful applications on the platform (yet)", e.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains(MaturityModel.Default.Level(3).Dont, d => d == "Run stateful applications on the platform (yet)");
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public void Every_object_traces_to_a_practice_in_effect_at_its_level(string goldenPath, int level, DeploymentTarget target)
    {
        var inEffect = MaturityModel.Default.InEffectAt(level).Select(p => p.Practice.Slug).ToHashSet();
        foreach (var o in RenderedObject.Of(Render(goldenPath, level, target)))
        {
            var practice = o.Label("platform.maturity/practice");
            Assert.True(practice is not null && inEffect.Contains(practice), $"{o.File}: {o.Kind} traces to '{practice}', not a practice in effect at Level {level}");
            Assert.Equal(level.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Label("platform.maturity/level"));
            Assert.Equal(goldenPath, o.Label("platform.maturity/golden-path"));
            Assert.Equal("shop", o.Label("app.kubernetes.io/name"));
        }
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public void It_complies_with_the_platforms_policies_at_its_level(string goldenPath, int level, DeploymentTarget target)
    {
        var objects = RenderedObject.Of(Render(goldenPath, level, target));
        foreach (var o in objects)
        {
            var ns = o.Json["metadata"]!["namespace"]?.GetValue<string>();
            if (level >= 2)
                Assert.Equal(o.Kind is "Application" or "ApplicationSet" ? "argocd" : "team-a", ns); // Hard multi-tenancy
            if (level >= 4)
            {
                // Compliance Policies Enforcement requires team and cost-center (Costs Center Management).
                Assert.Equal("team-a", o.Label("team"));
                Assert.Equal("cc-1234", o.Label("cost-center"));
            }
            foreach (var pod in o.PodTemplates())
                CheckPod(o, pod, level);
            if (level >= 4 && o.Kind is "Deployment" or "Rollout" or "StatefulSet")
            {
                var container = o.PodTemplates().Single()["spec"]!["containers"]![0]!;
                Assert.NotNull(container["readinessProbe"]);
                Assert.NotNull(container["livenessProbe"]);
            }
        }
    }

    private static void CheckPod(RenderedObject owner, JsonObject pod, int level)
    {
        var at = $"{owner.File} ({owner.Kind})";
        var labels = pod["metadata"]!["labels"]!;
        if (level >= 4)
        {
            Assert.Equal("team-a", labels["team"]?.GetValue<string>());
            Assert.Equal("cc-1234", labels["cost-center"]?.GetValue<string>());
        }
        var spec = pod["spec"]!;
        Assert.Null(spec["hostNetwork"]);
        Assert.Null(spec["hostPID"]);
        Assert.DoesNotContain(spec["volumes"]?.AsArray() ?? [], v => v!["hostPath"] is not null);
        foreach (var container in spec["containers"]!.AsArray().Select(c => c!))
        {
            var image = container["image"]!.GetValue<string>();
            var tag = image[(image.LastIndexOf('/') + 1)..].Split(':').ElementAtOrDefault(1);
            Assert.False(tag is null or "latest", $"{at}: image {image} has no tag or the latest tag");

            var resources = container["resources"];
            if (level == 1)
            {
                var gpu = resources?["limits"]?["nvidia.com/gpu"];
                Assert.True(resources is null || gpu is not null, $"{at}: Level 1 sets no requests or limits (Unmanaged Cluster Resources)");
            }
            else
            {
                foreach (var kind in new[] { "requests", "limits" })
                {
                    Assert.NotNull(resources?[kind]?["cpu"]);
                    Assert.NotNull(resources?[kind]?["memory"]);
                }
            }

            if (level >= 3)
            {
                // Restricted Container Runtime: the restricted Pod Security Standard.
                var sc = container["securityContext"]!;
                Assert.False(sc["allowPrivilegeEscalation"]!.GetValue<bool>(), at);
                Assert.Contains("ALL", sc["capabilities"]!["drop"]!.AsArray().Select(c => c!.GetValue<string>()));
                Assert.Null(sc["privileged"]);
                var podSc = spec["securityContext"];
                Assert.True((sc["runAsNonRoot"] ?? podSc?["runAsNonRoot"])?.GetValue<bool>() == true, $"{at}: runAsNonRoot");
                Assert.Equal("RuntimeDefault", (sc["seccompProfile"] ?? podSc?["seccompProfile"])?["type"]?.GetValue<string>());
                Assert.True(sc["runAsUser"] is null || sc["runAsUser"]!.GetValue<long>() != 0);
                Assert.DoesNotContain(sc["capabilities"]!["add"]?.AsArray() ?? [], c => c!.GetValue<string>() != "NET_BIND_SERVICE");
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Supported))]
    public void Kubectl_kustomize_builds_what_was_rendered(string goldenPath, int level, DeploymentTarget target)
    {
        Skip.IfNot(Kubectl.IsAvailable, Kubectl.MissingReason);
        var app = Render(goldenPath, level, target);
        using var dir = new TempDirectory();
        AppWriter.Write(app, dir.Path, force: false);

        var (exit, output, error) = Kubectl.Kustomize(dir.Path);
        Assert.True(exit == 0, error);
        var built = YamlDocuments.Parse(output).Select(d => d!["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        var expected = RenderedObject.Of(app).Where(o => !o.File.StartsWith("gitops/", StringComparison.Ordinal)).Select(o => o.Kind).Order(StringComparer.Ordinal);
        Assert.Equal(expected, built);

        if (level >= 4)
        {
            var (gitopsExit, gitops, gitopsError) = Kubectl.Kustomize(dir.Combine("gitops"));
            Assert.True(gitopsExit == 0, gitopsError);
            Assert.Single(YamlDocuments.Parse(gitops));
        }
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public void The_same_input_renders_the_same_bytes(string goldenPath, int level, DeploymentTarget target)
    {
        var first = Render(goldenPath, level, target).Files;
        var second = Render(goldenPath, level, target).Files;
        Assert.Equal(first.Select(f => (f.Path, f.Content)), second.Select(f => (f.Path, f.Content)));
    }
}
