namespace PlatformMaturity.Graph.Azure;

/// <summary>A Key Vault for the platform's secrets (Pulumi.Azure.KeyVault.KeyVault); the tenant is the deploying identity's.</summary>
public sealed record KeyVault : AzureResource
{
    /// <summary>
    /// Retained: it holds the platform's secrets, which nothing recreates. Soft delete would keep them recoverable for
    /// <see cref="SoftDeleteRetentionDays"/> only, and purge protection then blocks reusing the vault's name.
    /// </summary>
    public KeyVault() => RetainOnDelete = true;

    /// <summary>Graph name of the resource group.</summary>
    public required string ResourceGroup { get; init; }

    public required string Location { get; init; }

    /// <summary>standard or premium.</summary>
    public string SkuName { get; init; } = "standard";

    public bool RbacAuthorizationEnabled { get; init; } = true;

    public bool PurgeProtectionEnabled { get; init; } = true;

    public int SoftDeleteRetentionDays { get; init; } = 90;

    public override IEnumerable<string> References => [ResourceGroup];
}
