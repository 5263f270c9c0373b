namespace PlatformMaturity.Config;

/// <summary>A weekly maintenance window (platform:maintenanceWindow): when AKS may upgrade the cluster and its nodes.</summary>
/// <param name="Day">Monday … Sunday.</param>
/// <param name="Start">Start time, "HH:mm".</param>
/// <param name="Hours">Duration in hours, 4 to 24 (AKS' limits).</param>
/// <param name="UtcOffset">Offset of <paramref name="Start"/> from UTC, "+HH:mm" or "-HH:mm".</param>
public sealed record WeeklyWindow(string Day, string Start, int Hours, string UtcOffset)
{
    public static readonly IReadOnlyList<string> Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>The documented default: Sunday 02:00 UTC for 4 hours.</summary>
    public static WeeklyWindow Default { get; } = new("Sunday", "02:00", 4, "+00:00");
}

/// <summary>Where Alertmanager sends platform alerts (platform:alertReceiver).</summary>
public enum AlertReceiverKind
{
    Slack,
    MsTeams,
    Webhook,
}

/// <summary>
/// Where Velero keeps backups of an existing cluster: an S3 bucket (AWS, or S3-compatible when
/// <paramref name="S3Url"/> is set). On azure the platform creates the storage itself.
/// </summary>
public sealed record BackupLocation(string Bucket, string Region, string? S3Url)
{
    /// <summary>The location when no key is set: a bucket named after the platform in AWS S3 us-east-1.</summary>
    public static BackupLocation DefaultFor(string platformName) => new($"{platformName}-backups", "us-east-1", null);
}
