using System.Text.Json.Nodes;
using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// A policy assignment at resource-group scope (Pulumi.Azure.Core.ResourceGroupPolicyAssignment, Pulumi.Azure 6.39,
/// sdk/dotnet/Core/ResourceGroupPolicyAssignment.cs: Name, ResourceGroupId, PolicyDefinitionId, DisplayName, Parameters
/// as JSON text {"name": {"value": ...}}).
/// </summary>
internal static class ResourceGroupPolicyAssignmentMapper
{
    public static PulumiAzure.Core.ResourceGroupPolicyAssignment Map(ResourceGroupPolicyAssignment assignment, MappingContext context, PlatformComponent parent) =>
        new(assignment.Name, Args(assignment, context.Refs), context.Options(assignment, parent));

    internal static PulumiAzure.Core.ResourceGroupPolicyAssignmentArgs Args(ResourceGroupPolicyAssignment assignment, AzureOutputs refs) => new()
    {
        Name = assignment.AssignmentName,
        ResourceGroupId = refs.Resolve(new AzureRef(assignment.ResourceGroup, AzureOutput.Id)),
        PolicyDefinitionId = assignment.PolicyDefinitionId,
        DisplayName = assignment.DisplayName,
        Parameters = Parameters(assignment).ToJsonString(),
    };

    /// <summary>The assignment's parameters in Azure Policy's form: each name → {"value": ...}.</summary>
    internal static JsonObject Parameters(ResourceGroupPolicyAssignment assignment) =>
        new(assignment.Parameters.Select(p => KeyValuePair.Create<string, JsonNode?>(p.Key, new JsonObject { ["value"] = p.Value })));
}
