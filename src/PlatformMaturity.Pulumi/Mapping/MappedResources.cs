using PlatformMaturity.Graph;
using Pulumi;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>The Pulumi resource made for each graph resource, by graph name, and the component it is a child of.</summary>
public sealed class MappedResources
{
    private readonly Dictionary<string, (Resource Resource, PlatformComponent Parent)> _byName = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => _byName.Keys;

    public Resource this[string name] => Entry(name).Resource;

    public PlatformComponent ParentOf(string name) => Entry(name).Parent;

    internal void Add(GraphResource graphResource, Resource resource, PlatformComponent parent)
    {
        if (!_byName.TryAdd(graphResource.Name, (resource, parent)))
            throw new InvalidOperationException($"graph resource '{graphResource.Name}' was mapped twice");
    }

    /// <summary>A mapped resource of the Pulumi type the caller needs (e.g. the AKS cluster for its kubeconfig).</summary>
    public T Get<T>(string name) where T : Resource =>
        this[name] as T ?? throw new InvalidOperationException($"graph resource '{name}' is a {this[name].GetResourceType()}, not a {typeof(T).Name}");

    /// <summary>
    /// The Pulumi resources a graph resource depends on; the mapper maps them first.
    /// </summary>
    internal Resource[] DependenciesOf(GraphResource resource) => [.. resource.DependsOn.Select(name => this[name])];

    private (Resource Resource, PlatformComponent Parent) Entry(string name) =>
        _byName.TryGetValue(name, out var entry)
            ? entry
            : throw new InvalidOperationException($"graph resource '{name}' has not been mapped (yet); the graph's dependency order is broken");
}
