using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformMaturity.Schedules;

namespace PlatformMaturity.Config;

/// <summary>Validation of platform:productionChaos (Chaos Engineering in Production, Level 5).</summary>
public static partial class PlatformConfigParser
{
    /// <summary>Bounds of a production chaos window: long enough for the experiments, short enough to stay watched.</summary>
    public static readonly TimeSpan MinChaosWindow = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxChaosWindow = TimeSpan.FromHours(4);

    private static ProductionChaosConfig? ReadProductionChaos(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.ProductionChaos;
        if (!raw.Has(key) || raw[key] is null)
            return null;
        if (raw[key] is not JsonObject chaos)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected {{tenants, schedule, duration}}");
            return null;
        }
        foreach (var unknown in chaos.Select(p => p.Key).Where(k => k is not ("tenants" or "schedule" or "duration")))
            problem(key, $"'{unknown}' is not a productionChaos field; allowed: tenants, schedule, duration");

        var tenants = new List<string>();
        if (chaos["tenants"] is JsonArray list)
        {
            foreach (var item in list)
            {
                if (Scalar(item) is { } name && config.Tenants.Any(t => t.Name == name))
                {
                    if (!tenants.Contains(name))
                        tenants.Add(name);
                }
                else
                    problem(key, $"tenant '{Shown(item)}' is not one of platform:tenants ({string.Join(", ", config.Tenants.Select(t => t.Name))})");
            }
        }
        else
            problem(key, $"tenants '{Shown(chaos["tenants"])}' is not allowed; expected a list of tenant names that opt in");

        var schedule = chaos["schedule"] is null ? ProductionChaosConfig.DefaultSchedule : Scalar(chaos["schedule"]);
        if (schedule is null || KubernetesCron.Problem(schedule) is { } cronProblem)
            problem(key, $"schedule '{Shown(chaos["schedule"])}' is not allowed: {(schedule is null ? KubernetesCron.Expected : KubernetesCron.Problem(schedule))}");

        var duration = chaos["duration"] is null ? ProductionChaosConfig.DefaultDuration : Scalar(chaos["duration"]);
        if (duration is null || ParseWindow(duration) is not { } window || window < MinChaosWindow || window > MaxChaosWindow)
            problem(key, $"duration '{Shown(chaos["duration"])}' is not allowed; expected minutes or hours such as 30m or 2h, from {MinChaosWindow.TotalMinutes:0}m to {MaxChaosWindow.TotalHours:0}h");

        return new ProductionChaosConfig([.. tenants], schedule ?? ProductionChaosConfig.DefaultSchedule, duration ?? ProductionChaosConfig.DefaultDuration);
    }

    /// <summary>A Go duration of whole minutes or hours (what Chaos Mesh's deadline accepts), e.g. 30m, 2h, 1h30m.</summary>
    public static TimeSpan? ParseWindow(string text)
    {
        var match = WindowPattern().Match(text);
        if (!match.Success || text.Length == 0)
            return null;
        var hours = match.Groups["h"].Success ? int.Parse(match.Groups["h"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var minutes = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return hours > 24 || minutes > 600 ? null : TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes);
    }

    [GeneratedRegex("^(?:(?<h>[0-9]{1,2})h)?(?:(?<m>[0-9]{1,3})m)?$")]
    private static partial Regex WindowPattern();
}
