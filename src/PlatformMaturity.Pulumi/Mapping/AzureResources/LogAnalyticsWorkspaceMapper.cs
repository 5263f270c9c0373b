using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>A Log Analytics workspace (Pulumi.Azure.OperationalInsights.AnalyticsWorkspace).</summary>
internal static class LogAnalyticsWorkspaceMapper
{
    public static PulumiAzure.OperationalInsights.AnalyticsWorkspace Map(LogAnalyticsWorkspace workspace, MappingContext context, PlatformComponent parent) =>
        new(workspace.Name, Args(workspace, context.Refs), context.Options(workspace, parent));

    internal static PulumiAzure.OperationalInsights.AnalyticsWorkspaceArgs Args(LogAnalyticsWorkspace workspace, AzureOutputs refs) => new()
    {
        ResourceGroupName = refs.NameOf(workspace.ResourceGroup),
        Location = workspace.Location,
        Sku = workspace.Sku,
        RetentionInDays = workspace.RetentionInDays,
        // LocalAuthenticationEnabled, not LocalAuthenticationDisabled (removed in azurerm v5).
        LocalAuthenticationEnabled = workspace.LocalAuthenticationEnabled,
        Tags = In.Map(workspace.Tags),
    };
}
