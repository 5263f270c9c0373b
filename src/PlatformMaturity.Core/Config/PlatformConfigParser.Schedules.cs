using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace PlatformMaturity.Config;

/// <summary>Validation of schedules, per consumer: each key is checked by the syntax of what runs it.</summary>
public static partial class PlatformConfigParser
{
    /// <summary>A schedule a Kubernetes CronJob or Velero Schedule runs (robfig/cron: five fields or a macro), or its default.</summary>
    private static string? ReadKubernetesSchedule(RawConfig raw, ConfigKey key, Action<ConfigKey, string> problem)
    {
        if (!raw.Has(key))
            return key.Default?.GetValue<string>();
        if (Scalar(raw[key]) is not { } schedule)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected a cron schedule: {Schedules.KubernetesCron.Expected}");
            return null;
        }
        if (Schedules.KubernetesCron.Problem(schedule) is { } issue)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed: {issue}");
            return null;
        }
        return schedule;
    }
}
