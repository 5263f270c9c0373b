using System.Diagnostics;

namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>Paths that are not regular files (FIFOs, devices, dangling links) are named for what they are, never read or waited on.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NotRegularFileTests
{
    internal static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [SkippableFact]
    public void A_fifo_as_stack_file_is_refused_without_waiting_for_a_writer()
    {
        Skip.If(OperatingSystem.IsWindows(), "FIFOs are POSIX");
        using var ws = new Workspace();
        File.Delete(ws.StackFile);
        MakeFifo(ws.StackFile);
        var before = ws.Snapshot();

        var result = ws.Run("status", Workspace.Stack);

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", "is a FIFO (named pipe), not a regular file");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [SkippableFact]
    public void A_symbolic_link_to_dev_zero_as_stack_file_is_refused()
    {
        Skip.If(OperatingSystem.IsWindows(), "/dev/zero is POSIX");
        using var ws = new Workspace();
        File.Delete(ws.StackFile);
        File.CreateSymbolicLink(ws.StackFile, "/dev/zero");
        var before = ws.Snapshot();

        var result = ws.Run("render", Workspace.Stack, "--out", "out");

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", "a symbolic link to /dev/zero, which is a character device");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void A_symbolic_link_to_a_regular_stack_file_is_read()
    {
        using var ws = new Workspace();
        File.Move(ws.StackFile, ws.Combine("real.yaml"));
        File.CreateSymbolicLink(ws.StackFile, ws.Combine("real.yaml"));

        var result = ws.Run("status", Workspace.Stack);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [SkippableFact]
    public void A_fifo_as_lock_file_is_refused_and_the_stack_is_unchanged()
    {
        Skip.If(OperatingSystem.IsWindows(), "FIFOs are POSIX");
        using var ws = new Workspace();
        MakeFifo(ws.Combine("stacks", ".Pulumi.s.yaml.lock"));
        var before = ws.Snapshot();

        var result = ws.Run(["upgrade", Workspace.Stack, "--to", "2", "--yes", .. Workspace.AttestAll(2)]);

        HostileAssert.Refused(result, 1, "Pulumi.s.yaml cannot be locked", ".Pulumi.s.yaml.lock is a FIFO (named pipe)");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [SkippableFact]
    public void A_fifo_as_Pulumi_yaml_is_refused()
    {
        Skip.If(OperatingSystem.IsWindows(), "FIFOs are POSIX");
        using var ws = new Workspace();
        MakeFifo(ws.Combine("Pulumi.yaml"));
        var before = ws.Snapshot();

        var result = ws.Run("status", Workspace.Stack);

        HostileAssert.Refused(result, 1, "Pulumi.yaml: is a FIFO (named pipe)");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [SkippableFact]
    public void A_fifo_as_golden_path_template_is_refused()
    {
        Skip.If(OperatingSystem.IsWindows(), "FIFOs are POSIX");
        using var ws = new Workspace();
        var templates = ws.CopyTemplates();
        MakeFifo(Path.Combine(templates, "worker", "extra.yaml.sbn"));
        var before = ws.Snapshot();

        var result = ws.Run("templates", "--template-dir", templates);

        HostileAssert.Refused(result, 1, "worker/extra.yaml.sbn: is a FIFO (named pipe)");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [SkippableFact]
    public void A_pulumi_on_PATH_that_is_not_executable_is_named_and_nothing_is_written()
    {
        Skip.If(OperatingSystem.IsWindows(), "execute bits are POSIX");
        using var ws = new Workspace("l2-existing");
        File.WriteAllText(ws.Combine("Pulumi.yaml"), "name: platform\nruntime: dotnet\nstackConfigDir: stacks\n");
        ws.WriteStack(File.ReadAllText(ws.StackFile).Replace("platform:staged: []", "platform:staged: [network-default-deny]"));
        Directory.CreateDirectory(ws.Combine("bin"));
        File.WriteAllText(ws.Combine("bin", "pulumi"), "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(ws.Combine("bin", "pulumi"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var before = ws.Snapshot();

        var result = PmctlProcess.Run(ws.Root, new Dictionary<string, string> { ["PATH"] = ws.Combine("bin") },
            ["upgrade", Workspace.Stack, "--promote", "--yes", "--apply"]);

        HostileAssert.Refused(result, 1, "bin/pulumi on PATH is not executable", "nothing was written");
        HostileAssert.Unchanged(before, ws.Root);
    }
}
