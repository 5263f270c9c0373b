using System.Text.Json.Nodes;

namespace PlatformMaturity.Config;

/// <summary>The weekly window in which AKS may upgrade the cluster and its node images (platform:maintenanceWindow).</summary>
/// <param name="DayOfWeek">Monday … Sunday, as Azure spells it.</param>
/// <param name="StartTime">"HH:mm", 24-hour clock.</param>
/// <param name="DurationHours">4 to 24 (AKS' limits).</param>
/// <param name="UtcOffset">"+HH:MM" or "-HH:MM".</param>
public sealed record MaintenanceWindowConfig(string DayOfWeek, string StartTime, int DurationHours, string UtcOffset)
{
    public const int MinDurationHours = 4;
    public const int MaxDurationHours = 24;

    /// <summary>Sunday night, UTC: the quietest time for most teams.</summary>
    public static MaintenanceWindowConfig Default { get; } = new("Sunday", "02:00", MinDurationHours, "+00:00");

    public static readonly IReadOnlyList<string> Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public JsonObject ToJson() => new()
    {
        ["dayOfWeek"] = DayOfWeek,
        ["startTime"] = StartTime,
        ["durationHours"] = DurationHours,
        ["utcOffset"] = UtcOffset,
    };
}
