using System.Collections.Immutable;
using PlatformMaturity.Graph;

namespace PlatformMaturity.Planning;

/// <summary>Resources added, changed and removed between two graphs, setting by setting, each with provenance.</summary>
public static class GraphDiff
{
    /// <param name="settings">Settings already read from these graphs' resources (a plan compares three graphs, the middle one twice).</param>
    public static ImmutableArray<ResourceChange> Between(PlatformGraph before, PlatformGraph after, SettingsMemo? settings = null)
    {
        settings ??= new SettingsMemo();
        var old = Index(before);
        var @new = Index(after);
        var changes = new List<ResourceChange>();

        foreach (var (name, (resource, component)) in @new)
        {
            if (!old.TryGetValue(name, out var previous))
            {
                changes.Add(new ResourceChange(ChangeKind.Add, name, resource.Kind, component, resource.Provenance,
                    [.. settings.Of(resource).Select(s => new SettingChange(s.Key, null, s.Value, resource.ProvenanceOf(s.Key)))]));
                continue;
            }
            if (settings.Identical(previous.Resource, resource))
            {
                if (previous.Component != component)
                    changes.Add(new ResourceChange(ChangeKind.Change, name, resource.Kind, component, resource.Provenance, [], previous.Component));
                continue;
            }
            var was = settings.Of(previous.Resource);
            var now = settings.Of(resource);
            var changed = now.Keys.Union(was.Keys)
                .Order(StringComparer.Ordinal)
                .Where(path => was.GetValueOrDefault(path) != now.GetValueOrDefault(path))
                .Select(path => new SettingChange(path, was.GetValueOrDefault(path), now.GetValueOrDefault(path),
                    now.ContainsKey(path) ? resource.ProvenanceOf(path) : previous.Resource.ProvenanceOf(path)))
                .ToImmutableArray();
            if (!changed.IsEmpty || previous.Component != component)
                changes.Add(new ResourceChange(ChangeKind.Change, name, resource.Kind, component, resource.Provenance, changed,
                    previous.Component != component ? previous.Component : null));
        }

        foreach (var (name, (resource, component)) in old.Where(o => !@new.ContainsKey(o.Key)))
        {
            changes.Add(new ResourceChange(ChangeKind.Remove, name, resource.Kind, component, resource.Provenance,
                [.. settings.Of(resource).Select(s => new SettingChange(s.Key, s.Value, null, resource.ProvenanceOf(s.Key)))],
                Retained: resource is Graph.Azure.AzureResource { RetainOnDelete: true }));
        }
        return [.. changes];
    }

    private static Dictionary<string, (GraphResource Resource, string Component)> Index(PlatformGraph graph) =>
        graph.Components
            .SelectMany(c => c.Resources.Select(r => (r, c.Id)))
            .ToDictionary(x => x.r.Name, x => (x.r, x.Id), StringComparer.Ordinal);
}

/// <summary>
/// Each resource's settings, read once per resource object, and a digest of its JSON so that the unchanged resources
/// of two graphs (most of them) compare without being flattened.
/// </summary>
public sealed class SettingsMemo
{
    private readonly Dictionary<GraphResource, ImmutableSortedDictionary<string, string>> _settings = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<GraphResource, byte[]> _digests = new(ReferenceEqualityComparer.Instance);

    public ImmutableSortedDictionary<string, string> Of(GraphResource resource)
    {
        if (!_settings.TryGetValue(resource, out var settings))
            _settings[resource] = settings = ResourceSettings.Flatten(resource);
        return settings;
    }

    /// <summary>Whether two resources serialise to the same JSON (then every setting is equal).</summary>
    public bool Identical(GraphResource a, GraphResource b) =>
        a.GetType() == b.GetType() && Digest(a).AsSpan().SequenceEqual(Digest(b));

    private byte[] Digest(GraphResource resource)
    {
        if (!_digests.TryGetValue(resource, out var digest))
            _digests[resource] = digest = System.Security.Cryptography.SHA256.HashData(ResourceSettings.Serialize(resource));
        return digest;
    }
}
