using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// Audit log plumbing: Pulumi.Azure.Monitoring.DiagnosticSetting (TargetResourceId required; EnabledLogs of
/// DiagnosticSettingEnabledLogArgs with Category; the obsolete Metrics and per-log RetentionPolicy left unset) and
/// Pulumi.Azure.LogAnalytics.WorkspaceTable (WorkspaceId required, Name, RetentionInDays), from pulumi/pulumi-azure
/// sdk/dotnet/Monitoring/DiagnosticSetting.cs and sdk/dotnet/LogAnalytics/WorkspaceTable.cs. Neither takes tags.
/// </summary>
internal static class AuditLogMapper
{
    public static PulumiAzure.Monitoring.DiagnosticSetting Map(DiagnosticSetting setting, MappingContext context, PlatformComponent parent) =>
        new(setting.Name, Args(setting, context.Refs), context.Options(setting, parent));

    public static PulumiAzure.LogAnalytics.WorkspaceTable Map(LogAnalyticsWorkspaceTable table, MappingContext context, PlatformComponent parent) =>
        new(table.Name, Args(table, context.Refs), context.Options(table, parent));

    internal static PulumiAzure.Monitoring.DiagnosticSettingArgs Args(DiagnosticSetting setting, AzureOutputs refs) => new()
    {
        Name = setting.Name,
        TargetResourceId = refs.Resolve(setting.TargetResourceId),
        LogAnalyticsWorkspaceId = refs.Resolve(setting.LogAnalyticsWorkspaceId),
        LogAnalyticsDestinationType = setting.LogAnalyticsDestinationType,
        EnabledLogs = setting.EnabledLogCategories
            .Select(c => new PulumiAzure.Monitoring.Inputs.DiagnosticSettingEnabledLogArgs { Category = c })
            .ToArray(),
    };

    internal static PulumiAzure.LogAnalytics.WorkspaceTableArgs Args(LogAnalyticsWorkspaceTable table, AzureOutputs refs) => new()
    {
        Name = table.TableName,
        WorkspaceId = refs.Resolve(table.WorkspaceId),
        RetentionInDays = table.RetentionInDays,
    };
}
