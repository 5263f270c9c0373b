namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>render and app new replace only what pmctl wrote, accept any spelling of a path, never write into .git, and clean up after a killed run.</summary>
public sealed class FolderWriteTests
{
    [Fact]
    public void Render_accepts_a_trailing_slash_and_leaves_no_debris()
    {
        using var ws = new Workspace();

        var first = ws.Run("render", Workspace.Stack, "--out", "out/l1/");
        var second = ws.Run("render", Workspace.Stack, "--out", "out/l1");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(["l1"], Directory.EnumerateFileSystemEntries(ws.Combine("out")).Select(Path.GetFileName));
    }

    [Fact]
    public void Render_refuses_to_replace_a_folder_holding_files_it_did_not_write()
    {
        using var ws = new Workspace();
        Assert.Equal(0, ws.Run("render", Workspace.Stack, "--out", "out").ExitCode);
        File.WriteAllText(ws.Combine("out", "NOTES.md"), "mine\n");
        Directory.CreateDirectory(ws.Combine("out", ".git"));
        File.WriteAllText(ws.Combine("out", ".git", "config"), "[core]\n");
        var before = ws.Snapshot();

        var result = ws.Run("render", Workspace.Stack, "--out", "out");

        HostileAssert.Refused(result, 1, "--out out holds 2 files pmctl render did not write (.git/config, NOTES.md)", "nothing was written");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void Render_never_writes_into_a_git_folder()
    {
        using var ws = new Workspace();
        Directory.CreateDirectory(ws.Combine("repo", ".git"));
        var before = ws.Snapshot();

        var result = ws.Run("render", Workspace.Stack, "--out", "repo/.git/hooks");

        HostileAssert.Refused(result, 1, "is inside a .git folder");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void Debris_of_a_killed_render_is_cleaned_up_by_the_next_one_with_a_note()
    {
        using var ws = new Workspace();
        Assert.Equal(0, ws.Run("render", Workspace.Stack, "--out", "out").ExitCode);
        // What a render killed between its two renames leaves: the old tree moved aside, a half-written staging folder.
        Directory.Move(ws.Combine("out"), ws.Combine(".out.999999.0123.previous"));
        Directory.CreateDirectory(ws.Combine(".out.999999.4567.staging"));

        var result = ws.Run("render", Workspace.Stack, "--out", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("an interrupted render had moved it aside", result.Error);
        Assert.Contains("removed .out.999999.4567.staging", result.Error);
        Assert.Equal(["out", "stacks"], Directory.EnumerateFileSystemEntries(ws.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void App_new_never_writes_into_a_git_folder()
    {
        using var ws = new Workspace();
        Directory.CreateDirectory(ws.Combine("repo", ".git"));
        var before = ws.Snapshot();

        var result = ws.Run("app", "new", "shop", "--template", "web-service", "--stack", Workspace.Stack, "--out", "repo/.git/");

        HostileAssert.Refused(result, 1, "is inside a .git folder", "Nothing was written");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void App_new_says_when_it_uses_the_templates_of_an_ancestor_project()
    {
        using var ws = new Workspace();
        File.WriteAllText(ws.Combine("Pulumi.yaml"), "name: platform\nruntime: dotnet\nstackConfigDir: stacks\n");
        Directory.Move(ws.CopyTemplates(), ws.Combine("templates"));

        var result = ws.Run("app", "new", "shop", "--template", "web-service", "--stack", Workspace.Stack, "--out", "app");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("note: using the golden paths in templates (beside Pulumi.yaml); pass --template-dir to choose others", result.Error);
    }

    [Fact]
    public void Debris_of_a_killed_app_new_is_cleaned_up_by_the_next_one_with_a_note()
    {
        using var ws = new Workspace();
        string[] appNew = ["app", "new", "shop", "--template", "web-service", "--stack", Workspace.Stack, "--out", "app"];
        Assert.Equal(0, ws.Run(appNew).ExitCode);
        var written = ws.Snapshot();
        var file = Directory.EnumerateFiles(ws.Combine("app"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        // What a kill between "move aside" and "move into place" leaves (pid 999999 runs nowhere), plus a staged copy.
        var backup = Path.Combine(Path.GetDirectoryName(file)!, $".{Path.GetFileName(file)}.999999.0123.pmctl-bak");
        File.Move(file, backup);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(file)!, $".{Path.GetFileName(file)}.999999.4567.pmctl-tmp"), "half");

        var result = ws.Run(appNew);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("was put back from", result.Error);
        Assert.Contains(".pmctl-tmp, left by an interrupted pmctl app new", result.Error);
        Assert.Equal(written, ws.Snapshot());
    }
}
