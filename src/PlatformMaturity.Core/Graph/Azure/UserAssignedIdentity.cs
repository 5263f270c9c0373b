namespace PlatformMaturity.Graph.Azure;

/// <summary>A user-assigned managed identity (Pulumi.Azure.Authorization.UserAssignedIdentity) for workload identity.</summary>
public sealed record UserAssignedIdentity : AzureResource
{
    /// <summary>Graph name of the resource group.</summary>
    public required string ResourceGroup { get; init; }

    public required string Location { get; init; }

    public override IEnumerable<string> References => [ResourceGroup];
}

/// <summary>
/// Trust between a Kubernetes service account and a user-assigned identity
/// (Pulumi.Azure.ArmMsi.FederatedIdentityCredential): the issuer is the AKS cluster's OIDC issuer.
/// </summary>
public sealed record FederatedIdentityCredential : AzureResource
{
    /// <summary>Graph name of the user-assigned identity.</summary>
    public required string Identity { get; init; }

    /// <summary>Graph name of the AKS cluster whose OIDC issuer the credential trusts.</summary>
    public required string Cluster { get; init; }

    /// <summary>system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;.</summary>
    public required string Subject { get; init; }

    public string Audience { get; init; } = "api://AzureADTokenExchange";

    public override IEnumerable<string> References => [Identity, Cluster];
}
