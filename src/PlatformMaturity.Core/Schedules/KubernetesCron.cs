using System.Collections.Immutable;
using Cronos;

namespace PlatformMaturity.Schedules;

/// <summary>
/// The cron schedules Kubernetes CronJobs and Velero Schedules accept: both parse with robfig/cron v3's standard
/// parser, i.e. five fields (minute hour day-of-month month day-of-week, with names, ranges, steps, lists and ?) or a
/// @daily-style macro. Cronos (<see cref="CronFormat.Standard"/>) checks the fields and their ranges; what Cronos accepts
/// and robfig does not (a seconds field, L, W, #, Cronos' @every_minute macros) is refused first, with its position.
/// One validator for every consumer: stack config (platform:backupSchedule) and golden-path parameters.
/// </summary>
public static class KubernetesCron
{
    /// <summary>The macros robfig/cron v3's standard parser knows (its @every needs a duration, which CronJobs do not document).</summary>
    public static readonly ImmutableArray<string> Macros = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    public const string Expected =
        "five fields (minute hour day-of-month month day-of-week; numbers, names, ranges, steps, lists) such as '0 2 * * *', or one of @hourly, @daily, @midnight, @weekly, @monthly, @yearly, @annually";

    private static readonly string[] FieldNames = ["minute", "hour", "day-of-month", "month", "day-of-week"];

    /// <summary>Characters Cronos (Quartz syntax) accepts that Kubernetes and Velero refuse, and what they mean there.</summary>
    private static readonly (char Character, string Meaning)[] QuartzOnly = [('L', "last"), ('W', "nearest weekday"), ('#', "nth weekday of the month")];

    public static bool IsValid(string schedule) => Problem(schedule) is null;

    /// <summary>Null when the schedule is valid; otherwise what is wrong, where (field and character position, 1-based), and what is allowed.</summary>
    public static string? Problem(string schedule)
    {
        if (schedule.StartsWith('@'))
        {
            if (Macros.Contains(schedule))
                return null;
            var hint = Text.DidYouMean.Closest(schedule.ToLowerInvariant(), Macros, maxDistance: 2) is { } closest ? $" (did you mean {closest}?)" : "";
            return $"the macro '{schedule}' is not one Kubernetes and Velero know{hint}; expected {Expected}";
        }

        var fields = Fields(schedule);
        if (fields.Count == 6)
            return $"6 fields given: the first, '{fields[0].Text}' at position {fields[0].Position}, is a seconds field, which Kubernetes CronJobs and Velero do not take; expected {Expected}";
        if (fields.Count != 5)
            return $"{fields.Count} field{(fields.Count == 1 ? "" : "s")} given; expected {Expected}";

        for (var i = 0; i < fields.Count; i++)
        {
            var (text, position) = fields[i];
            foreach (var (character, meaning) in QuartzOnly)
            {
                var at = text.IndexOf(character, StringComparison.OrdinalIgnoreCase);
                // Names (JAN, MON) may contain those letters; only a standalone one is Quartz syntax.
                if (at >= 0 && IsQuartzToken(text, at, character))
                    return $"field {i + 1} ({FieldNames[i]}) '{text}' at position {position + at}: '{character}' ({meaning}) is Quartz syntax that Kubernetes CronJobs and Velero refuse; expected {Expected}";
            }
        }

        try
        {
            CronExpression.Parse(schedule, CronFormat.Standard);
            return null;
        }
        catch (CronFormatException e)
        {
            var field = FieldOf(e.Message, fields);
            return $"{field}{e.Message.TrimEnd('.')}; expected {Expected}";
        }
    }

    /// <summary>Whitespace-separated fields with their 1-based start positions.</summary>
    private static List<(string Text, int Position)> Fields(string schedule)
    {
        var fields = new List<(string, int)>();
        var i = 0;
        while (i < schedule.Length)
        {
            if (char.IsWhiteSpace(schedule[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < schedule.Length && !char.IsWhiteSpace(schedule[i]))
                i++;
            fields.Add((schedule[start..i], start + 1));
        }
        return fields;
    }

    private static bool IsQuartzToken(string field, int at, char character)
    {
        if (character == '#')
            return true;
        bool IsLetter(int index) => index >= 0 && index < field.Length && char.IsLetter(field[index]);
        return !IsLetter(at - 1) && !IsLetter(at + 1);
    }

    /// <summary>Names the field Cronos' message is about ("... Months field ..."), with its position.</summary>
    private static string FieldOf(string message, List<(string Text, int Position)> fields)
    {
        // Cronos prefixes its messages with the field ("Days of month: ..."); the longer names first, as "month" is in "day of month".
        (string Name, int Index)[] cronosNames = [("days of month", 2), ("days of week", 4), ("month", 3), ("hour", 1), ("minute", 0)];
        var prefix = message.Contains(':', StringComparison.Ordinal) ? message[..message.IndexOf(':', StringComparison.Ordinal)] : message;
        foreach (var (name, i) in cronosNames)
        {
            if (prefix.Contains(name, StringComparison.OrdinalIgnoreCase))
                return $"field {i + 1} ({FieldNames[i]}) '{fields[i].Text}' at position {fields[i].Position}: ";
        }
        return "";
    }
}
