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
}
