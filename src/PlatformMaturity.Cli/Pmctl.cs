using System.CommandLine;
using PlatformMaturity.Cli.Commands;
using PlatformMaturity.Config;
using PlatformMaturity.Files;

namespace PlatformMaturity.Cli;

/// <summary>The pmctl command line: builds the commands and maps outcomes to exit codes.</summary>
public static class Pmctl
{
    public static RootCommand CreateRoot(CliIO io) => new("pmctl: provision and grow a Kubernetes platform level by level (1 Launchpad ... 5 AI-Ready Enterprise Platform)")
    {
        LevelsCommand.Create(io),
        DescribeCommand.Create(io),
        InitCommand.Create(io),
        StatusCommand.Create(io),
        RenderCommand.Create(io),
        GraphCommand.Create(io),
        PlanCommand.Create(io),
        UpgradeCommand.Create(io),
        TemplatesCommand.Create(io),
        AppCommand.Create(io),
        TenantCommand.Create(io),
        AssessCommand.Create(io),
        RightsizeCommand.Create(io),
        VerifyCommand.Create(io),
    };

    public static int Run(string[] args, CliIO io)
    {
        var parse = CreateRoot(io).Parse(args);
        if (parse.Errors.Count > 0)
        {
            if (UnknownCommand(parse) is { } unknown)
            {
                io.Error.WriteLine($"pmctl: {unknown}");
                io.Error.WriteLine("Run 'pmctl --help' for the commands.");
                return ExitCodes.Usage;
            }
            foreach (var error in parse.Errors)
                io.Error.WriteLine($"pmctl: {error.Message}");
            io.Error.WriteLine($"Run 'pmctl {string.Join(' ', CommandPath(parse))} --help' for usage.".Replace("  ", " "));
            return ExitCodes.Usage;
        }
        if (StrayWords(parse) is { } stray)
        {
            io.Error.WriteLine($"pmctl: {stray}");
            io.Error.WriteLine($"Run 'pmctl {string.Join(' ', CommandPath(parse))} --help' for usage.".Replace("  ", " "));
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false });
        }
        catch (UserError e)
        {
            io.Error.WriteLine($"pmctl: {e.Message}");
            return ExitCodes.UserProblem;
        }
        catch (InputException e)
        {
            io.Error.WriteLine($"pmctl: {e.Message}");
            return ExitCodes.UserProblem;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder or file the command cannot create, read or write: the user's environment, not a bug.
            io.Error.WriteLine($"pmctl: {FileErrors.Describe(e, path => Stacks.StackLocator.Relative(io, path))}");
            return ExitCodes.UserProblem;
        }
        catch (StackConfigException e)
        {
            var lines = e.ReportLines();
            io.Error.WriteLine($"pmctl: {lines[0]}");
            foreach (var line in lines.Skip(1))
                io.Error.WriteLine(line);
            return ExitCodes.UserProblem;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The last line of defence: a case no check foresaw is a bug in pmctl, but the user still gets one
            // line and exit code 1, never a stack trace or a crash (exit 134).
            io.Error.WriteLine($"pmctl: internal error ({e.GetType().Name}): {e.Message}");
            io.Error.WriteLine("This is a bug in pmctl; please report it with the command you ran. No file was changed unless said above.");
            return ExitCodes.UserProblem;
        }
    }

    /// <summary>"'statsu' is not a pmctl command; did you mean status?" when the first word names no command.</summary>
    private static string? UnknownCommand(ParseResult parse)
    {
        if (parse.CommandResult.Command is not RootCommand root || parse.UnmatchedTokens.Count == 0 || parse.Tokens.Count == 0 || parse.Tokens[0].Value.StartsWith('-'))
            return null;
        var word = parse.Tokens[0].Value;
        var commands = root.Subcommands.Select(c => c.Name).ToList();
        var hint = word.Length <= 100 && Text.DidYouMean.Closest(word, commands, maxDistance: 3) is { } closest ? $"did you mean {closest}? " : "";
        return $"'{Text.Redaction.Echo(word)}' is not a pmctl command; {hint}commands: {string.Join(", ", commands)}";
    }

    /// <summary>
    /// --version and --help end the parse without reporting words they do not use ("pmctl --version x" would exit 0):
    /// a word the user typed that nothing reads is a usage error, as it is for every other option.
    /// </summary>
    private static string? StrayWords(ParseResult parse)
    {
        if (parse.UnmatchedTokens.Count == 0)
            return null;
        var option = parse.Action is System.CommandLine.Help.HelpAction ? "--help" : "--version";
        return $"{option} takes no arguments; unexpected: {string.Join(' ', parse.UnmatchedTokens.Take(5).Select(t => $"'{Text.Redaction.Echo(t)}'"))}";
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
            names.Insert(0, result.Command.Name);
        return names;
    }
}
