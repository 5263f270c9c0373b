using System.Text.RegularExpressions;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.GoldenPaths.Rendering;
using PlatformMaturity.Graph;
using PlatformMaturity.Model;
using PlatformMaturity.GoldenPaths.Manifest;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.GoldenPaths.Tests.TestPlatforms;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>
/// What users get: golden paths rendered for the platform the stack's graph really builds (practices in effect
/// AND implemented on its target). Every object can be applied there, nothing traces to a practice the platform
/// lacks, and every practice the golden path would use but the platform lacks is said, never dropped silently.
/// </summary>
public sealed partial class ImplementedPracticesTests
{
    public static TheoryData<string, int, DeploymentTarget> Supported => SupportedCases();

    /// <summary>The --set values a golden path needs on the real platform: none for practices it does not implement.</summary>
    private static AppRequest RealRequest(string goldenPath, int level, DeploymentTarget target, params string[] extra)
    {
        // What each path needs (cost-center and repository from Level 4, a schedule, an image on azure, where backups
        // go), with the test's own values taking the place of the defaults they name.
        var keys = extra.Select(e => e[..(e.IndexOf('=') + 1)]).ToHashSet(StringComparer.Ordinal);
        var sets = TestPlatforms.RequiredSets(goldenPath, level, target).Where(s => !keys.Contains(s[..(s.IndexOf('=') + 1)])).Concat(extra);
        return new AppRequest("shop", goldenPath, level >= 2 ? "team-a" : null, [.. sets]);
    }

    private static IEnumerable<PlatformRequirement> Unmet(string goldenPath, PlatformContext platform) =>
        Catalog.Find(goldenPath)!.Manifest.Requires.Where(r => r.Practice is { } p ? !platform.Provides(p) : !platform.Installs(r.ApiGroup!));

    [Theory]
    [MemberData(nameof(Supported))]
    public void Every_object_can_be_applied_to_the_platform_it_lands_on_and_traces_to_a_practice_it_implements(string goldenPath, int level, DeploymentTarget target)
    {
        var config = TestPlatforms.Config(level, target);
        var graph = Composer.Default.Compose(config);
        var platform = PlatformContext.Of(graph, MaturityModel.Default);
        var unmet = Unmet(goldenPath, platform).ToList();
        if (unmet.Count > 0)
        {
            // A golden path that cannot work without what the platform lacks is refused, saying what is missing.
            var e = Assert.Throws<GoldenPathInputException>(() => GoldenPathRenderer.Render(RealRequest(goldenPath, level, target), Catalog, platform));
            var problem = Assert.Single(e.Problems);
            Assert.Equal("--template", problem.Subject);
            Assert.All(unmet, r => Assert.Contains(r.Practice ?? r.ApiGroup!, problem.Message, StringComparison.Ordinal));
            return;
        }

        // Rendered without repository: only a practice the platform provides may require it (cost-center is, from Level 4).
        var app = GoldenPathRenderer.Render(RealRequest(goldenPath, level, target), Catalog, platform);
        var installed = PlatformApis.Installed(graph);
        var implemented = graph.Practices.Where(p => p.State == PracticeState.Implemented).Select(p => MaturityModel.Default.Practice(p.Practice).Slug).ToHashSet();
        var objects = RenderedObject.Of(app);
        Assert.NotEmpty(objects);
        foreach (var o in objects)
        {
            var group = PlatformApis.GroupOf(o.ApiVersion);
            Assert.True(PlatformApis.BuiltIn.Contains(group) || installed.Contains(group),
                $"{o.File}: {o.Kind} ({o.ApiVersion}) needs CRDs that stack {config.Stack} does not install (installed: {string.Join(", ", installed.Order())})");
            var practice = o.Label("platform.maturity/practice");
            Assert.True(practice is not null && implemented.Contains(practice), $"{o.File}: {o.Kind} traces to '{practice}', which the platform does not implement");
            Assert.Empty(SchemaValidator.Validate(o.Json));
        }

        // Every gap is a practice in effect that the platform does not implement, and PLATFORM.md says it.
        var readme = app.Files.Single(f => f.Path == "PLATFORM.md").Content;
        foreach (var gap in app.Gaps)
        {
            Assert.True(platform.InEffect(gap.Practice) && !platform.Provides(gap.Practice), gap.Practice);
            Assert.Contains(gap.Sentence, readme, StringComparison.Ordinal);
            Assert.Equal(Catalog.WhatAppsGet[gap.Practice], gap.Missing);
        }
        Assert.Equal(app.Gaps.Length > 0, readme.Contains("## Not provided by the platform yet", StringComparison.Ordinal));
    }

