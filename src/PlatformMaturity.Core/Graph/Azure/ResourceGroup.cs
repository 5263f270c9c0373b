namespace PlatformMaturity.Graph.Azure;

/// <summary>An Azure resource group (Pulumi.Azure.Core.ResourceGroup).</summary>
public sealed record ResourceGroup : AzureResource
{
    /// <summary>The Azure name of the group.</summary>
    public required string ResourceGroupName { get; init; }

    public required string Location { get; init; }
}
