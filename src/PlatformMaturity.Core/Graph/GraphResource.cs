using System.Collections.Immutable;

namespace PlatformMaturity.Graph;

/// <summary>A resource of the platform graph: a Kubernetes object, a Helm release or an Azure resource.</summary>
public abstract record GraphResource
{
    /// <summary>Unique within the graph and stable across levels: the name the Pulumi resource gets.</summary>
    public required string Name { get; init; }

    /// <summary>The practice (or foundation) and level that put the resource here.</summary>
    public required Provenance Provenance { get; init; }

    /// <summary>Names of resources that must exist before this one.</summary>
    public ImmutableArray<string> DependsOn { get; init; } = [];

    /// <summary>Provenance of settings other practices contributed, by setting path (e.g. "DefaultNodePool.NodeCount").</summary>
    public ImmutableSortedDictionary<string, Provenance> Contributions { get; init; } =
        ImmutableSortedDictionary.Create<string, Provenance>(StringComparer.Ordinal);

    /// <summary>A short label of the kind of resource, e.g. "Namespace", "HelmRelease", "azure:KubernetesCluster".</summary>
    public abstract string Kind { get; }

    /// <summary>Who put the setting at <paramref name="path"/> here: the closest contributed prefix, else the resource's own provenance.</summary>
    public Provenance ProvenanceOf(string path)
    {
        for (var prefix = path; prefix.Length > 0; prefix = ResourceSettings.Parent(prefix))
        {
            if (Contributions.TryGetValue(prefix, out var provenance))
                return provenance;
        }
        return Provenance;
    }
}
