using System.CommandLine;
using PlatformMaturity.Cli.Output;
using PlatformMaturity.Cli.Templates;
using PlatformMaturity.GoldenPaths;
using PlatformMaturity.GoldenPaths.Parameters;
using PlatformMaturity.Model;
using Spectre.Console;

namespace PlatformMaturity.Cli.Commands;

/// <summary>`pmctl templates`: the golden paths, the level each needs, and their parameters.</summary>
internal static class TemplatesCommand
{
    public static Command Create(CliIO io)
    {
        var output = OutputOption.Create(OutputFormat.Text, OutputFormat.Json);
        var templateDir = TemplateLocator.Option();
        var command = new Command("templates", "List the golden paths (pmctl app new --template <name>) with their minimum level and parameters")
        {
            output, templateDir,
        };
        command.SetAction(parse =>
        {
            var catalog = TemplateLocator.Load(io, parse.GetValue(templateDir));
            var views = catalog.GoldenPaths.Select(GoldenPathView.Of).ToList();
            if (parse.GetValue(output) == OutputFormat.Json)
                Json.Write(io.Out, views);
            else
                WriteText(io, views);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(CliIO io, IReadOnlyList<GoldenPathView> views)
    {
        var table = new Table().AddColumn(new TableColumn("Golden path").NoWrap()).AddColumn(new TableColumn("From level").RightAligned()).AddColumn("Description");
        foreach (var view in views)
            table.AddRow(Markup.Escape(view.Name), view.MinimumLevel.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(view.Description));
        io.Console.Write(table);
        foreach (var view in views)
        {
            io.Out.WriteLine();
            io.Out.WriteLine($"{view.Name} (from Level {view.MinimumLevel})");
            if (view.BelowMinimum is { } below)
                io.Out.WriteLine($"  refused below Level {view.MinimumLevel}: {Reason(below)}");
            foreach (var requirement in view.Requires ?? [])
                io.Out.WriteLine($"  needs {(requirement.Practice is { } practice ? $"the practice {practice}" : $"the API group {requirement.ApiGroup}")} on the platform, for {requirement.For}");
            foreach (var p in view.Parameters)
            {
                var facts = new List<string> { p.Type };
                if (p.Allowed is { Count: > 0 })
                    facts.Add(string.Join("|", p.Allowed));
                if (p.Min is not null)
                    facts.Add($"{p.Min}..{p.Max}");
                if (p.Default is not null)
                    facts.Add($"default {(p.Default.Length == 0 ? "empty" : p.Default)}");
                if (p.Required)
                    facts.Add("required");
                if (p.RequiredWhen is { Count: > 0 } practices)
                    facts.Add($"required where the platform provides {string.Join(" or ", practices)}");
                io.Out.WriteLine($"  --set {p.Name}=<{string.Join("; ", facts)}>  {p.Description}");
            }
        }
        io.Out.WriteLine();
        io.Out.WriteLine("Scaffold an app: pmctl app new <name> --template <golden-path> --stack <stack> --team <tenant> --out <dir> [--set key=value]...");
        io.Out.WriteLine($"Golden paths are the platform's standard from Level {MaturityModel.Default.Levels.First(l => l.Practices.Any(p => p.Name == "Golden Paths")).Number} (the Golden Paths practice); below it they are a starting point.");
    }

    /// <summary>Why lower levels are refused, as a sentence: the seed's level, what that section of it says, and its exact words.</summary>
    private static string Reason(SeedQuoteView quote)
    {
        var level = MaturityModel.Default.Level(quote.Level);
        var says = quote.Section switch
        {
            "dont" => "says don't",
            "benefits" => "has the benefit",
            "forWhom" => "is for",
            _ => "says",
        };
        return $"the seed's Level {level.Number} ({level.Name}) {says}: \"{quote.Text}\"";
    }

    /// <summary>A golden path as `pmctl templates` shows it.</summary>
    internal sealed record GoldenPathView(string Name, string Description, int MinimumLevel, SeedQuoteView? BelowMinimum,
        IReadOnlyList<PlatformRequirementView>? Requires, IReadOnlyList<ParameterView> Parameters)
    {
        public static GoldenPathView Of(GoldenPath goldenPath)
        {
            var m = goldenPath.Manifest;
            return new GoldenPathView(
                m.Name, m.Description, m.MinimumLevel,
                m.BelowMinimum is { } q ? new SeedQuoteView(q.Level, q.Section, q.Text) : null,
                m.Requires.IsEmpty ? null : [.. m.Requires.Select(r => new PlatformRequirementView(r.Practice, r.ApiGroup, r.For))],
                [.. m.Parameters.Select(p => new ParameterView(
                    p.Name, ParameterTypeNames.Of(p.Type), p.Description, p.Default,
                    p.DefaultsWhen.IsEmpty ? null : [.. p.DefaultsWhen.Select(d => new PracticeDefaultView(d.Practice, d.Value))],
                    p.Required, p.RequiredWhen.IsEmpty ? null : [.. p.RequiredWhen], p.Practice,
                    p.Allowed.IsEmpty ? null : [.. p.Allowed], p.Min, p.Max))]);
        }
    }

    internal sealed record SeedQuoteView(int Level, string Section, string Text);

    internal sealed record PlatformRequirementView(string? Practice, string? ApiGroup, string For);

    internal sealed record ParameterView(string Name, string Type, string Description, string? Default, IReadOnlyList<PracticeDefaultView>? DefaultsWhen,
        bool Required, IReadOnlyList<string>? RequiredWhen, string? Practice, IReadOnlyList<string>? Allowed, long? Min, long? Max);

    internal sealed record PracticeDefaultView(string Practice, string Value);
}
