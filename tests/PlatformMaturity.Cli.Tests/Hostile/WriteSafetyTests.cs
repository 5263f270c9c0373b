namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>A rewrite keeps what the user had: mode, owner, links; read-only files and files pmctl cannot keep the owner of are refused.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WriteSafetyTests
{
    private static string[] Upgrade => ["upgrade", Workspace.Stack, "--to", "2", "--yes", .. Workspace.AttestAll(2)];

    [SkippableFact]
    public void An_upgrade_keeps_the_stack_files_mode_owner_and_group()
    {
        Skip.If(OperatingSystem.IsWindows() || PlatformMaturity.Files.UnixFile.EffectiveUserId != 0, "giving a file to another owner needs root (CI runs as root)");
        using var ws = new Workspace();
        File.SetUnixFileMode(ws.StackFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.True(PlatformMaturity.Files.UnixFile.TryChown(ws.StackFile, 1234, 4321));

        var result = ws.Run(Upgrade);

        Assert.True(result.ExitCode == 0, result.ToString());
        var facts = PlatformMaturity.Files.UnixFile.Stat(ws.StackFile);
        Assert.Equal((UnixFileMode.UserRead | UnixFileMode.UserWrite, 1234u, 4321u), (facts.Mode, facts.Uid, facts.Gid));
        Assert.Contains("platform:level: 2", File.ReadAllText(ws.StackFile));
    }

    [SkippableFact]
    public void An_upgrade_writes_through_a_symbolic_link_to_its_target()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var ws = new Workspace();
        Directory.CreateDirectory(ws.Combine("shared"));
        File.Move(ws.StackFile, ws.Combine("shared", "dev.yaml"));
        File.CreateSymbolicLink(ws.StackFile, Path.Combine("..", "shared", "dev.yaml"));

        var result = ws.Run(Upgrade);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Path.Combine("..", "shared", "dev.yaml"), new FileInfo(ws.StackFile).LinkTarget);
        Assert.Contains("platform:level: 2", File.ReadAllText(ws.Combine("shared", "dev.yaml")));
    }

    [SkippableFact]
    public void A_read_only_stack_file_is_refused()
    {
        Skip.If(OperatingSystem.IsWindows(), "modes are POSIX");
        using var ws = new Workspace();
        File.SetUnixFileMode(ws.StackFile, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = ws.Snapshot();

        var result = ws.Run(Upgrade);

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml: is read-only (mode 0444)", "nothing was written");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [SkippableFact]
    public void An_ordinary_user_cannot_rewrite_a_stack_file_it_does_not_own_even_in_a_folder_it_may_write()
    {
        Skip.If(OperatingSystem.IsWindows() || PlatformMaturity.Files.UnixFile.EffectiveUserId != 0,
            "needs root to run pmctl as the ordinary user 'nobody' (CI runs as root)");
        Skip.If(!File.Exists("/usr/bin/setpriv") || !OperatingSystem.IsLinux(), "setpriv (util-linux) is not installed");
        Skip.If(!CanNobodyRead(AppContext.BaseDirectory), "the built pmctl.dll is not readable by the user 'nobody' here");
        using var ws = new Workspace();
        var everyone = (UnixFileMode)Convert.ToInt32("777", 8);
        File.SetUnixFileMode(ws.Root, everyone);
        File.SetUnixFileMode(ws.Combine("stacks"), everyone);
        File.SetUnixFileMode(ws.StackFile, (UnixFileMode)Convert.ToInt32("666", 8));
        var before = ws.Snapshot();

        var result = PmctlProcess.Run(ws.Root, null, Upgrade, user: "nobody");

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml: is owned by user 0, and pmctl runs as user 65534", "nothing was written");
        HostileAssert.Unchanged(before, ws.Root);
    }

    private static bool CanNobodyRead(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if ((dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
                return false;
        }
        return true;
    }
}
