using System.CommandLine;
using PlatformMaturity.Cli.Output;
using PlatformMaturity.Cli.Views;
using PlatformMaturity.Model;
using Spectre.Console;

namespace PlatformMaturity.Cli.Commands;

/// <summary>`pmctl levels`: the five levels, their goals and practice counts per category.</summary>
internal static class LevelsCommand
{
    public static Command Create(CliIO io)
    {
        var output = OutputOption.Create(OutputFormat.Text, OutputFormat.Json);
        var command = new Command("levels", "List the five maturity levels with their goals and practice counts per category") { output };
        command.SetAction(parse =>
        {
            var levels = MaturityModel.Default.Levels.Select(LevelSummary.Of).ToList();
            if (parse.GetValue(output) == OutputFormat.Json)
                Json.Write(io.Out, levels);
            else
                WriteTable(io, levels);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteTable(CliIO io, IReadOnlyList<LevelSummary> levels)
    {
        var categories = Enum.GetValues<PracticeCategory>();
        var table = new Table().AddColumn("Level").AddColumn(new TableColumn("Name").NoWrap()).AddColumn("Goal");
        foreach (var category in categories)
            table.AddColumn(new TableColumn(category.ToString()).RightAligned());
        table.AddColumn(new TableColumn("Listed").RightAligned());
        foreach (var level in levels)
        {
            table.AddRow([
                level.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(level.Name),
                Markup.Escape(level.Goal),
                .. categories.Select(c => level.PracticesByCategory[LevelSummary.Category(c)].ToString(System.Globalization.CultureInfo.InvariantCulture)),
                level.Listed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ]);
        }
        io.Console.Write(table);
        io.Out.WriteLine("Details of a level: pmctl describe <level>");
    }
}
