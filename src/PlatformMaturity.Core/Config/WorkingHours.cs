namespace PlatformMaturity.Config;

/// <summary>
/// When non-production apps run (platform:workingHours): KEDA's cron trigger keeps their replicas from
/// <see cref="Start"/> to <see cref="End"/> (cron, five fields) in <see cref="TimeZone"/> (IANA), and scales them to zero otherwise.
/// </summary>
public sealed record WorkingHours(string Start, string End, string TimeZone)
{
    /// <summary>Weekdays 07:00 to 19:00 UTC.</summary>
    public static WorkingHours Default { get; } = new("0 7 * * 1-5", "0 19 * * 1-5", "Etc/UTC");
}
