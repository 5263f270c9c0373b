using System.CommandLine;

namespace PlatformMaturity.Cli.Output;

/// <summary>How a command prints its result.</summary>
public enum OutputFormat
{
    Text,
    Json,
    Markdown,
}

/// <summary>The --output option, offering the formats a command supports.</summary>
public static class OutputOption
{
    public static Option<OutputFormat> Create(params OutputFormat[] formats)
    {
        var names = formats.Select(f => f.ToString().ToLowerInvariant()).ToArray();
        var option = new Option<OutputFormat>("--output", "-o")
        {
            Description = $"Output format: {string.Join(", ", names)}",
            DefaultValueFactory = _ => OutputFormat.Text,
            HelpName = string.Join("|", names),
            CustomParser = result =>
            {
                var token = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
                var index = Array.IndexOf(names, token.ToLowerInvariant());
                if (index >= 0)
                    return formats[index];
                result.AddError($"'{token}' is not an output format; allowed: {string.Join(", ", names)}");
                return OutputFormat.Text;
            },
        };
        return option;
    }
}
