using PlatformMaturity.Composition;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Availability;

/// <summary>Where a platform component keeps blobs on azure, and the identity its service account uses to reach them.</summary>
/// <param name="Account">Graph name of the storage account (letters and digits: Pulumi derives its Azure name from it).</param>
/// <param name="Containers">Graph name → blob container name.</param>
internal sealed record BlobStorageFor(
    string Account,
    IReadOnlyList<(string Name, string Container)> Containers,
    string Identity,
    string Federation,
    string BlobAccess,
    string Namespace,
    string ServiceAccount);

/// <summary>
/// A zone-redundant storage account without shared keys, its containers, and a workload identity with Storage Blob
/// Data Contributor on it: the component reaches its blobs through Entra ID, with no credential in the cluster.
/// </summary>
internal static class WorkloadBlobStorage
{
    /// <summary>Adds the resources; returns the graph names the component's release must wait for.</summary>
    public static IReadOnlyList<string> Add(ComponentBuilder component, BlobStorageFor storage)
    {
        var config = component.Config;
        component.Add(new StorageAccount
        {
            Name = storage.Account,
            Provenance = component.Provenance,
            ResourceGroup = Foundation.ResourceGroupName,
            Location = config.PrimaryRegion,
            AccountReplicationType = "ZRS",
            SharedAccessKeyEnabled = false,
            Tags = StandardLabels.AzureTags(config, component.Provenance),
        });
        foreach (var (name, container) in storage.Containers)
        {
            component.Add(new StorageContainer
            {
                Name = name,
                Provenance = component.Provenance,
                ContainerName = container,
                StorageAccount = new AzureRef(storage.Account, AzureOutput.Id),
            });
        }
        WorkloadIdentity.Add(component, storage.Identity, storage.Federation, storage.Namespace, storage.ServiceAccount);
        component.Add(new RoleAssignment
        {
            Name = storage.BlobAccess,
            Provenance = component.Provenance,
            Scope = new AzureRef(storage.Account, AzureOutput.Id),
            RoleDefinitionName = "Storage Blob Data Contributor",
            PrincipalId = new AzureRef(storage.Identity, AzureOutput.PrincipalId),
        });
        return [.. storage.Containers.Select(c => c.Name), storage.Federation, storage.BlobAccess];
    }
}
