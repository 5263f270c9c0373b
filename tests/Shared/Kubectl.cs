using System.Diagnostics;

namespace PlatformMaturity.Tests.Shared;

/// <summary>Runs kubectl (with its built-in kustomize) when it is on PATH.</summary>
public static class Kubectl
{
    public static bool IsAvailable { get; } = Find() is not null;

    public const string MissingReason = "kubectl is not on PATH (install it, e.g. apt-get install kubectl, to check that kustomize builds the output)";

    /// <summary>kubectl kustomize DIR: exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Output, string Error) Kustomize(string directory)
    {
        var start = new ProcessStartInfo(Find()!, ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "kubectl"))
            .FirstOrDefault(File.Exists);
}
