using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>Storage accounts and their blob containers (Pulumi.Azure.Storage.Account and Container).</summary>
internal static class StorageMapper
{
    public static PulumiAzure.Storage.Account Map(StorageAccount account, MappingContext context, PlatformComponent parent) =>
        new(account.Name, Args(account, context.Refs), context.Options(account, parent));

    public static PulumiAzure.Storage.Container Map(StorageContainer container, MappingContext context, PlatformComponent parent) =>
        new(container.Name, Args(container, context.Refs), context.Options(container, parent));

    internal static PulumiAzure.Storage.AccountArgs Args(StorageAccount account, AzureOutputs refs) => new()
    {
        ResourceGroupName = refs.NameOf(account.ResourceGroup),
        Location = account.Location,
        AccountTier = account.AccountTier,
        AccountReplicationType = account.AccountReplicationType,
        AccountKind = account.AccountKind,
        MinTlsVersion = account.MinTlsVersion,
        AllowNestedItemsToBePublic = account.AllowNestedItemsToBePublic,
        SharedAccessKeyEnabled = account.SharedAccessKeyEnabled,
        DefaultToOauthAuthentication = account.DefaultToOauthAuthentication,
        HttpsTrafficOnlyEnabled = account.HttpsTrafficOnlyEnabled,
        Tags = In.Map(account.Tags),
    };

    /// <summary>Blob containers take no tags in Azure, so the record's tags have nowhere to go.</summary>
    internal static PulumiAzure.Storage.ContainerArgs Args(StorageContainer container, AzureOutputs refs) => new()
    {
        Name = container.ContainerName,
        // By account id (through ARM, no account keys needed); StorageAccountName is deprecated and removed in azurerm v5.
        StorageAccountId = refs.Resolve(container.StorageAccount),
        ContainerAccessType = container.ContainerAccessType,
    };
}
