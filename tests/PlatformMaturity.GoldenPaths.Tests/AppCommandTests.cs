using System.Text.Json;
using PlatformMaturity.Cli;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>`pmctl templates` and `pmctl app new` end to end: exit codes, messages, and that a refusal writes nothing.</summary>
public sealed class AppCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public AppCommandTests()
    {
        for (var level = 1; level <= 5; level++)
        {
            Directory.CreateDirectory(_dir.Combine("stacks"));
            File.WriteAllText(_dir.Combine("stacks", $"Pulumi.l{level}.yaml"), $"""
                config:
                  platform:level: {level}
                  platform:target: existing
                  platform:registry: registry.example.com/apps
                  platform:tenants:
                    - name: team-a
                      group: team-a-devs
                """);
        }
    }

    public void Dispose() => _dir.Dispose();

    private (int Exit, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Pmctl.Run(args, new CliIO(output, error, _dir.Path));
        return (exit, output.ToString(), error.ToString());
    }

    private static readonly string Templates = Path.Combine(TestPaths.RepositoryRoot, "templates");

    private (int Exit, string Out, string Error) AppNew(params string[] args) =>
        Run(["app", "new", .. args, "--stacks-dir", "stacks", "--template-dir", Templates]);

    [Fact]
    public void Templates_lists_every_golden_path_with_its_level_and_parameters_as_json()
    {
        var (exit, output, _) = Run("templates", "--output", "json", "--template-dir", Templates);
        Assert.Equal(0, exit);
        var list = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["cron-job", "web-service", "worker", "postgres", "stateful-service", "event-driven-function", "ml-inference", "ml-training-job"],
            list.Select(g => g.GetProperty("name").GetString()));
        var stateful = list.Single(g => g.GetProperty("name").GetString() == "stateful-service");
        Assert.Equal(4, stateful.GetProperty("minimumLevel").GetInt32());
        Assert.Equal("Run stateful applications on the platform (yet)", stateful.GetProperty("belowMinimum").GetProperty("text").GetString());
        var postgres = list.Single(g => g.GetProperty("name").GetString() == "postgres");
        Assert.Equal(4, postgres.GetProperty("minimumLevel").GetInt32());
        Assert.Equal("Run stateful applications on the platform (yet)", postgres.GetProperty("belowMinimum").GetProperty("text").GetString());
        var port = list[1].GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "port");
        Assert.Equal("port", port.GetProperty("type").GetString());
        Assert.Equal("8080", port.GetProperty("default").GetString());
    }

    [Fact]
    public void Templates_as_text_shows_the_table_and_the_parameters()
    {
        var (exit, output, _) = Run("templates", "--template-dir", Templates);
        Assert.Equal(0, exit);
        Assert.Contains("ml-training-job", output, StringComparison.Ordinal);
        Assert.Contains("--set schedule=<cron; required>", output, StringComparison.Ordinal);
        Assert.Contains("Golden paths are the platform's standard from Level 3", output, StringComparison.Ordinal);
        Assert.Contains("stateful-service (from Level 4)\n  refused below Level 4: the seed's Level 3 (Data-Driven Improvement) says don't: \"Run stateful applications on the platform (yet)\"\n", output, StringComparison.Ordinal);
        Assert.Contains("  needs the practice Advanced Volume Management on the platform, for StorageClasses", output, StringComparison.Ordinal);
        Assert.Contains("--set cost-center=<label-value; required where the platform provides Costs Center Management or Compliance Policies Enforcement>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void App_new_at_level_5_follows_what_the_platform_implements_and_says_what_the_app_does_not_get()
    {
        // No --set cost-center: Costs Center Management is implemented on this platform and requires it.
        var (refused, _, why) = AppNew("shop", "--template", "web-service", "--stack", "l5", "--team", "team-a", "--out", "out", "--set", "repository=acme/shop");
        Assert.Equal(ExitCodes.UserProblem, refused);
        Assert.Contains("--set cost-center: is required at Level 5 (Costs Center Management, from Level 4)", why, StringComparison.Ordinal);

        // GitOps Application Management is implemented too, so the app names its repository and gets its Argo CD Application.
        var (exit, output, error) = AppNew("shop", "--template", "web-service", "--stack", "l5", "--team", "team-a", "--out", "out", "--set", "repository=acme/shop", "--set", "cost-center=cc-1234");
        Assert.True(exit == 0, error);
        // Every Level 5 practice is implemented, so nothing is listed as not provided.
        Assert.DoesNotContain("Not provided by stack l5", output, StringComparison.Ordinal);
        Assert.DoesNotContain("GitOps Application Management (from Level 4) is not implemented by the platform yet", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Error Budget Management (from Level 4) is not implemented by the platform yet", output, StringComparison.Ordinal);
        Assert.True(File.Exists(_dir.Combine("out", "slo.yaml")));
        // Internal Developer Platform is implemented: the app registers itself in the developer portal's catalog.
        Assert.True(File.Exists(_dir.Combine("out", "catalog-info.yaml")), "catalog-info.yaml");
        // Identity-based Access Control is implemented: the app runs as its own service account.
        Assert.True(File.Exists(_dir.Combine("out", "serviceaccount.yaml")));
        var all = string.Join("\n", Directory.EnumerateFiles(_dir.Combine("out"), "*.yaml", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.Contains("sloth.slok.dev", all, StringComparison.Ordinal);
        Assert.Contains("cost-center: \"cc-1234\"", all, StringComparison.Ordinal);
        // Multi-cluster Platform places the app on the fleet: an ApplicationSet whose Applications land in the
        // tenant's AppProject (GitOps Application Management).
        var placement = File.ReadAllText(_dir.Combine("out", "gitops", "applicationset.yaml"));
        Assert.Contains("kind: ApplicationSet", placement, StringComparison.Ordinal);
        Assert.Contains("project: \"team-a\"", placement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_golden_path_the_platform_cannot_run_is_refused_naming_what_is_missing_and_writes_nothing()
    {
        // Every shipped golden path runs on the Level 5 platform now; a platform team's own golden path that needs CRDs the
        // platform does not install (JobSet here) is refused the same way.
        var own = _dir.Combine("own-templates");
        foreach (var file in Directory.EnumerateFiles(Templates, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(own, Path.GetRelativePath(Templates, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var manifest = Path.Combine(own, "ml-inference", "template.yaml");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("requires:\n", "requires:\n  - apiGroup: jobset.x-k8s.io\n    for: \"JobSet, which runs the model's shards as one set\"\n", StringComparison.Ordinal));
        var before = _dir.Snapshot();
        var (exit, _, error) = Run("app", "new", "model", "--template", "ml-inference", "--stack", "l5", "--team", "team-a", "--out", "out",
            "--set", "cost-center=cc-1234", "--stacks-dir", "stacks", "--template-dir", own);
        Assert.Equal(ExitCodes.UserProblem, exit);
        Assert.Contains("golden path 'ml-inference' cannot run on stack 'l5' (Level 5 - AI-Ready Enterprise Platform, target existing): no practice of the platform installs the API group jobset.x-k8s.io (it needs it for JobSet", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", error, StringComparison.Ordinal);
        Assert.Equal(before, _dir.Snapshot());
    }

    [Theory]
    [InlineData("ml-inference")]
    [InlineData("ml-training-job")]
    [InlineData("event-driven-function")]
    public void The_level_5_golden_paths_run_on_the_level_5_platform(string goldenPath)
    {
        var (exit, output, error) = AppNew("model", "--template", goldenPath, "--stack", "l5", "--team", "team-a", "--out", "out", "--set", "cost-center=cc-1234", "--set", "repository=acme/model");
        Assert.True(exit == 0, error);
        Assert.Contains("kustomization.yaml", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Re_scaffolding_at_a_higher_level_with_force_removes_the_files_it_no_longer_produces_and_says_so()
    {
        Assert.Equal(0, AppNew("shop", "--template", "web-service", "--stack", "l3", "--team", "team-a", "--out", "out").Exit);
        File.WriteAllText(_dir.Combine("out", "mine.yaml"), "kind: Mine\n");

        // Without --force nothing changes.
        var before = _dir.Snapshot();
        var (refused, _, refusal) = AppNew("shop", "--template", "web-service", "--stack", "l5", "--team", "team-a", "--out", "out", "--set", "canary=true", "--set", "cost-center=cc-1234", "--set", "repository=acme/shop");
        Assert.Equal(ExitCodes.UserProblem, refused);
        Assert.Contains("Pass --force", refusal, StringComparison.Ordinal);
        Assert.Equal(before, _dir.Snapshot());

        var (exit, output, error) = AppNew("shop", "--template", "web-service", "--stack", "l5", "--team", "team-a", "--out", "out", "--set", "canary=true", "--set", "cost-center=cc-1234", "--set", "repository=acme/shop", "--force");
        Assert.True(exit == 0, error);
        Assert.Contains("  removed     deployment.yaml", output, StringComparison.Ordinal);
        Assert.Contains("written by an earlier pmctl app new, not produced now", output, StringComparison.Ordinal);
        Assert.Contains("  created     rollout.yaml", output, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("out", "deployment.yaml")));
        Assert.True(File.Exists(_dir.Combine("out", "rollout.yaml")));
        Assert.Equal("kind: Mine\n", File.ReadAllText(_dir.Combine("out", "mine.yaml")));
        var kustomization = File.ReadAllText(_dir.Combine("out", "kustomization.yaml"));
        Assert.DoesNotContain("deployment.yaml", kustomization, StringComparison.Ordinal);
    }

    [Fact]
    public void App_new_writes_the_files_and_reports_each_with_its_practice()
    {
        var (exit, output, error) = AppNew("shop", "--template", "web-service", "--stack", "l3", "--team", "team-a", "--out", "out/shop", "--set", "replicas=3");
        Assert.True(exit == 0, error);
        Assert.Contains("Scaffolded shop from golden path web-service for Level 3 - Data-Driven Improvement (stack l3) into out/shop:", output, StringComparison.Ordinal);
        Assert.Contains("created     hpa.yaml", output, StringComparison.Ordinal);
        Assert.Contains("Basic Application Autoscaling", output, StringComparison.Ordinal);
        Assert.Contains("kubectl kustomize out/shop", output, StringComparison.Ordinal);
        Assert.True(File.Exists(_dir.Combine("out", "shop", ".github", "workflows", "shop.yaml")));
        // Outside a Git repository the output folder is taken as the repository's root, and the command says so (and nothing else).
        Assert.StartsWith("note: out/shop is not inside a Git repository, so pmctl took it as the repository's root", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Below_level_3_app_new_renders_and_says_golden_paths_become_the_standard_at_level_3()
    {
        var (exit, _, error) = AppNew("shop", "--template", "web-service", "--stack", "l1", "--out", "out");
        Assert.Equal(0, exit);
        Assert.Contains("note: Level 1 has no Golden Paths practice: golden paths become the platform's standard at Level 3.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name", "../evil", "name: '../evil' is not allowed")]
    [InlineData("name", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "is too long; at most 40 characters")]
    [InlineData("set", "description={{ app.name }}", "--set description: '{{ app.name }}' contains '{{'")]
    [InlineData("set", "tag=1.0\nkind: Secret", "--set tag: '1.0\\nkind: Secret' contains a line break")]
    [InlineData("set", "image=registry.example.com/apps/x: y", "--set image: 'registry.example.com/apps/x: y' is not an image repository")]
    [InlineData("set", "prot=8080", "--set prot: is not a parameter of golden path 'web-service'; did you mean port?")]
    [InlineData("template", "stateful-service", "needs Level 4 (Productized Platform); stack 'l3' is at Level 3")]
    [InlineData("team", "../team-a", "--team: '../team-a' is not a tenant of stack 'l3'; tenants: team-a")]
    public void Hostile_or_invalid_input_exits_1_names_the_input_and_writes_nothing(string kind, string value, string expected)
    {
        var args = new List<string> { kind == "name" ? value : "shop", "--template", kind == "template" ? value : "web-service", "--stack", "l3", "--team", kind == "team" ? value : "team-a", "--out", "out/shop" };
        if (kind == "set")
            args.AddRange(["--set", value]);
        var before = _dir.Snapshot();

        var (exit, output, error) = AppNew([.. args]);
        Assert.Equal(ExitCodes.UserProblem, exit);
        Assert.Equal("", output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", error, StringComparison.Ordinal);
        Assert.Equal(before, _dir.Snapshot());
        Assert.False(Directory.Exists(_dir.Combine("out")));
    }

    [Fact]
    public void An_existing_file_is_kept_unless_force_is_given()
    {
        Directory.CreateDirectory(_dir.Combine("out"));
        File.WriteAllText(_dir.Combine("out", "deployment.yaml"), "mine\n");
        var (exit, _, error) = AppNew("shop", "--template", "web-service", "--stack", "l2", "--team", "team-a", "--out", "out");
        Assert.Equal(ExitCodes.UserProblem, exit);
        Assert.Contains("already exists with other content: deployment.yaml", error, StringComparison.Ordinal);
        Assert.Equal(["deployment.yaml"], Directory.EnumerateFiles(_dir.Combine("out")).Select(Path.GetFileName));

        var (forced, output, _) = AppNew("shop", "--template", "web-service", "--stack", "l2", "--team", "team-a", "--out", "out", "--force");
        Assert.Equal(0, forced);
        Assert.Contains("overwritten deployment.yaml", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_templates_exit_1_and_write_nothing()
    {
        var templates = _dir.Combine("broken");
        Directory.CreateDirectory(Path.Combine(templates, "bad"));
        File.WriteAllText(Path.Combine(templates, "bad", "template.yaml"), "name: bad\ndescription: x\nminimumLevel: 1\noutputs:\n  \"x.yaml.sbn\": \"../../escape.yaml\"\nparameters: []\n");
        File.WriteAllText(Path.Combine(templates, "bad", "x.yaml.sbn"), "a: 1\n");
        var before = _dir.Snapshot();

        var (exit, _, error) = Run("app", "new", "shop", "--template", "bad", "--stack", "l1", "--out", "out", "--stacks-dir", "stacks", "--template-dir", "broken");
        Assert.Equal(ExitCodes.UserProblem, exit);
        Assert.Contains("the golden paths in broken are broken", error, StringComparison.Ordinal);
        Assert.Contains("output name '../../escape.yaml' has a '..' segment", error, StringComparison.Ordinal);
        Assert.Equal(before, _dir.Snapshot());
    }

    [Theory]
    [InlineData("app", "new", "shop", "--stack", "l1", "--out", "out")]
    [InlineData("app", "new", "--template", "web-service", "--stack", "l1", "--out", "out")]
    [InlineData("app", "new", "shop", "--template", "web-service", "--stack", "l1", "--out", "out", "--colour", "blue")]
    public void Command_line_mistakes_exit_2(params string[] args)
    {
        var (exit, _, error) = Run(args);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("pmctl: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_stack_exits_1()
    {
        var (exit, _, error) = AppNew("shop", "--template", "web-service", "--stack", "nope", "--out", "out");
        Assert.Equal(ExitCodes.UserProblem, exit);
        Assert.Contains("'nope' has no stack file", error, StringComparison.Ordinal);
    }
}
