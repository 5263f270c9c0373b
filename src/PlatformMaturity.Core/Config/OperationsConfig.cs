namespace PlatformMaturity.Config;

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
/// <param name="RoleArn">Level 5: the role Velero assumes with its service-account token instead of a stored credential.</param>
public sealed record BackupLocation(string Bucket, string Region, string? S3Url, string? RoleArn = null)
{
    /// <summary>The location when no key is set: a bucket named after the platform in AWS S3 us-east-1.</summary>
    public static BackupLocation DefaultFor(string platformName) => new($"{platformName}-backups", "us-east-1", null);
}
