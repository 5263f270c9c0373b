using Spectre.Console;

namespace PlatformMaturity.Cli;

/// <summary>Where a command writes (results to Out, problems to Error) and the folder it works from.</summary>
public sealed class CliIO
{
    public CliIO(TextWriter output, TextWriter error, string workingDirectory, int? width = null,
        TextReader? input = null, bool interactive = false, TimeProvider? clock = null, string? environmentPath = null)
    {
        Out = output;
        Error = error is Output.RedactingWriter ? error : new Output.RedactingWriter(error);
        WorkingDirectory = workingDirectory;
        In = input ?? TextReader.Null;
        Interactive = interactive;
        Clock = clock ?? TimeProvider.System;
        EnvironmentPath = environmentPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
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

    /// <summary>Where confirmations are read from.</summary>
    public TextReader In { get; }

    /// <summary>Whether a person can answer a prompt (stdin is a terminal).</summary>
    public bool Interactive { get; }

    public TimeProvider Clock { get; }

    /// <summary>The PATH used to find external tools (pulumi).</summary>
    public string EnvironmentPath { get; }

    /// <summary>Spectre.Console on <see cref="Out"/>, for tables and rules.</summary>
    public IAnsiConsole Console { get; }

    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
