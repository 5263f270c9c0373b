using System.CommandLine;
using PlatformMaturity.Cli.Output;
using PlatformMaturity.Cli.Views;
using PlatformMaturity.Composition;
using PlatformMaturity.Model;

namespace PlatformMaturity.Cli.Commands;

/// <summary>`pmctl describe &lt;level&gt;`: a level's practices (listed and carried) with what implements each, and the seed's guidance.</summary>
internal static class DescribeCommand
{
    public static Command Create(CliIO io)
    {
        var level = Choices.LevelArgument("level", "Level number, 1 to 5");
        var output = OutputOption.Create(OutputFormat.Text, OutputFormat.Json, OutputFormat.Markdown);
        var command = new Command("describe", "Describe a level: its practices and what implements them, requirements, benefits, do and don't") { level, output };
        command.SetAction(parse =>
        {
            var model = MaturityModel.Default;
            var number = parse.GetValue(level);
            var description = LevelDescription.Of(model.Level(number), Composer.Default);
            var format = parse.GetValue(output);
            if (format == OutputFormat.Json)
                Json.Write(io.Out, description);
            else
                Write(DocumentWriter.For(format, io.Out), description);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(DocumentWriter doc, LevelDescription level)
    {
        doc.Heading(1, $"Level {level.Number} - {level.Name}");
        doc.Paragraph(level.Goal);
        foreach (var line in level.Description)
            doc.Paragraph(line);

        doc.Heading(2, $"Practices ({level.Listed.Count} listed)");
        WritePractices(doc, level.Listed);
        if (level.Carried.Count > 0)
        {
            doc.Heading(2, $"Carried from lower levels ({level.Carried.Count})");
            doc.Paragraph("Listed by a lower level and not yet replaced by a successor, so still in effect:");
            WritePractices(doc, level.Carried);
        }
        if (level.Superseded.Count > 0)
        {
            doc.Heading(2, "Superseded at this level");
            foreach (var s in level.Superseded)
                doc.Bullet($"{s.Practice} → {s.SupersededBy}");
        }

        doc.Heading(2, "Requirements");
        doc.Paragraph($"Recorded as attestations before an upgrade to this level ({doc.Code("pmctl upgrade <stack> --attest <id>")}):");
        foreach (var r in level.Requirements)
            doc.Bullet($"{doc.Code(r.Id)}: {r.Text}");
        if (level.Availability is { } availability)
            doc.Bullet($"{doc.Code(availability.AttestationId)}: availability of at least {availability.Target}; computed from the AKS topology on azure, attested for an existing cluster");
        WriteList(doc, "For whom", level.ForWhom);
        WriteList(doc, "Benefits", level.Benefits);
        WriteList(doc, "Do", level.Do);
        WriteList(doc, "Don't", level.Dont);
    }

    private static void WritePractices(DocumentWriter doc, IReadOnlyList<PracticeDescription> practices)
    {
        foreach (var group in practices.GroupBy(p => p.Category))
        {
            doc.Heading(3, char.ToUpperInvariant(group.Key[0]) + group.Key[1..]);
            foreach (var practice in group)
            {
                doc.Bullet(practice switch
                {
                    { Implemented: false, KeptInItsPlace: { } keeper } => $"{practice.Name} ({PracticeDescription.NotImplementedYet}; {keeper} stays in its place)",
                    { Implemented: false } => $"{practice.Name} ({PracticeDescription.NotImplementedYet})",
                    { StandInFor: { } successor } => $"{practice.Name} (kept until {successor} is implemented)",
                    _ => practice.Name,
                });
                if (!practice.Implemented)
                    continue;
                var (existing, azure) = (practice.Implementation.Existing, practice.Implementation.Azure);
                if (existing == azure)
                {
                    doc.Bullet($"existing and azure: {existing}", indent: 1);
                }
                else
                {
                    doc.Bullet($"existing: {existing}", indent: 1);
                    doc.Bullet($"azure: {azure}", indent: 1);
                }
            }
        }
    }

    private static void WriteList(DocumentWriter doc, string heading, IReadOnlyList<string> items)
    {
        doc.Heading(2, heading);
        foreach (var item in items)
            doc.Bullet(item);
    }
}
