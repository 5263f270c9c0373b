using System.Collections.Immutable;

namespace PlatformMaturity.Graph;

/// <summary>A Helm release of a pinned chart into one namespace of one cluster.</summary>
public sealed record HelmRelease : GraphResource
{
    public required string Cluster { get; init; }

    public required string ReleaseName { get; init; }

    public required string Namespace { get; init; }

    public required HelmChart Chart { get; init; }

    public HelmValues Values { get; init; } = HelmValues.Empty;

    /// <summary>Whether the release creates its namespace (false when the graph holds the Namespace object).</summary>
    public bool CreateNamespace { get; init; } = true;

    /// <summary>API groups whose CRDs the chart installs; objects of these groups are ordered after the release.</summary>
    public ImmutableArray<string> ProvidesApiGroups { get; init; } = [];

    /// <summary>
    /// Values path → an output of an Azure resource of the graph (e.g. a storage account's generated name or an
    /// identity's client id). The Pulumi host sets them once the outputs are known; render lists them in release.yaml.
    /// Paths use the <see cref="HelmValues"/> syntax plus <c>name[n]</c> for the n-th item of a list the values already hold.
    /// </summary>
    public ImmutableSortedDictionary<string, Azure.AzureRef> ValuesFromAzure { get; init; } =
        ImmutableSortedDictionary.Create<string, Azure.AzureRef>(StringComparer.Ordinal);

    /// <summary>
    /// Whether the release runs on the first cluster only, where the fleet's shared services live (the Argo CD hub, the
    /// developer portal): cluster members get no copy.
    /// </summary>
    public bool PrimaryOnly { get; init; }

    /// <summary>Seconds Helm waits for the release's resources to become ready.</summary>
    public int TimeoutSeconds { get; init; } = 600;

    /// <summary>Roll the release back when an install or upgrade fails.</summary>
    public bool Atomic { get; init; } = true;

    public override string Kind => "HelmRelease";
}
