using System.Collections.Immutable;
using PlatformMaturity.Graph;
using Pulumi;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// A graph component as a Pulumi ComponentResource (type token platform:&lt;category&gt;:&lt;Name&gt;, named by the
/// component id); the component's resources are its children.
/// </summary>
public sealed class PlatformComponent : ComponentResource
{
    internal PlatformComponent(GraphComponent component, ImmutableArray<ComponentIdentity> aliases)
        : base(component.TypeToken, component.Id, new ComponentResourceOptions
        {
            // A successor practice takes over its predecessor's resources on upgrade. Aliasing the component to
            // the predecessor's (type and name, same parent) also aliases every child, so Pulumi moves the
            // resources instead of replacing them.
            Aliases = [.. aliases.Select(a => (Input<Alias>)new Alias { Name = a.Id, Type = a.TypeToken })],
        })
    {
        Component = component;
    }

    public GraphComponent Component { get; }

    /// <summary>Marks the component complete (RegisterOutputs), with what it is and how to operate it.</summary>
    internal void Complete() => RegisterOutputs(new Dictionary<string, object?>
    {
        ["practice"] = Component.Title,
        ["level"] = Component.Provenance.Level,
        ["notes"] = Component.Notes.ToList(),
    });
}
