using System.Text.Json.Nodes;

namespace PlatformMaturity.Cli.Tests;

/// <summary>Runs pmctl in-process, as a user would from a folder, capturing stdout, stderr and the exit code.</summary>
public static class CliRunner
{
    /// <summary>The clock runs use: upgrades record attestation times from it.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    public static CliResult Run(string workingDirectory, params string[] args) => RunWith(workingDirectory, null, args);

    /// <summary>Runs with a person at the terminal answering <paramref name="answer"/> (null: not interactive), and PATH for external tools.</summary>
    public static CliResult RunWith(string workingDirectory, string? answer, string[] args, string? path = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var io = new CliIO(output, error, workingDirectory, width: 200,
            input: new StringReader(answer ?? ""), interactive: answer is not null, clock: new FixedClock(Now), environmentPath: path ?? "");
        var exit = Pmctl.Run(args, io);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>What a pmctl run printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonNode Json => JsonNode.Parse(Out) ?? throw new InvalidOperationException("no JSON on stdout");

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
