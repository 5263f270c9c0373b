using System.Collections.Immutable;

namespace PlatformMaturity.Graph.Azure;

/// <summary>
/// Resource logs of an Azure resource sent to Log Analytics (Pulumi.Azure.Monitoring.DiagnosticSetting:
/// TargetResourceId, LogAnalyticsWorkspaceId, LogAnalyticsDestinationType, EnabledLogs[].Category). Retention is set on
/// the workspace's tables (<see cref="LogAnalyticsWorkspaceTable"/>): retention on diagnostic settings is deprecated.
/// </summary>
public sealed record DiagnosticSetting : AzureResource
{
    public required AzureRef TargetResourceId { get; init; }

    public required AzureRef LogAnalyticsWorkspaceId { get; init; }

    /// <summary>Dedicated: resource-specific tables (AKSAuditAdmin, AKSControlPlane) rather than AzureDiagnostics.</summary>
    public string LogAnalyticsDestinationType { get; init; } = "Dedicated";

    public required ImmutableArray<string> EnabledLogCategories { get; init; }

    public override IEnumerable<string> References => [TargetResourceId.Resource, LogAnalyticsWorkspaceId.Resource];
}

/// <summary>
/// One table of a Log Analytics workspace with its own retention (Pulumi.Azure.LogAnalytics.WorkspaceTable: Name,
/// WorkspaceId required, RetentionInDays 4–730, TotalRetentionInDays). Deleting it returns the table to the workspace's
/// retention, so it is not retained: the logs stay in the workspace.
/// </summary>
public sealed record LogAnalyticsWorkspaceTable : AzureResource
{
    public required AzureRef WorkspaceId { get; init; }

    /// <summary>The table's name in the workspace, e.g. AKSAuditAdmin.</summary>
    public required string TableName { get; init; }

    public required int RetentionInDays { get; init; }

    public override IEnumerable<string> References => [WorkspaceId.Resource];
}
