using System.Diagnostics;

namespace PlatformMaturity.Tests.Shared;

/// <summary>Runs Prometheus' promtool (Debian package prometheus) when it is on PATH.</summary>
public static class Promtool
{
    public static bool IsAvailable { get; } = Find() is not null;

    public const string MissingReason = "promtool is not on PATH (install it, e.g. apt-get install prometheus, to check the PromQL of alert and recording rules)";

    /// <summary>promtool check rules FILE...: exit code and combined output.</summary>
    public static (int ExitCode, string Output) CheckRules(IEnumerable<string> files)
    {
        var start = new ProcessStartInfo(Find()!, ["check", "rules", .. files])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    /// <summary>promtool test rules FILE: runs a unit-test file (input series, expected rule results); exit code and combined output.</summary>
    public static (int ExitCode, string Output) TestRules(string file)
    {
        var start = new ProcessStartInfo(Find()!, ["test", "rules", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(file)!,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "promtool"))
            .FirstOrDefault(File.Exists);
}
