using System.Diagnostics;

namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>
/// Runs the built pmctl.dll as a real process, as a user's shell would: under a GC heap hard limit (so a memory
/// bomb fails the same way on every machine) and a timeout (so a hang fails the test instead of blocking it).
/// </summary>
public static class PmctlProcess
{
    /// <summary>The heap pmctl may use in these cases. A real command needs a few tens of MB.</summary>
    public const long HeapLimitBytes = 256L * 1024 * 1024;

    /// <summary>How long one case may take; far above the ~0.3 s a real command takes, far below a hang.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static string Dll => Path.Combine(AppContext.BaseDirectory, "pmctl.dll");

    public static ProcessResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    /// <summary>Runs pmctl; <paramref name="user"/> (e.g. "nobody") runs it as that user through setpriv.</summary>
    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string[] args, string? user = null)
    {
        var info = new ProcessStartInfo
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (user is not null)
        {
            info.FileName = "setpriv";
            foreach (var a in new[] { "--reuid", user, "--regid", "nogroup", "--clear-groups", "--", DotnetHost })
                info.ArgumentList.Add(a);
        }
        else
        {
            info.FileName = DotnetHost;
        }
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_GCHeapHardLimit"] = $"0x{HeapLimitBytes:X}";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        // Nothing on PATH but what a case puts there: pmctl must not find the machine's own pulumi.
        info.Environment["PATH"] = "/nonexistent";
        if (user is not null)
            info.Environment["HOME"] = workingDirectory;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"pmctl {string.Join(' ', args)} did not end within {Timeout.TotalSeconds} s (a hang)");
        }
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }

    /// <summary>The dotnet host running these tests, so the CLI runs on the same runtime.</summary>
    private static string DotnetHost { get; } = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet"
        ? host
        : "dotnet";
}

/// <summary>What a pmctl process printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string Out, string Error, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\nstdout:\n{Tail(Out)}\nstderr:\n{Tail(Error)}";

    private static string Tail(string text) => text.Length > 4000 ? text[..4000] + "…" : text;
}
