using Spectre.Console;

namespace PlatformMaturity.Cli;

/// <summary>Where a command writes (results to Out, problems to Error) and the folder it works from.</summary>
public sealed class CliIO
{
    public CliIO(TextWriter output, TextWriter error, string workingDirectory, int? width = null)
    {
        Out = output;
        Error = error;
        WorkingDirectory = workingDirectory;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ReferenceEquals(output, System.Console.Out) ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ReferenceEquals(output, System.Console.Out) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Redirected output has no terminal width; tables read better wider than Spectre's 80-column fallback.
        if (width is { } w)
            Console.Profile.Width = w;
        else if (!ReferenceEquals(output, System.Console.Out) || System.Console.IsOutputRedirected)
            Console.Profile.Width = 140;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public string WorkingDirectory { get; }

    /// <summary>Spectre.Console on <see cref="Out"/>, for tables and rules.</summary>
    public IAnsiConsole Console { get; }

    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
