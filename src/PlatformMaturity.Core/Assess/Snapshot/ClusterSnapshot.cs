namespace PlatformMaturity.Assess.Snapshot;

/// <summary>Whether the assessment could see every object of a kind.</summary>
public enum CoverageState
{
    /// <summary>Listed: the objects held are all there are.</summary>
    Listed,

    /// <summary>The API server does not serve the kind (its CRD is not installed): there are none.</summary>
    NotServed,

    /// <summary>Could not be listed (forbidden, failed, missing from the snapshot): nothing can be said.</summary>
    Unknown,
}

public sealed record KindCoverage(ApiKind Kind, CoverageState State, string? Reason = null);

/// <summary>A problem with part of the input; the rest is still assessed.</summary>
/// <param name="Where">The file (or API path) and the position in it, e.g. "snap/all.json: line 12, column 4".</param>
public sealed record SnapshotProblem(string Where, string Message);

/// <summary>What the assessment knows about a cluster: the objects of the kinds it reads, and what it could not see.</summary>
public sealed class ClusterSnapshot
{
    private readonly Dictionary<ApiKind, List<ClusterObject>> _byKind;
    private readonly Dictionary<ApiKind, KindCoverage> _coverage;

    public ClusterSnapshot(
        string source,
        IEnumerable<ClusterObject> objects,
        Func<ApiKind, bool, KindCoverage> coverage,
        IReadOnlyList<SnapshotProblem> problems,
        IReadOnlyList<string> notes,
        long objectsRead,
        IReadOnlyList<string>? otherContexts = null)
    {
        Source = source;
        _byKind = Kinds.All.ToDictionary(k => k, _ => new List<ClusterObject>());
        var seen = new HashSet<(ApiKind, string?, string)>();
        foreach (var obj in objects)
        {
            // The same object in two files of a folder (a List and a per-kind file) counts once.
            if (seen.Add((obj.Kind, obj.Namespace, obj.Name)))
                _byKind[obj.Kind].Add(obj);
        }
        foreach (var list in _byKind.Values)
            list.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        _coverage = Kinds.All.ToDictionary(k => k, k => coverage(k, _byKind[k].Count > 0));
        Problems = problems;
        Notes = notes;
        ObjectsRead = objectsRead;
        OtherContexts = otherContexts ?? [];
    }

    /// <summary>"snapshot ./dump (3 files)" or "cluster https://… (context prod)".</summary>
    public string Source { get; }

    public IReadOnlyList<SnapshotProblem> Problems { get; }

    /// <summary>Statements about how complete the input is (e.g. that a single List is taken as complete).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Objects read, of every kind (most are of kinds no rule reads).</summary>
    public long ObjectsRead { get; }

    /// <summary>Other clusters the kubeconfig names (live assessments): evidence for Multi-cluster Platform.</summary>
    public IReadOnlyList<string> OtherContexts { get; }

    public IReadOnlyList<ClusterObject> Of(ApiKind kind) => _byKind[kind];

    public KindCoverage Coverage(ApiKind kind) => _coverage[kind];

    public IEnumerable<KindCoverage> Unseen => Kinds.All.Select(k => _coverage[k]).Where(c => c.State == CoverageState.Unknown);

    public int Count => _byKind.Values.Sum(l => l.Count);

    /// <summary>A copy without the objects <paramref name="drop"/> selects (tests take evidence away one practice at a time).</summary>
    public ClusterSnapshot Without(Func<ClusterObject, bool> drop) =>
        new(Source, _byKind.Values.SelectMany(l => l).Where(o => !drop(o)), (k, _) => _coverage[k], Problems, Notes, ObjectsRead, OtherContexts);

    /// <summary>Coverage when every kind was listed: a CRD-backed kind whose CRD is absent is not served.</summary>
    public static Func<ApiKind, bool, KindCoverage> Complete(IReadOnlySet<string> definitions) => (kind, any) =>
        !kind.BuiltIn && !any && !definitions.Contains(kind.DefinitionName)
            ? new KindCoverage(kind, CoverageState.NotServed, $"no CustomResourceDefinition {kind.DefinitionName}")
            : new KindCoverage(kind, CoverageState.Listed);
}
