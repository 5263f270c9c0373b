using System.Collections.Immutable;
using PlatformMaturity.Config;

namespace PlatformMaturity.Graph;

/// <summary>
/// The platform a stack describes, as plain data: components (one per practice in effect, plus the
/// foundation) holding resources, in dependency order, and the status of every practice of the level.
/// The same config always gives an equal graph.
/// </summary>
public sealed record PlatformGraph(
    PlatformConfig Config,
    ImmutableArray<ClusterRef> Clusters,
    ImmutableArray<GraphComponent> Components,
    ImmutableArray<PracticeStatus> Practices)
{
    public IEnumerable<GraphResource> Resources => Components.SelectMany(c => c.Resources);

    public GraphResource Resource(string name) =>
        Resources.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"the graph has no resource '{name}'");

    public GraphComponent? Component(string id) => Components.FirstOrDefault(c => c.Id == id);

    public GraphComponent OwnerOf(string resourceName) =>
        Components.First(c => c.Resources.Any(r => r.Name == resourceName));
}

/// <summary>A cluster the platform's Kubernetes objects and releases go to.</summary>
/// <param name="Key">Identifies the cluster within the graph ("primary" for the first).</param>
/// <param name="AksResource">On azure: graph name of the AKS cluster record whose kubeconfig reaches it.</param>
/// <param name="KubeContext">On existing: the kubeconfig context, or null for the current one.</param>
public sealed record ClusterRef(string Key, string? AksResource, string? KubeContext)
{
    public const string PrimaryKey = "primary";
}

/// <summary>
/// A component of the graph: the foundation or one practice. In Pulumi it becomes a ComponentResource
/// of <see cref="TypeToken"/> whose children are <see cref="Resources"/>.
/// </summary>
public sealed record GraphComponent(
    string Id,
    string TypeToken,
    string Title,
    Provenance Provenance,
    ImmutableArray<GraphResource> Resources,
    ImmutableArray<ContributedSetting> Contributions,
    ImmutableArray<string> Notes,
    ImmutableArray<string> DependsOn)
{
    public const string FoundationId = "foundation";

    /// <summary>
    /// Components of the practices this one supersedes (directly or through a chain). Resources move
    /// to a successor's component on upgrade; the Pulumi host aliases them so they are not replaced.
    /// </summary>
    public ImmutableArray<ComponentIdentity> Predecessors { get; init; } = [];

    /// <summary>Documents for people (file name → Markdown) that pmctl render writes into the component's folder, e.g. the SLA.</summary>
    public ImmutableSortedDictionary<string, string> Documents { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
}

/// <summary>A component's id and Pulumi type token: what names it in Pulumi state.</summary>
public sealed record ComponentIdentity(string Id, string TypeToken);

/// <summary>A setting a component contributed to a resource another component owns.</summary>
public sealed record ContributedSetting(string Resource, string Path, string Value);
