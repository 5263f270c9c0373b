using PlatformMaturity.Graph.Azure;
using Pulumi;
using PulumiAzure = Pulumi.Azure;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// Workload identity: user-assigned managed identities (Pulumi.Azure.Authorization.UserAssignedIdentity) and their
/// federated credentials for Kubernetes service accounts (Pulumi.Azure.ArmMsi.FederatedIdentityCredential).
/// </summary>
internal static class IdentityMapper
{
    public static PulumiAzure.Authorization.UserAssignedIdentity Map(UserAssignedIdentity identity, MappingContext context, PlatformComponent parent) =>
        new(identity.Name, Args(identity, context.Refs), context.Options(identity, parent));

    public static PulumiAzure.ArmMsi.FederatedIdentityCredential Map(FederatedIdentityCredential credential, MappingContext context, PlatformComponent parent) =>
        new(credential.Name, Args(credential, context.Refs), context.Options(credential, parent));

    internal static PulumiAzure.Authorization.UserAssignedIdentityArgs Args(UserAssignedIdentity identity, AzureOutputs refs) => new()
    {
        ResourceGroupName = refs.NameOf(identity.ResourceGroup),
        Location = identity.Location,
        Tags = In.Map(identity.Tags),
    };

    /// <summary>A fixed issuer (e.g. GitHub Actions), or the OIDC issuer of an AKS cluster of the graph.</summary>
    private static Input<string> Issuer(FederatedIdentityCredential credential, AzureOutputs refs) =>
        credential.Issuer is { } issuer
            ? issuer
            : refs.Resolve(new AzureRef(credential.Cluster ?? throw new InvalidOperationException($"{credential.Name} names neither a cluster nor an issuer"), AzureOutput.OidcIssuerUrl));

    /// <summary>Federated credentials take no tags in Azure.</summary>
    internal static PulumiAzure.ArmMsi.FederatedIdentityCredentialArgs Args(FederatedIdentityCredential credential, AzureOutputs refs) => new()
    {
        Audience = credential.Audience,
        Issuer = Issuer(credential, refs),
        Subject = credential.Subject,
        // UserAssignedIdentityId, not the deprecated ParentId (removed in azurerm v5).
        UserAssignedIdentityId = refs.Resolve(new AzureRef(credential.Identity, AzureOutput.Id)),
    };
}
