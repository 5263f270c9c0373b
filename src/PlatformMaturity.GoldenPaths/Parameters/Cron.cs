using System.Text.RegularExpressions;

namespace PlatformMaturity.GoldenPaths.Parameters;

/// <summary>The cron schedules a Kubernetes CronJob accepts, checked field by field with their ranges.</summary>
public static partial class Cron
{
    private static readonly HashSet<string> Macros = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    // minute, hour, day of month, month, day of week (0 and 7 are Sunday)
    private static readonly (int Min, int Max)[] Ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)];

    public static bool IsValid(string schedule)
    {
        if (Macros.Contains(schedule))
            return true;
        var fields = schedule.Split(' ');
        return fields.Length == 5 && fields.Select((field, i) => Field(field, Ranges[i])).All(ok => ok);
    }

    private static bool Field(string field, (int Min, int Max) range) =>
        field.Split(',').All(item =>
        {
            var match = Item().Match(item);
            if (!match.Success)
                return false;
            var step = match.Groups["step"].Success ? int.Parse(match.Groups["step"].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
            if (step < 1 || step > range.Max)
                return false;
            if (match.Groups["star"].Success)
                return true;
            var from = int.Parse(match.Groups["from"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var to = match.Groups["to"].Success ? int.Parse(match.Groups["to"].Value, System.Globalization.CultureInfo.InvariantCulture) : from;
            return from >= range.Min && to <= range.Max && from <= to;
        });

    [GeneratedRegex(@"^((?<star>\*)|(?<from>[0-9]{1,2})(-(?<to>[0-9]{1,2}))?)(/(?<step>[0-9]{1,2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Item();
}
