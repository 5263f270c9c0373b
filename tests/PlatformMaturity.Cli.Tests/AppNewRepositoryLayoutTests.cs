using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformMaturity.Config;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.GoldenPaths.Output;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests;

/// <summary>
/// `pmctl app new` in an app repository: written at its root, or one folder per environment (deploy/&lt;env&gt;, the layout
/// `pmctl app promote` works on). GitHub reads workflows only at the repository's root, so the CI workflow goes there
/// and deploys the folder that was written; Argo CD syncs that folder.
/// </summary>
public sealed class AppNewRepositoryLayoutTests
{
    private static readonly string[] Sets = ["--set", "image=acr.azurecr.io/shop", "--set", "cost-center=cc-1", "--set", "repository=acme/shop"];

    /// <summary>A folder that is a Git repository (what detection looks for: .git at or above --out).</summary>
    private static TempDirectory Repository()
    {
        var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine(".git"));
        return dir;
    }

    private static CliResult AppNew(string cwd, string @out, params string[] extra) => AppNewOn("l4-azure", cwd, @out, extra);

    private static CliResult AppNewOn(string stack, string cwd, string @out, params string[] extra) =>
        CliRunner.Run(cwd, ["app", "new", "shop", "--template", "web-service", "--stack", stack, "--team", "team-a", "--out", @out,
            "--stacks-dir", TestPaths.Stacks, .. Sets, .. extra]);

    /// <summary>
    /// Whether GitHub runs the workflow on a push changing these files: with a paths filter, a file counts when the last
    /// pattern it matches is a positive one ('**' any characters, '*' any but '/'); without one, every push runs it.
    /// </summary>
    private static bool Triggers(JsonNode workflow, string @event, IEnumerable<string> changed)
    {
        if (workflow["on"]![@event]!["paths"] is not JsonArray paths)
            return true;
        var patterns = paths.Select(p => (string)p!).Select(p => (Include: !p.StartsWith('!'), Regex: new Regex("^" + Regex.Escape(p.TrimStart('!')).Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*") + "$"))).ToList();
        return changed.Any(file => patterns.LastOrDefault(p => p.Regex.IsMatch(file)) is { Include: true });
    }

    private static List<string> Changed(Dictionary<string, string> before, Dictionary<string, string> after) =>
        [.. after.Where(f => f.Value != "dir" && before.GetValueOrDefault(f.Key) != f.Value).Select(f => f.Key.Replace(Path.DirectorySeparatorChar, '/')).Order(StringComparer.Ordinal)];

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => File.Exists(f) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))) : "dir");

    private static JsonNode Workflow(string repository) =>
        YamlDocuments.ParseSingle(File.ReadAllText(Path.Combine(repository, ".github", "workflows", "shop.yaml")))!;

    private static string Run(JsonNode workflow, string stepName) =>
        (string)workflow["jobs"]!["build"]!["steps"]!.AsArray().Single(s => ((string?)s!["name"])?.StartsWith(stepName, StringComparison.Ordinal) == true)!["run"]!;

    /// <summary>The workflow's manifests and image bump act on the folder it names, and that folder is one pmctl app new wrote.</summary>
    private static void AssertDeploys(string repository, string folder)
    {
        var workflow = Workflow(repository);
        Assert.Equal(folder, (string)workflow["env"]![RepositoryFiles.FolderVariable]!);
        Assert.StartsWith($"kubectl kustomize \"${RepositoryFiles.FolderVariable}\" ", Run(workflow, "Build the manifests"), StringComparison.Ordinal);
        var bump = Run(workflow, "Record the new tag").Split('\n');
        Assert.Equal($"cd \"${RepositoryFiles.FolderVariable}\"", bump[0]);
        Assert.StartsWith("kustomize edit set image", bump[1], StringComparison.Ordinal);
        var written = Path.Combine(repository, folder);
        Assert.True(File.Exists(Path.Combine(written, "kustomization.yaml")), folder);
        Assert.Contains("kustomization.yaml", AppRecord.Read(written).Keys);
    }

    private static string ApplicationPath(string folder) =>
        (string)YamlDocuments.ParseSingle(File.ReadAllText(Path.Combine(folder, "gitops", "application.yaml")))!["spec"]!["source"]!["path"]!;

    [Fact]
    public void With_one_folder_per_environment_the_workflow_lives_at_the_git_root_and_deploys_the_first_environment()
    {
        using var repo = Repository();
        var dev = AppNew(repo.Path, "deploy/dev");
        Assert.True(dev.ExitCode == 0, dev.ToString());
        Assert.Matches(@"(?m)^  created +\.github/workflows/shop\.yaml", dev.Out);
        var workflow = File.ReadAllBytes(repo.Combine(".github", "workflows", "shop.yaml"));

        var prod = AppNew(repo.Path, "deploy/prod");
        Assert.True(prod.ExitCode == 0, prod.ToString());
        Assert.Contains("deploys it to deploy/dev, the first environment; it is left as it is, and deploy/prod gets new versions through pmctl app promote deploy --from dev --to prod", prod.Error);
        // Nothing under an environment's folder that GitHub would never read; the root workflow is untouched by the later environment.
        Assert.False(Directory.Exists(repo.Combine("deploy", "dev", ".github")));
        Assert.False(Directory.Exists(repo.Combine("deploy", "prod", ".github")));
        Assert.Equal(workflow, File.ReadAllBytes(repo.Combine(".github", "workflows", "shop.yaml")));
        AssertDeploys(repo.Path, "deploy/dev");
        // Each environment's Argo CD syncs its own folder of the repository.
        Assert.Equal("deploy/dev", ApplicationPath(repo.Combine("deploy", "dev")));
        Assert.Equal("deploy/prod", ApplicationPath(repo.Combine("deploy", "prod")));

        // Writing dev again (e.g. after an upgrade) keeps one workflow, still for dev; promotion works on the layout.
        var again = AppNew(repo.Path, "deploy/dev", "--force");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Matches(@"(?m)^  unchanged +\.github/workflows/shop\.yaml", again.Out);
        File.WriteAllText(repo.Combine("deploy", "dev", "kustomization.yaml"), File.ReadAllText(repo.Combine("deploy", "dev", "kustomization.yaml")).Replace("newTag: \"0.1.0\"", "newTag: 4f2a9c1"));
        var promote = CliRunner.Run(repo.Path, "app", "promote", "deploy", "--from", "dev", "--to", "prod");
        Assert.True(promote.ExitCode == 0, promote.ToString());
    }

    [Fact]
    public void Written_at_the_repository_root_the_workflow_deploys_the_root_and_run_from_a_subfolder_it_finds_the_git_root()
    {
        using var repo = Repository();
        var result = AppNew(repo.Path, ".");
        Assert.True(result.ExitCode == 0, result.ToString());
        AssertDeploys(repo.Path, ".");
        Assert.Equal(".", ApplicationPath(repo.Path));

        // From inside a subfolder of the repository, --out ../deploy/dev still puts the workflow at the Git root.
        using var other = Repository();
        Directory.CreateDirectory(other.Combine("src"));
        var nested = AppNew(other.Combine("src"), "../deploy/dev");
        Assert.True(nested.ExitCode == 0, nested.ToString());
        AssertDeploys(other.Path, "deploy/dev");
    }

    [Fact]
    public void Outside_git_repo_root_names_the_repository_and_without_either_the_command_says_where_the_workflow_went()
    {
        using var dir = new TempDirectory();
        var explicitRoot = AppNew(dir.Path, "deploy/dev", "--repo-root", ".");
        Assert.True(explicitRoot.ExitCode == 0, explicitRoot.ToString());
        AssertDeploys(dir.Path, "deploy/dev");
        Assert.DoesNotContain("not inside a Git repository", explicitRoot.Error);

        using var plain = new TempDirectory();
        var guessed = AppNew(plain.Path, "deploy/dev");
        Assert.True(guessed.ExitCode == 0, guessed.ToString());
        Assert.Contains("note: deploy/dev is not inside a Git repository, so pmctl took it as the repository's root", guessed.Error);
        Assert.Contains("pass --repo-root", guessed.Error);
    }

    [Fact]
    public void A_workflow_an_earlier_version_wrote_inside_the_environment_folder_is_removed_with_force()
    {
        using var repo = Repository();
        // What app new wrote before it knew the layout: the workflow inside deploy/dev, in the folder's record.
        Directory.CreateDirectory(repo.Combine("deploy", "dev"));
        Assert.Equal(0, AppNew(repo.Path, "deploy/dev", "--repo-root", "deploy/dev").ExitCode);
        Assert.True(File.Exists(repo.Combine("deploy", "dev", ".github", "workflows", "shop.yaml")));

        // Rendered for the layout, PLATFORM.md and the Application change too: without --force nothing is written.
        var refused = AppNew(repo.Path, "deploy/dev");
        Assert.True(refused.ExitCode == 1, refused.ToString());
        var removed = AppNew(repo.Path, "deploy/dev", "--force");
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Matches(@"(?m)^  removed +\.github/workflows/shop\.yaml +written by an earlier pmctl app new, not produced now", removed.Out);
        Assert.False(Directory.Exists(repo.Combine("deploy", "dev", ".github")));
        AssertDeploys(repo.Path, "deploy/dev");
    }

    public static TheoryData<string, string[], string> Refusals => new()
    {
        { "an environment name with shell characters", ["--out", "repo/deploy/$(id)", "--repo-root", "repo"], "segment '$(id)' has characters other than" },
        { "an environment name with a space", ["--out", "repo/deploy/d ev", "--repo-root", "repo"], "has characters other than" },
        { "an environment name with a quote", ["--out", "repo/deploy/dev\"x", "--repo-root", "repo"], "has characters other than" },
        { "--out outside --repo-root", ["--out", "elsewhere/dev", "--repo-root", "repo"], "is not inside the repository" },
        { "--repo-root that is no folder", ["--out", "repo/deploy/dev", "--repo-root", "nowhere"], "--repo-root nowhere is not a folder" },
        { "a workflow of someone else at the root", ["--out", "repo/deploy/dev", "--repo-root", "repo", "foreign"], "already exists with other content: .github/workflows/shop.yaml" },
        { "a link on the way to the environment", ["--out", "repo/linked/dev", "--repo-root", "repo", "link"], "is a symbolic link" },
        { "a link for the workflows folder", ["--out", "repo/deploy/dev", "--repo-root", "repo", "github-link"], "is a symbolic link" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Refusals_exit_1_say_why_and_leave_every_file_byte_identical(string why, string[] arguments, string message)
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("repo", "deploy"));
        Directory.CreateDirectory(dir.Combine("elsewhere"));
        File.WriteAllText(dir.Combine("repo", "README.md"), "the app\n");
        var options = arguments.Where(a => a is not ("foreign" or "link" or "github-link")).ToList();
        if (arguments.Contains("foreign"))
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(dir.Combine("repo", ".github", "workflows")).FullName, "shop.yaml"), "name: hand-written\non: push\n");
        if (arguments.Contains("link"))
            Directory.CreateSymbolicLink(dir.Combine("repo", "linked"), dir.Combine("elsewhere"));
        if (arguments.Contains("github-link"))
            Directory.CreateSymbolicLink(dir.Combine("repo", ".github"), Directory.CreateDirectory(dir.Combine("elsewhere", "github")).FullName);
        var before = Snapshot(dir.Path);

        var result = CliRunner.Run(dir.Path, ["app", "new", "shop", "--template", "web-service", "--stack", "l4-azure", "--team", "team-a",
            "--stacks-dir", TestPaths.Stacks, .. Sets, .. options]);

        Assert.True(result.ExitCode == 1, $"{why}: {result}");
        Assert.Contains(message, result.Error);
        Assert.Contains("othing was written", result.Error);
        Assert.Equal(before, Snapshot(dir.Path));
    }
    [Fact]
    public void A_promotion_touching_only_a_later_environment_does_not_rebuild_and_the_catalog_entry_is_where_backstage_reads_it()
    {
        using var repo = Repository();
        Directory.CreateDirectory(repo.Combine("src"));
        File.WriteAllText(repo.Combine("src", "main.py"), "print('shop')\n");
        foreach (var env in new[] { "dev", "prod" })
        {
            var result = AppNewOn("l5-azure", repo.Path, $"deploy/{env}");
            Assert.True(result.ExitCode == 0, result.ToString());
        }
        var workflow = Workflow(repo.Path);

        // One catalog entry for the app, at the root, where the platform's Backstage location reads it; none per environment.
        Assert.True(File.Exists(repo.Combine(BackstageCatalog.AppCatalogFile)));
        Assert.Equal("shop", (string)YamlDocuments.ParseSingle(File.ReadAllText(repo.Combine(BackstageCatalog.AppCatalogFile)))!["metadata"]!["name"]!);
        Assert.False(File.Exists(repo.Combine("deploy", "dev", BackstageCatalog.AppCatalogFile)));
        Assert.False(File.Exists(repo.Combine("deploy", "prod", BackstageCatalog.AppCatalogFile)));
        var stack = PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, "l5-azure"), "l5-azure"), "l5-azure");
        var repository = stack.Tenants.Single(t => t.Name == "team-a").Repos.First().Replace("https://github.com/", "", StringComparison.Ordinal).Replace(".git", "", StringComparison.Ordinal);
        var target = InternalDeveloperPlatform.Locations(stack).OfType<Dictionary<string, object?>>().Select(l => (string)l["target"]!).Single(t => t.Contains($"/{repository}/", StringComparison.Ordinal));
        Assert.EndsWith($"/blob/main/{BackstageCatalog.AppCatalogFile}", target, StringComparison.Ordinal);

        // The workflow builds on changes to the source, itself and the first environment, not on a promotion to prod.
        File.WriteAllText(repo.Combine("deploy", "dev", "kustomization.yaml"), File.ReadAllText(repo.Combine("deploy", "dev", "kustomization.yaml")).Replace("newTag: \"0.1.0\"", "newTag: 4f2a9c1"));
        var before = Snapshot(repo.Path);
        var promote = CliRunner.Run(repo.Path, "app", "promote", "deploy", "--from", "dev", "--to", "prod");
        Assert.True(promote.ExitCode == 0, promote.ToString());
        var promotion = Changed(before, Snapshot(repo.Path));
        Assert.NotEmpty(promotion);
        Assert.All(promotion, f => Assert.StartsWith("deploy/prod/", f, StringComparison.Ordinal));
        foreach (var @event in new[] { "push", "pull_request" })
        {
            Assert.False(Triggers(workflow, @event, promotion), string.Join(", ", promotion));
            Assert.True(Triggers(workflow, @event, ["src/main.py"]));
            Assert.True(Triggers(workflow, @event, ["deploy/dev/kustomization.yaml"]));
            Assert.True(Triggers(workflow, @event, [".github/workflows/shop.yaml"]));
            Assert.True(Triggers(workflow, @event, [BackstageCatalog.AppCatalogFile, "deploy/prod/kustomization.yaml"]));
        }

        // Written at the root, the app has no environment folders to leave out: every push builds.
        using var flat = Repository();
        Assert.Equal(0, AppNewOn("l5-azure", flat.Path, ".").ExitCode);
        Assert.Null(Workflow(flat.Path)["on"]!["push"]!["paths"]);
        Assert.True(File.Exists(flat.Combine(BackstageCatalog.AppCatalogFile)));
    }
}
