using System.Text;
using PlatformMaturity.Assess;
using PlatformMaturity.Assess.Rules;

namespace PlatformMaturity.Cli.Views;

/// <summary>The assessment as text for a terminal and as Markdown for a pull request or wiki.</summary>
internal static class AssessView
{
    public static string Label(Verdict verdict) => verdict switch
    {
        Verdict.Met => "met",
        Verdict.Partial => "partial",
        Verdict.Missing => "missing",
        Verdict.Unknown => "unknown",
        _ => "not checkable",
    };

    public static string Label(PracticeAssessment p) => p.SatisfiedBy is { } by && p.Verdict != Verdict.Met ? $"met by {by}" : Label(p.Verdict);

    public static string Text(Assessment a)
    {
        var s = new StringBuilder();
        s.Append($"Assessed {a.Source}: {a.ObjectsRead:N0} objects read\n");
        s.Append($"Level reached: {a.Summary}\n\n");
        s.Append("Levels:\n");
        foreach (var level in a.Levels.Reverse())
        {
            var detail = level.State switch
            {
                LevelState.Reached => "reached",
                LevelState.Blocked => $"blocked by {level.Blocking.Count}: {string.Join(", ", level.Blocking)}",
                _ => $"undetermined ({level.Unknown.Count} unknown: {string.Join(", ", level.Unknown)})",
            };
            s.Append($"  {level.Level} {level.Name,-32} {detail}\n");
        }
        s.Append("\nPractices (first level, verdict, why):\n");
        foreach (var p in a.Practices)
        {
            s.Append($"  L{p.FirstLevel} {p.Practice,-42} {Label(p),-14} {p.Why}\n");
            foreach (var e in p.Evidence.Take(5))
                s.Append($"       - {e}\n");
            if (p.Evidence.Count > 5)
                s.Append($"       - … {p.Evidence.Count - 5} more\n");
        }
        AppendGap(s, a, (p, line) => $"  {p}. {line}\n");
        AppendTail(s, a, line => $"  {line}\n");
        return s.ToString();
    }

    public static string Markdown(Assessment a)
    {
        var s = new StringBuilder();
        s.Append($"# Platform maturity assessment\n\n**{Md(a.Source)}** — {a.ObjectsRead:N0} objects read.\n\n**Level reached: {Md(a.Summary)}** (`level` {a.Level}, up to {a.LevelUpTo})\n\n");
        s.Append("| Level | Name | State | In the way |\n|---|---|---|---|\n");
        foreach (var level in a.Levels)
            s.Append($"| {level.Level} | {Md(level.Name)} | {level.State.ToString().ToLowerInvariant()} | {Md(string.Join(", ", level.Blocking.Concat(level.Unknown)))} |\n");
        s.Append("\n## Practices\n\n| Practice | Level | Category | Verdict | Why | Evidence |\n|---|---|---|---|---|---|\n");
        foreach (var p in a.Practices)
            s.Append($"| {Md(p.Practice)} | {p.FirstLevel} | {Md(string.Join(", ", p.Categories))} | {Md(Label(p))} | {Md(p.Why)} | {Md(string.Join("; ", p.Evidence.Take(5)))}{(p.Evidence.Count > 5 ? $" (+{p.Evidence.Count - 5})" : "")} |\n");
        if (a.NextLevel is { } next)
        {
            s.Append($"\n## Gap to Level {next}\n\n");
            var i = 0;
            foreach (var g in a.Gap)
                s.Append($"{++i}. **{Md(g.Practice)}** ({Label(g.Verdict)}; needed at levels {string.Join(", ", g.Unblocks)}): {Md(g.Why)} — `{g.Command.Replace("`", "'", StringComparison.Ordinal)}`\n");
        }
        AppendTail(s, a, line => $"- {Md(line)}\n", "\n## Not seen and problems\n\n");
        return s.ToString();
    }

    private static void AppendGap(StringBuilder s, Assessment a, Func<int, string, string> item)
    {
        if (a.NextLevel is not { } next)
        {
            s.Append("\nEvery level is reached.\n");
            return;
        }
        s.Append($"\nGap to Level {next} (ordered by what each unblocks):\n");
        var i = 0;
        foreach (var g in a.Gap)
            s.Append(item(++i, $"{g.Practice} [{Label(g.Verdict)}; needed at levels {string.Join(", ", g.Unblocks)}]: {g.Why}\n     → {g.Command}"));
    }

    private static void AppendTail(StringBuilder s, Assessment a, Func<string, string> line, string heading = "\n")
    {
        var lines = a.Unseen.Select(u => $"could not see {u.Kind}: {u.Reason}{(u.Practices.Count > 0 ? $" → unknown: {string.Join(", ", u.Practices)}" : "")}")
            .Concat(a.Problems.Select(p => $"problem: {p.Where}: {p.Message}"))
            .Concat(a.Notes.Select(n => $"note: {n}"))
            .ToList();
        if (lines.Count == 0)
            return;
        s.Append(heading);
        foreach (var l in lines)
            s.Append(line(l));
    }

    private static string Md(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
