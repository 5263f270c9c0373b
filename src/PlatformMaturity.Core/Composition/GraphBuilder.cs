using System.Collections.Immutable;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Composition;

/// <summary>Collects components and resources during one composition, then resolves dependencies and order.</summary>
internal sealed class GraphBuilder(PlatformConfig config, ImmutableArray<ClusterRef> clusters, IReadOnlySet<string> practicesInEffect,
    IReadOnlySet<string> practicesImplemented)
{
    private readonly List<ComponentDraft> _components = [];
    private readonly Dictionary<string, (string Owner, GraphResource Resource)> _resources = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    // A resource as the last contribution left it, serialised: the next contribution's "before", so a resource many
    // practices contribute to is serialised once per contribution rather than twice.
    private readonly Dictionary<string, (GraphResource Of, byte[] Json)> _serialized = new(StringComparer.Ordinal);
    private readonly List<Action> _afterPractices = [];
    private readonly Dictionary<string, List<Func<string, KubernetesResource, KubernetesResource>>> _perMember = new(StringComparer.Ordinal);

    public PlatformConfig Config { get; } = config;

    public ImmutableArray<ClusterRef> Clusters { get; } = clusters;

    public IEnumerable<GraphResource> All => _order.Select(name => _resources[name].Resource);

    public bool InEffect(string practice) => practicesInEffect.Contains(practice);

    /// <summary>Whether <paramref name="owner"/> added the resource named <paramref name="resource"/>.</summary>
    public bool Has(string owner, string resource) => _resources.TryGetValue(resource, out var entry) && entry.Owner == owner;

    /// <summary>The id of the component that added a resource.</summary>
    public string OwnerOf(string resource) => _resources[resource].Owner;

    public bool Implements(string practice) => practicesImplemented.Contains(practice);

    public ComponentBuilder StartComponent(string id, string typeToken, string title, Provenance provenance,
        ImmutableArray<ComponentIdentity> predecessors = default)
    {
        var builder = new ComponentBuilder(this, id, provenance);
        _components.Add(new ComponentDraft(id, typeToken, title, provenance, predecessors.IsDefault ? [] : predecessors, builder));
        return builder;
    }

    /// <summary>Queues work that must see what every practice added (see <see cref="ComponentBuilder.AfterPractices"/>).</summary>
    public void AfterPractices(Action action) => _afterPractices.Add(action);

    /// <summary>Runs the queued work, in the order it was queued, once every practice is built.</summary>
    public void RunAfterPractices()
    {
        foreach (var action in _afterPractices)
            action();
        _afterPractices.Clear();
    }

    /// <summary>Queues a change to every member's copy of a first-cluster object (see <see cref="ComponentBuilder.ForEachMember{T}"/>).</summary>
    public void ForEachMember(string resourceName, Func<string, KubernetesResource, KubernetesResource> change) =>
        (_perMember.TryGetValue(resourceName, out var list) ? list : _perMember[resourceName] = []).Add(change);

    /// <summary>A member's copy of a first-cluster object with the queued per-member changes applied, in the order they were queued.</summary>
    public KubernetesResource ForMember(string key, KubernetesResource original) =>
        _perMember.TryGetValue(original.Name, out var changes) ? changes.Aggregate(original, (current, change) => change(key, current)) : original;

    public void Add(string owner, GraphResource resource)
    {
        if (_resources.TryGetValue(resource.Name, out var existing))
            throw new InvalidOperationException($"'{owner}' adds resource '{resource.Name}', which '{existing.Owner}' already added");
        _resources[resource.Name] = (owner, resource);
        _order.Add(resource.Name);
    }

    public void Contribute<T>(string contributor, string resourceName, Func<T, T> change, Provenance provenance) where T : GraphResource
    {
        if (!_resources.TryGetValue(resourceName, out var entry))
            throw new InvalidOperationException($"'{contributor}' contributes to '{resourceName}', which is not in the graph");
        if (entry.Resource is not T current)
            throw new InvalidOperationException($"'{contributor}' contributes to '{resourceName}' as {typeof(T).Name}, but it is {entry.Resource.GetType().Name}");

        var before = _serialized.TryGetValue(resourceName, out var known) && ReferenceEquals(known.Of, current)
            ? known.Json
            : ResourceSettings.Serialize(current);
        var changed = change(current);
        var after = ResourceSettings.Serialize(changed);
        var settings = ResourceSettings.Changed(before, after, withoutGraphFields: current is not KubernetesResource);
        var paths = settings.Select(s => s.Key).ToList();

        var contributions = changed.Contributions.SetItems(paths.Select(p => KeyValuePair.Create(p, provenance)));
        var stored = changed with { Contributions = contributions };
        _resources[resourceName] = (entry.Owner, stored);
        _serialized[resourceName] = (stored, after); // contributions are graph bookkeeping, not settings
        if (entry.Owner != contributor)
        {
            var draft = _components.First(c => c.Id == contributor);
            draft.Contributions.AddRange(settings.Select(s => new ContributedSetting(resourceName, s.Key, s.Value)));
        }
    }

    public PlatformGraph Build(ImmutableArray<PracticeStatus> practices)
    {
        // Looked up once per resource below: indexed here so a large stack (hundreds of tenants) stays linear.
        var releases = All.OfType<HelmRelease>().ToList();
        var resolved = _order.ToDictionary(name => name, name => Resolve(_resources[name].Resource, releases), StringComparer.Ordinal);
        var ownedBy = _order.GroupBy(name => _resources[name].Owner, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var components = _components.Select(draft =>
        {
            var owned = ownedBy.GetValueOrDefault(draft.Id) ?? [];
            var ownedSet = owned.ToHashSet(StringComparer.Ordinal);
            var dependsOn = owned
                .SelectMany(name => resolved[name].DependsOn)
                .Select(dep => _resources[dep].Owner)
                .Concat(draft.Contributions.Select(c => _resources[c.Resource].Owner))
                .Where(owner => owner != draft.Id)
                .ToHashSet(StringComparer.Ordinal);
            return new GraphComponent(
                draft.Id,
                draft.TypeToken,
                draft.Title,
                draft.Provenance,
                [.. TopologicalOrder(owned, name => resolved[name].DependsOn.Where(ownedSet.Contains)).Select(name => resolved[name])],
                [.. draft.Contributions],
                [.. draft.Builder.Notes],
                [.. _components.Select(c => c.Id).Where(dependsOn.Contains)])
            {
                Predecessors = draft.Predecessors,
                Documents = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, draft.Builder.Documents),
            };
        }).ToList();

        var byId = components.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var ordered = TopologicalOrder(components.Select(c => c.Id).ToList(), id => byId[id].DependsOn);
        return new PlatformGraph(Config, Clusters, [.. ordered.Select(id => byId[id])], practices);
    }

    /// <summary>The resource with every dependency it has: explicit, Azure references, its namespace, its CRDs' release, its cluster.</summary>
    private GraphResource Resolve(GraphResource resource, List<HelmRelease> releases)
    {
        var deps = new List<string>(resource.DependsOn);
        switch (resource)
        {
            case AzureResource azure:
                deps.AddRange(azure.References);
                break;
            case KubernetesResource kubernetes:
                deps.AddRange(ClusterDependency(kubernetes.Cluster));
                if (kubernetes.Namespace is { } ns)
                    deps.AddRange(NamespaceDependency(ns, kubernetes.Cluster));
                if (kubernetes.ApiGroup.Contains('.') && !kubernetes.ApiGroup.EndsWith(".k8s.io", StringComparison.Ordinal))
                    deps.Add(CrdProvider(kubernetes, releases));
                deps.AddRange(kubernetes.TextFromAzure.Select(r => r.Resource));
                break;
            case HelmRelease release:
                deps.AddRange(ClusterDependency(release.Cluster));
                deps.AddRange(NamespaceDependency(release.Namespace, release.Cluster));
                deps.AddRange(release.ValuesFromAzure.Values.Select(r => r.Resource));
                break;
            case ConfigSecret secret:
                deps.AddRange(ClusterDependency(secret.Cluster));
                deps.AddRange(NamespaceDependency(secret.Namespace, secret.Cluster));
                break;
        }

        foreach (var dep in deps.Where(d => !_resources.ContainsKey(d)))
            throw new InvalidOperationException($"'{resource.Name}' depends on '{dep}', which is not in the graph");
        return resource with { DependsOn = [.. deps.Where(d => d != resource.Name).Distinct()] };
    }

    /// <summary>The Namespace object of the graph that a namespaced resource needs, when the graph holds it.</summary>
    private IEnumerable<string> NamespaceDependency(string ns, string cluster)
    {
        var name = ComponentBuilder.KubernetesName(new k8s.Models.V1Namespace { Kind = "Namespace", Metadata = new() { Name = ns } }, cluster);
        return _resources.ContainsKey(name) ? [name] : [];
    }

    private IEnumerable<string> ClusterDependency(string cluster) =>
        Clusters.Where(c => c.Key == cluster && c.AksResource is not null).Select(c => c.AksResource!);

    /// <summary>
    /// The release installing the CRD of a custom object: one that names its kind ("group/Kind", for groups two charts
    /// share: argoproj.io holds Argo CD's Applications and Argo Rollouts' Rollouts), else one that provides its group,
    /// else the cluster add-on that brings it.
    /// </summary>
    private string CrdProvider(KubernetesResource resource, List<HelmRelease> releases) =>
        (releases.FirstOrDefault(r => r.Cluster == resource.Cluster && r.ProvidesApiGroups.Contains($"{resource.ApiGroup}/{resource.Kind}"))
            ?? releases.FirstOrDefault(r => r.Cluster == resource.Cluster && r.ProvidesApiGroups.Contains(resource.ApiGroup)))?.Name
        ?? AddOnProvider(resource)
        ?? throw new InvalidOperationException(
            $"'{resource.Name}' is a {resource.ApiGroup} {resource.Kind}, but no release in the graph provides the {resource.ApiGroup} CRDs");

    /// <summary>The AKS cluster, when one of its add-ons installs the object's CRDs (the Istio add-on: istio.io groups).</summary>
    private string? AddOnProvider(KubernetesResource resource) =>
        Clusters.FirstOrDefault(c => c.Key == resource.Cluster)?.AksResource is { } aks
        && _resources.TryGetValue(aks, out var cluster) && cluster.Resource is Graph.Azure.KubernetesCluster { AddOnApiGroups: var groups }
        && groups.Contains(resource.ApiGroup)
            ? aks
            : null;

    /// <summary>
    /// Kahn's algorithm, taking ready items in their original order so the result is deterministic: each step takes
    /// the earliest item (by position in <paramref name="items"/>) whose dependencies are all taken. Ready items wait
    /// in a queue by position, so a component of thousands of resources orders in n log n rather than n².
    /// </summary>
    private static List<string> TopologicalOrder(List<string> items, Func<string, IEnumerable<string>> dependencies)
    {
        var position = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
            position.TryAdd(items[i], i);
        var waitingOn = new int[items.Count];
        var dependents = new List<int>?[items.Count];
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var dependency in dependencies(items[i]).Distinct(StringComparer.Ordinal))
            {
                // A dependency outside the items (or the item itself) is never taken: the item stays waiting.
                if (!position.TryGetValue(dependency, out var d) || d == i)
                {
                    waitingOn[i] = int.MaxValue;
                    continue;
                }
                if (waitingOn[i] != int.MaxValue)
                    waitingOn[i]++;
                (dependents[d] ??= []).Add(i);
            }
            if (waitingOn[i] == 0)
                ready.Enqueue(i, i);
        }

        var result = new List<string>(items.Count);
        var taken = new bool[items.Count];
        while (ready.TryDequeue(out var next, out _))
        {
            taken[next] = true;
            result.Add(items[next]);
            foreach (var dependent in dependents[next] ?? [])
            {
                if (waitingOn[dependent] != int.MaxValue && --waitingOn[dependent] == 0)
                    ready.Enqueue(dependent, dependent);
            }
        }
        if (result.Count < items.Count)
            throw new InvalidOperationException($"dependency cycle among: {string.Join(", ", items.Where((_, i) => !taken[i]))}");
        return result;
    }

    private sealed record ComponentDraft(string Id, string TypeToken, string Title, Provenance Provenance,
        ImmutableArray<ComponentIdentity> Predecessors, ComponentBuilder Builder)
    {
        public List<ContributedSetting> Contributions { get; } = [];
    }
}
