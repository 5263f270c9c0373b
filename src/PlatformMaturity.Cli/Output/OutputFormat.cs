using System.CommandLine;

namespace PlatformMaturity.Cli.Output;

/// <summary>How a command prints its result.</summary>
public enum OutputFormat
{
    Text,
    Json,
    Markdown,

    /// <summary>One self-contained HTML page (pmctl assess).</summary>
    Html,
}

/// <summary>The --output option, offering the formats a command supports.</summary>
public static class OutputOption
{
    public static Option<OutputFormat> Create(params OutputFormat[] formats)
    {
        var names = formats.Select(f => f.ToString().ToLowerInvariant()).ToArray();
        var option = new Option<OutputFormat>("--output", "-o")
        {
            Description = $"Output format: {string.Join(", ", names)} (default: text)",
            HelpName = string.Join("|", names),
            CustomParser = result =>
                Choices.Parse(result, "--output", names) is { } name ? formats[Array.IndexOf(names, name)] : OutputFormat.Text,
        };
        return option;
    }
}
