using System.Collections.Immutable;

namespace PlatformMaturity.Graph.Azure;

/// <summary>
/// An Azure Policy (initiative) assignment on one resource (Pulumi.Azure.Core.ResourcePolicyAssignment:
/// ResourceId, PolicyDefinitionId, Parameters as JSON, DisplayName; checked against pulumi/pulumi-azure
/// sdk/dotnet/Core/ResourcePolicyAssignment.cs). Assignments take no tags.
/// </summary>
public sealed record PolicyAssignment : AzureResource
{
    /// <summary>The resource the assignment applies to (e.g. the AKS cluster's id).</summary>
    public required AzureRef ResourceId { get; init; }

    /// <summary>The id of a built-in policy definition or initiative (policy set definition).</summary>
    public required string PolicyDefinitionId { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The assignment's parameters, as ARM takes them: name → value (sent as {"name": {"value": …}}).</summary>
    public ImmutableSortedDictionary<string, string> Parameters { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public override IEnumerable<string> References => [ResourceId.Resource];
}
