using System.ComponentModel;
using System.Diagnostics;
using PlatformMaturity.Files;

namespace PlatformMaturity.Cli.Stacks;

/// <summary>Runs the pulumi CLI for a stack (preview, then up), streaming its output; or says how to when it is missing.</summary>
internal static class PulumiRunner
{
    /// <summary>The pulumi CLI and project folder, found before anything is written; a <see cref="UserError"/> (exit 1, nothing written) when either is missing.</summary>
    public static (string Pulumi, string Project) Locate(CliIO io, string stack, string stacksDirectory)
    {
        var (pulumi, unusable) = Find(io.EnvironmentPath);
        var project = ProjectDirectory(stacksDirectory);
        if (pulumi is not null && project is not null)
            return (pulumi, project);
        var why = pulumi is null
            ? unusable is null ? "the pulumi CLI is not on PATH" : $"{unusable.Value.Path} on PATH is {unusable.Value.Why}, so it cannot run"
            : $"no Pulumi.yaml above {stacksDirectory}";
        throw new UserError($"--apply needs pulumi, but {why}; nothing was written. Upgrade without --apply and run: pulumi preview --stack {stack} && pulumi up --stack {stack}");
    }

    /// <summary>Runs preview then up; a failure after the stack file was written is exit code 3, not 1 (1 means nothing changed).</summary>
    public static int PreviewAndUp(CliIO io, string stack, (string Pulumi, string Project) where)
    {
        foreach (var args in new[] { new[] { "preview", "--stack", stack }, ["up", "--stack", stack, "--yes", "--skip-preview"] })
        {
            io.Out.WriteLine($"$ pulumi {string.Join(' ', args)}");
            int exit;
            try
            {
                exit = Run(io, where.Pulumi, where.Project, args);
            }
            catch (Win32Exception e)
            {
                io.Error.WriteLine($"pmctl: {where.Pulumi} could not be started ({e.Message}); the stack file already holds the new level — run pulumi up --stack {stack}");
                return ExitCodes.WrittenNotApplied;
            }
            if (exit != 0)
            {
                io.Error.WriteLine($"pmctl: pulumi {args[0]} failed with exit code {exit}; the stack file already holds the new level — fix the cause and run pulumi up --stack {stack}");
                return ExitCodes.WrittenNotApplied;
            }
        }
        return ExitCodes.Ok;
    }

    private static int Run(CliIO io, string pulumi, string directory, string[] args)
    {
        var start = new ProcessStartInfo(pulumi, args)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (io.Out) io.Out.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (io.Error) io.Error.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>The first executable regular file named pulumi on PATH, as a shell would pick it; else the first unusable one, to say why.</summary>
    private static (string? Pulumi, (string Path, string Why)? Unusable) Find(string path)
    {
        (string, string)? unusable = null;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "pulumi.exe" : "pulumi");
            var facts = UnixFile.Stat(candidate);
            if (facts.Kind == FileKind.Missing)
                continue;
            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if (facts.Kind != FileKind.Regular)
                unusable ??= (candidate, UnixFile.Describe(facts.Kind));
            else if (!OperatingSystem.IsWindows() && (facts.Mode & anyExecute) == 0)
                unusable ??= (candidate, "not executable");
            else
                return (candidate, null);
        }
        return (null, unusable);
    }

    private static string? ProjectDirectory(string stacksDirectory)
    {
        for (var dir = new DirectoryInfo(stacksDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
                return dir.FullName;
        }
        return null;
    }
}
