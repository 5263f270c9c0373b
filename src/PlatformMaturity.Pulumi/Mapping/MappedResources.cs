using PlatformMaturity.Graph;
using Pulumi;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>The Pulumi resource made for each graph resource, by graph name, and the component it is a child of.</summary>
public sealed class MappedResources
{
    private readonly Dictionary<string, (Resource Resource, PlatformComponent Parent)> _byName = new(StringComparer.Ordinal);

    private readonly Dictionary<string, ResourceOptions> _options = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => _byName.Keys;

    public Resource this[string name] => Entry(name).Resource;

    public PlatformComponent ParentOf(string name) => Entry(name).Parent;

    internal void Add(GraphResource graphResource, Resource resource, PlatformComponent parent)
    {
        if (!_byName.TryAdd(graphResource.Name, (resource, parent)))
            throw new InvalidOperationException($"graph resource '{graphResource.Name}' was mapped twice");
    }

    /// <summary>
    /// The options a graph resource was registered with (parent, dependencies, provider, retention, ignored changes):
    /// what Pulumi's mocks cannot observe, kept so tests can check the mapping of every option. A Kubernetes object's
    /// are a ConfigGroup's component options.
    /// </summary>
    public ResourceOptions OptionsOf(string name) =>
        _options.TryGetValue(name, out var options)
            ? options
            : throw new InvalidOperationException($"graph resource '{name}' has no recorded options (not mapped yet)");

    internal void AddOptions(GraphResource graphResource, ResourceOptions options)
    {
        if (!_options.TryAdd(graphResource.Name, options))
            throw new InvalidOperationException($"graph resource '{graphResource.Name}' got its options twice");
    }

    /// <summary>A mapped resource of the Pulumi type the caller needs (e.g. the AKS cluster for its kubeconfig).</summary>
    public T Get<T>(string name) where T : Resource =>
        this[name] as T ?? throw new InvalidOperationException($"graph resource '{name}' is a {this[name].GetResourceType()}, not a {typeof(T).Name}");

    /// <summary>
    /// The Pulumi resources a graph resource depends on; the mapper maps them first.
    /// </summary>
    /// <summary>The mapped resources a resource depends on; dependencies Argo CD applies (from Level 4) are not Pulumi's to wait for.</summary>
    internal Resource[] DependenciesOf(GraphResource resource) => [.. resource.DependsOn.Where(_byName.ContainsKey).Select(name => this[name])];

    private (Resource Resource, PlatformComponent Parent) Entry(string name) =>
        _byName.TryGetValue(name, out var entry)
            ? entry
            : throw new InvalidOperationException($"graph resource '{name}' has not been mapped (yet); the graph's dependency order is broken");
}
