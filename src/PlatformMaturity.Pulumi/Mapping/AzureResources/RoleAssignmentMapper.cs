using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>An Azure RBAC role assignment (Pulumi.Azure.Authorization.Assignment); assignments take no tags.</summary>
internal static class RoleAssignmentMapper
{
    public static PulumiAzure.Authorization.Assignment Map(RoleAssignment assignment, MappingContext context, PlatformComponent parent) =>
        new(assignment.Name, Args(assignment, context.Refs), context.Options(assignment, parent));

    internal static PulumiAzure.Authorization.AssignmentArgs Args(RoleAssignment assignment, AzureOutputs refs) => new()
    {
        Scope = refs.Resolve(assignment.Scope),
        RoleDefinitionName = assignment.RoleDefinitionName,
        PrincipalId = refs.Resolve(assignment.PrincipalId),
        PrincipalType = assignment.PrincipalType,
    };

    public static PulumiAzure.Authorization.Assignment Map(GroupRoleAssignment assignment, MappingContext context, PlatformComponent parent) =>
        new(assignment.Name, Args(assignment, context.Refs), context.Options(assignment, parent));

    /// <summary>An Entra group from config; a namespace scope is the cluster's id followed by /namespaces/&lt;name&gt; (AKS Azure RBAC).</summary>
    internal static PulumiAzure.Authorization.AssignmentArgs Args(GroupRoleAssignment assignment, AzureOutputs refs) => new()
    {
        Scope = refs.Resolve(assignment.Scope).Apply(id => id + assignment.ScopeSuffix),
        RoleDefinitionName = assignment.RoleDefinitionName,
        PrincipalId = assignment.GroupObjectId,
        PrincipalType = "Group",
    };
}
