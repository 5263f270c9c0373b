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
/// Trust between a workload and a user-assigned identity (Pulumi.Azure.ArmMsi.FederatedIdentityCredential): a
/// Kubernetes service account (the issuer is the AKS cluster's OIDC issuer, <see cref="Cluster"/>) or an external
/// workload such as a CI pipeline (a fixed <see cref="Issuer"/> URL). Exactly one of the two is set.
/// </summary>
public sealed record FederatedIdentityCredential : AzureResource
{
    /// <summary>Graph name of the user-assigned identity.</summary>
    public required string Identity { get; init; }

    /// <summary>Graph name of the AKS cluster whose OIDC issuer the credential trusts; null when <see cref="Issuer"/> is set.</summary>
    public string? Cluster { get; init; }

    /// <summary>A fixed issuer URL (e.g. https://token.actions.githubusercontent.com); null when <see cref="Cluster"/> is set.</summary>
    public string? Issuer { get; init; }

    /// <summary>system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;, or the external issuer's subject (repo:owner/repo:ref:refs/heads/main).</summary>
    public required string Subject { get; init; }

    public string Audience { get; init; } = "api://AzureADTokenExchange";

    /// <summary>Whether the credential trusts the first cluster only (a service that runs there alone): members get no copy.</summary>
    public bool PrimaryOnly { get; init; }

    public override IEnumerable<string> References => Cluster is null ? [Identity] : [Identity, Cluster];
}
