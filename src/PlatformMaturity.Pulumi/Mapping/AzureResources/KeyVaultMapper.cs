using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>A Key Vault (Pulumi.Azure.KeyVault.KeyVault) in the deploying identity's tenant; Pulumi generates its name.</summary>
internal static class KeyVaultMapper
{
    public static PulumiAzure.KeyVault.KeyVault Map(KeyVault vault, MappingContext context, PlatformComponent parent) =>
        new(vault.Name, Args(vault, context.Refs), context.Options(vault, parent));

    internal static PulumiAzure.KeyVault.KeyVaultArgs Args(KeyVault vault, AzureOutputs refs) => new()
    {
        ResourceGroupName = refs.NameOf(vault.ResourceGroup),
        Location = vault.Location,
        TenantId = refs.TenantId,
        SkuName = vault.SkuName,
        // RbacAuthorizationEnabled, not the deprecated EnableRbacAuthorization (removed in azurerm v5).
        RbacAuthorizationEnabled = vault.RbacAuthorizationEnabled,
        PurgeProtectionEnabled = vault.PurgeProtectionEnabled,
        SoftDeleteRetentionDays = vault.SoftDeleteRetentionDays,
        Tags = In.Map(vault.Tags),
    };
}
