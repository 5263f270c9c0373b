using System.Text.Json.Nodes;
using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// An Azure Policy assignment on one resource (Pulumi.Azure.Core.ResourcePolicyAssignment; ResourceId and
/// PolicyDefinitionId required, Parameters a JSON string: pulumi/pulumi-azure sdk/dotnet/Core/ResourcePolicyAssignment.cs).
/// </summary>
internal static class PolicyAssignmentMapper
{
    public static PulumiAzure.Core.ResourcePolicyAssignment Map(PolicyAssignment assignment, MappingContext context, PlatformComponent parent) =>
        new(assignment.Name, Args(assignment, context.Refs), context.Options(assignment, parent));

    internal static PulumiAzure.Core.ResourcePolicyAssignmentArgs Args(PolicyAssignment assignment, AzureOutputs refs) => new()
    {
        Name = assignment.Name,
        ResourceId = refs.Resolve(assignment.ResourceId),
        PolicyDefinitionId = assignment.PolicyDefinitionId,
        DisplayName = assignment.DisplayName,
        Parameters = Parameters(assignment),
    };

    /// <summary>ARM's parameter shape: {"name": {"value": …}}.</summary>
    internal static string Parameters(PolicyAssignment assignment)
    {
        var json = new JsonObject();
        foreach (var (name, value) in assignment.Parameters)
            json[name] = new JsonObject { ["value"] = value };
        return json.ToJsonString();
    }
}
