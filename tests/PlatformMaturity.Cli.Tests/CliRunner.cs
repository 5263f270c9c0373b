using System.Text.Json.Nodes;

namespace PlatformMaturity.Cli.Tests;

/// <summary>Runs pmctl in-process, as a user would from a folder, capturing stdout, stderr and the exit code.</summary>
public static class CliRunner
{
    public static CliResult Run(string workingDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Pmctl.Run(args, new CliIO(output, error, workingDirectory, width: 200));
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}

/// <summary>What a pmctl run printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonNode Json => JsonNode.Parse(Out) ?? throw new InvalidOperationException("no JSON on stdout");

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
