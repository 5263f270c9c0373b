using PlatformMaturity.Graph.Azure;
using Pulumi;
using PulumiAzure = Pulumi.Azure;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>Outputs of mapped Azure resources that other graph resources refer to (<see cref="AzureRef"/>).</summary>
internal sealed class AzureOutputs(MappedResources resources)
{
    private Output<string>? _tenantId;

    public Output<string> Resolve(AzureRef reference)
    {
        var resource = resources[reference.Resource];
        return (reference.Output, resource) switch
        {
            (AzureOutput.Id, CustomResource custom) => custom.Id,
            (AzureOutput.Name, _) => NameOf(reference.Resource),
            (AzureOutput.KubeletIdentityObjectId, PulumiAzure.ContainerService.KubernetesCluster cluster) =>
                cluster.KubeletIdentity.Apply(identity => identity.ObjectId ?? ""),
            (AzureOutput.OidcIssuerUrl, PulumiAzure.ContainerService.KubernetesCluster cluster) => cluster.OidcIssuerUrl,
            (AzureOutput.PrincipalId, PulumiAzure.Authorization.UserAssignedIdentity identity) => identity.PrincipalId,
            (AzureOutput.ClientId, PulumiAzure.Authorization.UserAssignedIdentity identity) => identity.ClientId,
            (AzureOutput.LoginServer, PulumiAzure.ContainerService.Registry registry) => registry.LoginServer,
            (AzureOutput.Fqdn, PulumiAzure.ContainerService.KubernetesCluster cluster) => cluster.Fqdn,
            // KubeConfigs is a secret output: whatever text carries the CA stays secret in Pulumi's state.
            (AzureOutput.ClusterCaCertificate, PulumiAzure.ContainerService.KubernetesCluster cluster) =>
                cluster.KubeConfigs.Apply(configs => configs.Length > 0 ? configs[0].ClusterCaCertificate ?? "" : ""),
            _ => throw new InvalidOperationException(
                $"a graph resource refers to the {reference.Output} of '{reference.Resource}', which its Pulumi type {resource.GetResourceType()} does not have"),
        };
    }

    /// <summary>The Azure name of a mapped resource (e.g. the resource group's, for ResourceGroupName).</summary>
    public Output<string> NameOf(string graphName) => resources[graphName] switch
    {
        PulumiAzure.Core.ResourceGroup group => group.Name,
        PulumiAzure.ContainerService.KubernetesCluster cluster => cluster.Name,
        PulumiAzure.ContainerService.Registry registry => registry.Name,
        PulumiAzure.KeyVault.KeyVault vault => vault.Name,
        PulumiAzure.OperationalInsights.AnalyticsWorkspace workspace => workspace.Name,
        PulumiAzure.Storage.Account account => account.Name,
        PulumiAzure.Storage.Container container => container.Name,
        PulumiAzure.Authorization.UserAssignedIdentity identity => identity.Name,
        PulumiAzure.Network.VirtualNetwork network => network.Name,
        var other => throw new InvalidOperationException($"'{graphName}' ({other.GetResourceType()}) has no Azure name the graph can refer to"),
    };

    /// <summary>The deploying identity's Entra ID tenant (Key Vaults need it), looked up once.</summary>
    public Output<string> TenantId => _tenantId ??= PulumiAzure.Core.GetClientConfig.Invoke().Apply(config => config.TenantId);
}
