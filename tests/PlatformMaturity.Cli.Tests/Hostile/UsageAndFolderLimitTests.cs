using PlatformMaturity.Files;

namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>--version and --help take no words; a word nothing reads is a usage error (exit 2), never a silent 0.</summary>
public sealed class StrayWordTests
{
    [Theory]
    [InlineData(new[] { "--version", "x" }, "--version takes no arguments; unexpected: 'x'")]
    [InlineData(new[] { "--help", "x" }, "--help takes no arguments; unexpected: 'x'")]
    [InlineData(new[] { "status", "s", "--help", "extra" }, "--help takes no arguments; unexpected: 'extra'")]
    public void A_word_after_version_or_help_is_a_usage_error(string[] args, string message)
    {
        using var ws = new Workspace();

        var result = ws.Run(args);

        HostileAssert.Refused(result, 2, message);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Version_alone_still_prints_the_version()
    {
        using var ws = new Workspace();

        var result = ws.Run("--version");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Out);
    }
}

/// <summary>A templates folder of thousands of files or many megabytes is refused by a named limit, quickly.</summary>
public sealed class TemplateFolderLimitTests
{
    [Fact]
    public void A_templates_folder_with_too_many_files_is_refused_by_its_limit()
    {
        using var ws = new Workspace();
        var templates = ws.CopyTemplates();
        var junk = Path.Combine(templates, "worker", "junk");
        Directory.CreateDirectory(junk);
        for (var i = 0; i < InputLimits.TemplateFolderEntries; i++)
            File.WriteAllText(Path.Combine(junk, $"{i}.txt"), "");
        var before = ws.Snapshot();

        var result = ws.Run("app", "new", "jobs", "--template", "worker", "--stack", Workspace.Stack, "--out", "app", "--template-dir", templates);

        HostileAssert.Refused(result, 1, "templates-copy", "holds more than 2,000 files and folders, the limit for a templates folder", "Nothing was written");
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20), result.ToString());
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void A_templates_folder_over_its_total_size_is_refused_by_its_limit()
    {
        using var ws = new Workspace();
        var templates = ws.CopyTemplates();
        // Each template is within the per-file limit; together they are over the folder's.
        var body = new string('x', (int)InputLimits.TemplateFileBytes - 1024);
        for (var i = 0; i <= InputLimits.TemplateFolderBytes / body.Length; i++)
            File.WriteAllText(Path.Combine(templates, "worker", $"big{i:D3}.txt.sbn"), body);
        var before = ws.Snapshot();

        var result = ws.Run("templates", "--template-dir", templates);

        HostileAssert.Refused(result, 1, "templates-copy", "add up to more than 16 MiB, the limit for a templates folder");
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20), result.ToString());
        HostileAssert.Unchanged(before, ws.Root);
    }
}

/// <summary>
/// A file or folder pmctl may not use is named with what was wrong and what to do, never in .NET's words
/// ("Access to the path '…/.Pulumi.t.yaml.3f….pmctl-tmp' is denied.").
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PermissionMessageTests
{
    private static void SkipUnlessRootWithSetpriv()
    {
        Skip.If(OperatingSystem.IsWindows() || UnixFile.EffectiveUserId != 0, "needs root to run pmctl as the ordinary user 'nobody' (CI runs as root)");
        Skip.If(!File.Exists("/usr/bin/setpriv") || !OperatingSystem.IsLinux(), "setpriv (util-linux) is not installed");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            Skip.If((dir.UnixFileMode & UnixFileMode.OtherExecute) == 0, "the built pmctl.dll is not readable by the user 'nobody' here");
    }

    private static Workspace OpenToEveryone()
    {
        var ws = new Workspace();
        File.SetUnixFileMode(ws.Root, (UnixFileMode)Convert.ToInt32("777", 8));
        return ws;
    }

    [SkippableFact]
    public void An_unreadable_stack_file_is_named_with_its_mode_and_what_to_do()
    {
        SkipUnlessRootWithSetpriv();
        using var ws = OpenToEveryone();
        File.SetUnixFileMode(ws.StackFile, 0);
        var before = ws.Snapshot();

        var result = PmctlProcess.Run(ws.Root, null, ["status", Workspace.Stack], user: "nobody");

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", "the stack file cannot be read: permission denied for user 65534 (mode 0000, owner 0:0)", "chmod u+r");
        Assert.DoesNotContain("Access to the path", result.Error);
        HostileAssert.Unchanged(before, ws.Root);
    }

    [SkippableFact]
    public void Init_into_a_folder_it_may_not_write_names_the_stack_file_not_a_temporary_one()
    {
        SkipUnlessRootWithSetpriv();
        using var ws = OpenToEveryone();
        var before = ws.Snapshot();

        var result = PmctlProcess.Run(ws.Root, null, ["init", "t", "--level", "1", "--target", "existing"], user: "nobody");

        HostileAssert.Refused(result, 1, "stacks/Pulumi.t.yaml: cannot be created: the folder stacks does not let user 65534 create files in it (mode 0755, owner 0:0)", "chmod u+w");
        Assert.DoesNotContain("pmctl-tmp", result.Error);
        HostileAssert.Unchanged(before, ws.Root);
    }

    [SkippableFact]
    public void Render_into_a_read_only_folder_names_the_output_folder()
    {
        SkipUnlessRootWithSetpriv();
        using var ws = OpenToEveryone();
        Directory.CreateDirectory(ws.Combine("ro"));
        File.SetUnixFileMode(ws.Combine("ro"), (UnixFileMode)Convert.ToInt32("555", 8));
        var before = ws.Snapshot();

        var result = PmctlProcess.Run(ws.Root, null, ["render", Workspace.Stack, "--out", "ro/out"], user: "nobody");

        HostileAssert.Refused(result, 1, "ro/out: cannot be created: the folder ro does not let user 65534 create files in it (mode 0555");
        Assert.DoesNotContain(".staging", result.Error);
        HostileAssert.Unchanged(before, ws.Root);
    }

    [SkippableFact]
    public void Render_into_a_kernel_file_system_says_the_folder_cannot_hold_files()
    {
        Skip.If(!OperatingSystem.IsLinux(), "/proc is Linux's");
        using var ws = new Workspace();
        var before = ws.Snapshot();

        var result = ws.Run("render", Workspace.Stack, "--out", "/proc/pmctl-out");

        HostileAssert.Refused(result, 1, "/proc/pmctl-out:", "choose another path");
        Assert.DoesNotContain("Could not find file", result.Error);
        HostileAssert.Unchanged(before, ws.Root);
    }
}