    /// <summary>Objects of tools a practice installs, and the practice: none may appear unless the platform implements it.</summary>
    public static TheoryData<string, string, string> ToolObjects => new()
    {
        { "kyverno.io", "", "Extended Images Build Processes" },
        { "sloth.slok.dev", "", "Error Budget Management" },
        { "argoproj.io", "Application", "GitOps Application Management" },
        { "argoproj.io", "ApplicationSet", "Multi-cluster Platform" },
        { "keda.sh", "ScaledObject", "Advanced Costs Management" },
        { "backstage.io", "Component", "Internal Developer Platform" },
    };

    [Theory]
    [MemberData(nameof(ToolObjects))]
    public void A_level_5_existing_stack_gets_no_object_for_a_practice_its_platform_does_not_implement(string group, string kind, string practice)
    {
        var platform = Real(5);
        var app = GoldenPathRenderer.Render(RealRequest("web-service", 5, DeploymentTarget.Existing), Catalog, platform);
        var documents = app.Files.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) && !f.Path.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            .SelectMany(f => YamlDocuments.Parse(f.Content).Select(d => (File: f.Path, Doc: d!)));
        var found = documents.Where(d => d.Doc["apiVersion"] is { } v && PlatformApis.GroupOf(v.GetValue<string>()) == group
            && (kind.Length == 0 || d.Doc["kind"]!.GetValue<string>() == kind)).Select(d => d.File).ToList();
        if (platform.Provides(practice))
            return;
        Assert.Empty(found);
        Assert.Contains(app.Gaps, g => g.Practice == practice);
    }

    [Fact]
    public void Level_5_on_existing_renders_the_cost_center_label_slo_application_and_signing_and_says_what_the_app_does_not_get()
    {
        var platform = Real(5);
        Assert.True(platform.Provides("Costs Center Management"));
        Assert.True(platform.Provides("Error Budget Management"));
        Assert.True(platform.Provides("GitOps Application Management"));
        var app = GoldenPathRenderer.Render(RealRequest("web-service", 5, DeploymentTarget.Existing), Catalog, platform);

        var gaps = app.Gaps.ToDictionary(g => g.Practice);
        Assert.DoesNotContain("Costs Center Management", gaps.Keys);
        Assert.DoesNotContain("Error Budget Management", gaps.Keys);
        Assert.DoesNotContain("GitOps Application Management", gaps.Keys);
        Assert.DoesNotContain("Extended Images Build Processes", gaps.Keys);
        Assert.Contains(app.Files, f => f.Path == "slo.yaml");
        // The label the platform's policy requires is on the workload and its pods; CI signs what the cluster verifies.
        var all = string.Join("\n", app.Files.Where(f => f.Path != "PLATFORM.md").Select(f => f.Content));
        Assert.Contains("cost-center: \"cc-1234\"", all, StringComparison.Ordinal);
        Assert.Contains("cosign", all, StringComparison.Ordinal);
        var readme = app.Files.Single(f => f.Path == "PLATFORM.md").Content;
        Assert.Contains("Argo CD deploys it", readme, StringComparison.Ordinal);
        // Advanced Traffic Filtering is implemented from this version: no gap is claimed for it.
        Assert.DoesNotContain("Advanced Traffic Filtering (from Level 4) is not implemented", readme, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Setting_a_parameter_only_a_missing_practice_uses_draws_a_note_not_an_error()
    {
        const string repository = "my-org/shop-repo";
        var platform = Real(5);
        Assume(!platform.Provides("GitOps Application Management"));
        var app = GoldenPathRenderer.Render(RealRequest("web-service", 5, DeploymentTarget.Existing, $"repository={repository}"), Catalog, platform);
        Assert.Contains("--set repository has no effect on stack 'l5': it serves GitOps Application Management, which is not implemented by the platform yet", app.Notes);
    }

    [SkippableFact]
    public void A_default_that_follows_a_missing_practice_stays_the_plain_default_and_the_gap_is_said()
    {
        // Canary delivery is the default once Extended Delivery Processes is provided; it is not implemented yet.
        var platform = Real(4);
        Assume(!platform.Provides("Extended Delivery Processes"));
        var app = GoldenPathRenderer.Render(RealRequest("web-service", 4, DeploymentTarget.Existing), Catalog, platform);
        Assert.Contains(app.Files, f => f.Path == "deployment.yaml");
        Assert.DoesNotContain(app.Files, f => f.Path == "rollout.yaml");
        Assert.Contains(app.Gaps, g => g.Practice == "Extended Delivery Processes");

        // Asked for explicitly, a canary is a Rollout: Argo Rollouts (Advanced Delivery Processes) is installed.
        var canary = GoldenPathRenderer.Render(RealRequest("web-service", 4, DeploymentTarget.Existing, "canary=true"), Catalog, platform);
        Assert.True(platform.Provides("Advanced Delivery Processes"));
        Assert.Contains(canary.Files, f => f.Path == "rollout.yaml");
    }

    [Fact]
    public void A_practice_taken_away_removes_its_objects_and_becomes_a_gap_in_the_output_and_platform_md()
    {
        var config = TestPlatforms.Config(5);
        var all = MaturityModel.Default.InEffectAt(5).Select(p => p.Practice.Name).ToList();
        var full = GoldenPathRenderer.Render(Request("web-service", 5), Catalog, PlatformContext.Assuming(config, all));
        Assert.Empty(full.Gaps);
        Assert.Contains(full.Files, f => f.Path == "slo.yaml");

        var without = GoldenPathRenderer.Render(Request("web-service", 5), Catalog,
            PlatformContext.Assuming(config, all.Where(p => p != "Error Budget Management")));
        Assert.DoesNotContain(without.Files, f => f.Path == "slo.yaml");
        var gap = Assert.Single(without.Gaps);
        Assert.Equal("Error Budget Management", gap.Practice);
        Assert.Contains(gap.Sentence, without.Files.Single(f => f.Path == "PLATFORM.md").Content, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("stateful-service", 4, "Advanced Volume Management is not implemented by the platform yet (it needs it for StorageClasses")]
    [InlineData("ml-inference", 5, "Just-in-time Capacity is not implemented by the platform yet (it needs it for GPU nodes")]
    [InlineData("event-driven-function", 5, "no practice of the platform installs the API group http.keda.sh (it needs it for the KEDA HTTP add-on")]
    public void A_golden_path_whose_requirements_the_platform_lacks_is_refused_with_what_is_missing(string goldenPath, int level, string expected)
    {
        var platform = Real(level);
        var unmet = Unmet(goldenPath, platform).ToList();
        Skip.If(unmet.Count == 0, $"the platform now provides what {goldenPath} needs");
        var e = Assert.Throws<GoldenPathInputException>(() => GoldenPathRenderer.Render(RealRequest(goldenPath, level, DeploymentTarget.Existing), Catalog, platform));
        Assert.Contains(expected, e.Problems.Single().Message, StringComparison.Ordinal);
        Assert.Contains($"golden path '{goldenPath}' cannot run on stack 'l{level}'", e.Problems.Single().Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Aks_add_ons_count_as_installed_api_groups()
    {
        var graph = Composer.Default.Compose(TestPlatforms.Config(3, DeploymentTarget.Azure));
        Assume(graph.Practices.Any(p => p.Practice == "Advanced Application Autoscaling" && p.State == PracticeState.Implemented));
        Assert.DoesNotContain(graph.Resources.OfType<HelmRelease>(), r => r.ProvidesApiGroups.Contains("keda.sh"));
        Assert.Contains("keda.sh", PlatformApis.Installed(graph));
    }

    [Fact]
    public void Every_practice_a_shipped_template_asks_about_says_what_an_app_gets_from_it()
    {
        var asked = new SortedSet<string>(StringComparer.Ordinal);
        var bySlug = MaturityModel.Default.Practices.ToDictionary(p => p.Slug.Replace('-', '_'), p => p.Name);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, "templates"), "*.sbn", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in PracticeRead().Matches(text))
                asked.Add(bySlug[m.Groups[1].Value]);
            foreach (Match m in ProvidesCall().Matches(text))
                asked.Add(m.Groups[1].Value);
        }
        foreach (var goldenPath in Catalog.GoldenPaths)
            asked.UnionWith(goldenPath.Manifest.Parameters.SelectMany(p => p.DefaultsWhen.Select(d => d.Practice)));

        Assert.NotEmpty(asked);
        Assert.DoesNotContain(asked, p => !Catalog.WhatAppsGet.ContainsKey(p));
    }

    private static void Assume(bool condition) => Skip.IfNot(condition, "the platform's implementation changed; this case no longer applies");

    [GeneratedRegex(@"practices\.([a-z_]+)")]
    private static partial Regex PracticeRead();

    [GeneratedRegex("provides \"([^\"]+)\"")]
    private static partial Regex ProvidesCall();

    /// <summary>
    /// One engine per policy: the golden path writes no admission policy of its own (Kyverno runs only the platform's
    /// ImageValidatingPolicy), and the workflow it writes signs with the certificate subject that policy admits for a
    /// tenant whose repos list the app's repository (producer: the CI template; consumer: the platform's signers).
    /// </summary>
    [Theory]
    [InlineData("web-service")]
    [InlineData("worker")]
    [InlineData("cron-job")]
    public void The_ci_workflow_signs_as_a_signer_the_platforms_policy_admits_and_the_app_brings_no_policy_of_its_own(string goldenPath)
    {
        var config = TestPlatforms.Config(4) with
        {
            Tenants = [.. TestPlatforms.Config(4).Tenants.Select(t => t.Name == "team-a" ? t with { Repos = ["https://github.com/acme/shop.git"] } : t)],
        };
        var platform = PlatformContext.Of(config);
        Assert.True(platform.Provides("Extended Images Build Processes"));
        var app = GoldenPathRenderer.Render(RealRequest(goldenPath, 4, DeploymentTarget.Existing), Catalog, platform);

        var workflow = app.Files.Single(f => f.Path.StartsWith(".github/workflows/", StringComparison.Ordinal));
        Assert.Contains("cosign sign --yes", workflow.Content, StringComparison.Ordinal);
        Assert.Contains("  push:\n    branches:\n      - \"main\"", workflow.Content, StringComparison.Ordinal);
        // The certificate subject GitHub's OIDC token gives this workflow on a push to main.
        var subject = $"https://github.com/acme/shop/{workflow.Path}@refs/heads/main";
        var signers = PlatformMaturity.Practices.Delivery.ExtendedImagesBuildProcesses.Identities(config).ToList();
        Assert.Contains(signers, s => s.SubjectRegExp is { } pattern && Regex.IsMatch(subject, pattern));
        Assert.DoesNotContain(signers, s => s.SubjectRegExp is { } pattern && Regex.IsMatch(subject.Replace("acme/shop", "acme/other", StringComparison.Ordinal), pattern));

        var documents = app.Files.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) && !f.Path.StartsWith(".github/", StringComparison.Ordinal))
            .SelectMany(f => YamlDocuments.Parse(f.Content)).Where(d => d?["apiVersion"] is not null).ToList();
        Assert.NotEmpty(documents);
        Assert.DoesNotContain(documents, d => d!["apiVersion"]!.GetValue<string>().Contains("kyverno.io", StringComparison.Ordinal));
        Assert.Contains("must be in your\n  team's `repos`", app.Files.Single(f => f.Path == "PLATFORM.md").Content, StringComparison.Ordinal);
    }
}
