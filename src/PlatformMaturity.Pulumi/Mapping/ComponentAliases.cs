using System.Collections.Immutable;
using PlatformMaturity.Graph;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>The predecessor components a component is aliased to.</summary>
internal static class ComponentAliases
{
    /// <summary>
    /// The component's predecessors (Core's supersession chains) that the graph does not also hold: an alias must
    /// not name a component that still exists in its own right, or two resources would claim the same state.
    /// </summary>
    public static ImmutableArray<ComponentIdentity> For(GraphComponent component, PlatformGraph graph) =>
        [.. component.Predecessors.Where(p => graph.Component(p.Id) is null)];
}
