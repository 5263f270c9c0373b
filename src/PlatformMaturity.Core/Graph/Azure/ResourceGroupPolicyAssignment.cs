using System.Collections.Immutable;

namespace PlatformMaturity.Graph.Azure;

/// <summary>
/// An Azure Policy definition assigned to one resource group (Pulumi.Azure.Core.ResourceGroupPolicyAssignment,
/// Pulumi.Azure 6.39: Name, ResourceGroupId, PolicyDefinitionId, DisplayName, Parameters (JSON text)). It holds no data:
/// dropping it only stops the evaluation. Assignments take no tags (the Args have none).
/// </summary>
public sealed record ResourceGroupPolicyAssignment : AzureResource
{
    /// <summary>The assignment's Azure name (at most 64 characters at resource-group scope).</summary>
    public required string AssignmentName { get; init; }

    /// <summary>Graph name of the resource group it is assigned to (its id is ResourceGroupId).</summary>
    public required string ResourceGroup { get; init; }

    /// <summary>Full id of the built-in definition, /providers/Microsoft.Authorization/policyDefinitions/&lt;guid&gt;.</summary>
    public required string PolicyDefinitionId { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The definition's parameters as assigned (name → value), e.g. effect → Audit.</summary>
    public ImmutableSortedDictionary<string, string> Parameters { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    public override IEnumerable<string> References => [ResourceGroup];
}
