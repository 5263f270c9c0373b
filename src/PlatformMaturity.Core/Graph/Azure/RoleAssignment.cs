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

/// <summary>
/// An Azure RBAC role assignment to an Entra group named in config (Pulumi.Azure.Authorization.Assignment with
/// PrincipalType Group), on a resource of the graph or a path below it (an AKS namespace: &lt;cluster id&gt;/namespaces/&lt;name&gt;).
/// </summary>
public sealed record GroupRoleAssignment : AzureResource
{
    public required AzureRef Scope { get; init; }

    /// <summary>Appended to the scope's id, e.g. "/namespaces/team-a"; empty for the resource itself.</summary>
    public string ScopeSuffix { get; init; } = "";

    /// <summary>A built-in role's name, e.g. Azure Kubernetes Service RBAC Writer.</summary>
    public required string RoleDefinitionName { get; init; }

    /// <summary>The Entra group's object id.</summary>
    public required string GroupObjectId { get; init; }

    public override IEnumerable<string> References => [Scope.Resource];
}
