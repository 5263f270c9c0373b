namespace PlatformMaturity.Graph.Azure;

/// <summary>A Log Analytics workspace (Pulumi.Azure.OperationalInsights.AnalyticsWorkspace) for logs, insights and audit.</summary>
public sealed record LogAnalyticsWorkspace : AzureResource
{
    /// <summary>Retained: it holds the cluster's logs and audit trail for <see cref="RetentionInDays"/>, evidence an incident review or audit needs.</summary>
    public LogAnalyticsWorkspace() => RetainOnDelete = true;

    /// <summary>Graph name of the resource group.</summary>
    public required string ResourceGroup { get; init; }

    public required string Location { get; init; }

    public string Sku { get; init; } = "PerGB2018";

    public int RetentionInDays { get; init; } = 30;

    /// <summary>Shared-key access; off so only Entra ID identities read and write.</summary>
    public bool LocalAuthenticationEnabled { get; init; }

    public override IEnumerable<string> References => [ResourceGroup];
}
