using System.Security.Cryptography;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests;

/// <summary>`pmctl app promote` on folders `pmctl app new` wrote: one per environment of an app.</summary>
public sealed class AppPromoteTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /// <summary>An app repository with dev and prod folders, both from the Level 4 azure example stack; dev built by CI (tag, digest, commit annotations).</summary>
    private static TempDirectory App()
    {
        var dir = new TempDirectory();
        foreach (var environment in new[] { "dev", "prod" })
        {
            var result = CliRunner.Run(dir.Path, "app", "new", "shop", "--template", "web-service", "--stack", "l4-azure", "--team", "team-a",
                "--out", $"deploy/{environment}", "--stacks-dir", TestPaths.Stacks,
                "--set", "image=acr.azurecr.io/shop", "--set", "cost-center=cc-1", "--set", "repository=acme/shop");
            Assert.True(result.ExitCode == 0, result.ToString());
        }
        // What the CI workflow's kustomize edit leaves in dev after a build (set image with a digest, add annotation).
        var dev = dir.Combine("deploy", "dev", "kustomization.yaml");
        var text = File.ReadAllText(dev);
        Assert.Contains("newTag: \"0.1.0\"", text);
        File.WriteAllText(dev, text.Replace("newTag: \"0.1.0\"", $"newTag: 4f2a9c1\n    digest: {Digest}") +
            $"commonAnnotations:\n  {DoraContract.CommitShaAnnotation}: 4f2a9c1\n  {DoraContract.CommitTimeAnnotation}: \"2026-12-01T10:00:00+01:00\"\n");
        return dir;
    }

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public void Promotion_copies_the_exact_image_and_commit_into_the_next_environment_and_changes_nothing_else()
    {
        using var dir = App();
        var prod = dir.Combine("deploy", "prod", "kustomization.yaml");
        // A person's comments in prod's file stay where they are.
        File.WriteAllText(prod, "# reviewed by the release team\n" + File.ReadAllText(prod).Replace("newTag: \"0.1.0\"", "newTag: \"0.1.0\" # first release"));
        var before = Snapshot(dir.Path);

        var result = CliRunner.Run(dir.Path, "app", "promote", "deploy", "--from", "dev", "--to", "prod");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"acr.azurecr.io/shop:0.1.0 -> acr.azurecr.io/shop:4f2a9c1@{Digest}", result.Out);
        Assert.Matches(@"(?m)^-\d+ +newTag: ""0\.1\.0"" # first release$", result.Out);
        Assert.Matches($@"(?m)^\+\d+ +digest: ""{Digest}""$", result.Out);
        var after = Snapshot(dir.Path);
        var changed = after.Where(f => before.GetValueOrDefault(f.Key) != f.Value).Select(f => f.Key).ToList();
        Assert.Equal([Path.Combine("deploy", "prod", "kustomization.yaml")], changed);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());

        var text = File.ReadAllText(prod);
        Assert.StartsWith("# reviewed by the release team\n# shop: golden path web-service", text);
        Assert.Contains("newTag: \"4f2a9c1\" # first release", text);
        var image = YamlDocuments.ParseSingle(text)!["images"]![0]!;
        Assert.Equal("4f2a9c1", image["newTag"]!.GetValue<string>());
        Assert.Equal(Digest, image["digest"]!.GetValue<string>());
        var annotations = YamlDocuments.ParseSingle(text)!["commonAnnotations"]!;
        Assert.Equal("4f2a9c1", annotations[DoraContract.CommitShaAnnotation]!.GetValue<string>());
        Assert.Equal("2026-12-01T10:00:00+01:00", annotations[DoraContract.CommitTimeAnnotation]!.GetValue<string>());

        // The same promotion again has nothing to do, and says so.
        var again = CliRunner.Run(dir.Path, "app", "promote", "deploy", "--from", "dev", "--to", "prod");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"deploy/prod already runs acr.azurecr.io/shop:4f2a9c1@{Digest}", again.Error);
    }

    [Fact]
    public void Promoting_back_a_tag_only_image_removes_the_digest_and_commit_the_target_no_longer_runs()
    {
        using var dir = App();
        Assert.Equal(0, CliRunner.Run(dir.Path, "app", "promote", "deploy", "--from", "dev", "--to", "prod").ExitCode);
        // Roll dev back to what prod ran first (the tag pmctl app new wrote, no CI annotations): promote it again.
        File.WriteAllText(dir.Combine("deploy", "dev", "kustomization.yaml"), File.ReadAllText(dir.Combine("deploy", "prod", "kustomization.yaml"))
            .Replace($"newTag: \"4f2a9c1\"\n    digest: \"{Digest}\"", "newTag: \"0.1.0\"")
            .Replace($"commonAnnotations:\n  {DoraContract.CommitShaAnnotation}: \"4f2a9c1\"\n  {DoraContract.CommitTimeAnnotation}: \"2026-12-01T10:00:00+01:00\"\n", ""));

        var result = CliRunner.Run(dir.Path, "app", "promote", "deploy", "--from", "dev", "--to", "prod");

        Assert.True(result.ExitCode == 0, result.ToString());
        var prod = YamlDocuments.ParseSingle(File.ReadAllText(dir.Combine("deploy", "prod", "kustomization.yaml")))!;
        Assert.Equal("0.1.0", prod["images"]![0]!["newTag"]!.GetValue<string>());
        Assert.Null(prod["images"]![0]!["digest"]);
        Assert.Null(prod["commonAnnotations"]);
    }

    [Fact]
    public void Dry_run_shows_the_change_and_writes_nothing()
    {
        using var dir = App();
        var before = Snapshot(dir.Path);
        var result = CliRunner.Run(dir.Path, "app", "promote", "deploy", "--from", "dev", "--to", "prod", "--dry-run");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("-> acr.azurecr.io/shop:4f2a9c1@", result.Out);
        Assert.Contains("Dry run: nothing was written.", result.Out);
        Assert.Equal(before, Snapshot(dir.Path));
    }

    public static TheoryData<string, string, string, string> Refusals => new()
    {
        { "unknown environment", "qa", "", "--to qa: no environment 'qa' in deploy; environments: dev, prod" },
        { "same environment", "dev", "", "--from and --to are both 'dev'" },
        { "path instead of a name", "../dev", "", "--to '../dev' is not an environment name" },
        { "not written by pmctl", "staging", "mkdir", "deploy/staging was not written by pmctl app new (it has no .pmctl-app record)" },
        { "edited into broken YAML", "prod", "images:\n  - name: [unclosed\n", "deploy/prod/kustomization.yaml: line " },
        { "images edited into flow style", "prod", "resources: [rollout.yaml]\nimages: [{name: acr.azurecr.io/shop, newTag: x}]\n", "images: is not a block list of image entries" },
        { "another image", "prod", "images:\n  - name: other.azurecr.io/shop\n    newTag: \"1\"\n", "promotion copies a reference, not an image" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Refusals_say_why_and_leave_the_folder_byte_identical(string why, string to, string change, string message)
    {
        using var dir = App();
        if (change == "mkdir")
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(dir.Combine("deploy", to)).FullName, "kustomization.yaml"), "resources: []\n");
        else if (change.Length > 0)
            File.WriteAllText(dir.Combine("deploy", to, "kustomization.yaml"), change);
        var before = Snapshot(dir.Path);

        var result = CliRunner.Run(dir.Path, "app", "promote", "deploy", "--from", "dev", "--to", to);

        Assert.True(result.ExitCode == 1, $"{why}: {result}");
        Assert.Contains(message, result.Error);
        Assert.Contains("nothing was written", result.Error);
        Assert.Equal(before, Snapshot(dir.Path));
    }
}
