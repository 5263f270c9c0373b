using System.Diagnostics;

namespace PlatformMaturity.Cli.Stacks;

/// <summary>Runs the pulumi CLI for a stack (preview, then up), streaming its output; or says how to when it is missing.</summary>
internal static class PulumiRunner
{
    public static int PreviewAndUp(CliIO io, string stack, string stacksDirectory)
    {
        var pulumi = Find(io.EnvironmentPath);
        var project = ProjectDirectory(stacksDirectory);
        if (pulumi is null || project is null)
        {
            var why = pulumi is null ? "the pulumi CLI is not on PATH" : $"no Pulumi.yaml above {stacksDirectory}";
            // The stack file holds the change, but what --apply asked for did not happen: say so in the exit code.
            throw new UserError($"the stack file was written but not applied: {why}. Apply it with: pulumi preview --stack {stack} && pulumi up --stack {stack}");
        }
        foreach (var args in new[] { new[] { "preview", "--stack", stack }, ["up", "--stack", stack, "--yes", "--skip-preview"] })
        {
            io.Out.WriteLine($"$ pulumi {string.Join(' ', args)}");
            var exit = Run(io, pulumi, project, args);
            if (exit != 0)
                throw new UserError($"pulumi {args[0]} failed with exit code {exit}; the stack file already holds the new level — fix the cause and run pulumi up --stack {stack}");
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

    private static string? Find(string path) =>
        path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "pulumi.exe" : "pulumi"))
            .FirstOrDefault(File.Exists);

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
