namespace PlatformMaturity.Graph.Azure;

/// <summary>An Azure resource group (Pulumi.Azure.Core.ResourceGroup).</summary>
public sealed record ResourceGroup : AzureResource
{
    /// <summary>
    /// Retained: deleting a group deletes everything in it in Azure, retained resources included; the group holds the
    /// storage account, vault, registry and workspace. No downgrade drops it (every azure level has it); pulumi destroy
    /// leaves it with them. Its Azure name is fixed, so a new stack of the same name must pulumi import it first.
    /// </summary>
    public ResourceGroup() => RetainOnDelete = true;

    /// <summary>The Azure name of the group.</summary>
    public required string ResourceGroupName { get; init; }

    public required string Location { get; init; }
}
