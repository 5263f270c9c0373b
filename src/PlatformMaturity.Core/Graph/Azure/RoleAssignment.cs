namespace PlatformMaturity.Graph.Azure;

/// <summary>An Azure RBAC role assignment (Pulumi.Azure.Authorization.Assignment).</summary>
public sealed record RoleAssignment : AzureResource
{
    public required AzureRef Scope { get; init; }

    /// <summary>A built-in role's name, e.g. AcrPull.</summary>
    public required string RoleDefinitionName { get; init; }

    public required AzureRef PrincipalId { get; init; }

    /// <summary>ServicePrincipal, User or Group.</summary>
    public string PrincipalType { get; init; } = "ServicePrincipal";

    public override IEnumerable<string> References => [Scope.Resource, PrincipalId.Resource];
}
