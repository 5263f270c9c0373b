using System.Collections.Immutable;
using k8s;
using k8s.Models;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Composition;

/// <summary>
/// What a practice (or the foundation) uses to put its resources into the graph and contribute settings
/// to resources others own. Every change is recorded with provenance.
/// </summary>
public sealed class ComponentBuilder
{
    private readonly GraphBuilder _graph;

    internal ComponentBuilder(GraphBuilder graph, string id, Provenance provenance)
    {
        _graph = graph;
        Id = id;
        Provenance = provenance;
    }

    public string Id { get; }

    /// <summary>Default provenance of what this component adds: its practice and the first level listing it.</summary>
    public Provenance Provenance { get; }

    public PlatformConfig Config => _graph.Config;

    public int Level => Config.Level;

    public bool IsAzure => Config.IsAzure;

    /// <summary>The clusters of the platform; Kubernetes objects go to <see cref="ClusterRef.PrimaryKey"/> unless stated.</summary>
    public ImmutableArray<ClusterRef> Clusters => _graph.Clusters;

    internal List<string> Notes { get; } = [];

    internal Dictionary<string, string> Documents { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether a practice is in effect at the stack's level (listed or carried), e.g. to add what a superseded predecessor no longer does.</summary>
    public bool InEffect(string practice) => _graph.InEffect(practice);

    /// <summary>
    /// Whether a practice in effect is also built on this target: the tool has a component for it and it is not
    /// "not applicable" here. Test this, not <see cref="InEffect"/>, before relying on what the practice creates.
    /// </summary>
    public bool Implements(string practice) => _graph.Implements(practice);

    /// <summary>
    /// Whether the platform runs the Prometheus operator (and, on azure, the Log Analytics workspace) that a monitoring
    /// practice creates, so ServiceMonitors and PrometheusRules can be created and depend on <see cref="WellKnown.PrometheusStackRelease"/>.
    /// </summary>
    public bool HasMonitoring => Implements(WellKnown.BasicPlatformMonitoring) || Implements(WellKnown.AdvancedPlatformMonitoring);

    /// <summary>
    /// Whether an enforcement (an id of <see cref="Enforcements"/>) is in its non-blocking first phase: build the
    /// warn/audit form while it is, the enforcing form once pmctl upgrade --promote has cleared it.
    /// </summary>
    public bool IsStaged(string enforcement) => Enforcements.Find(enforcement) is null
        ? throw new ArgumentException($"'{enforcement}' is not an entry of {nameof(Enforcements)}.{nameof(Enforcements.All)}", nameof(enforcement))
        : Config.IsStaged(enforcement);

    /// <summary>Provenance for something this practice brings only from <paramref name="level"/> on.</summary>
    public Provenance Since(int level) => Provenance with { Level = Math.Max(level, Provenance.Level) };

    /// <summary>Adds a resource this component owns.</summary>
    public T Add<T>(T resource) where T : GraphResource
    {
        _graph.Add(Id, resource);
        return resource;
    }

    /// <summary>
    /// Adds a Kubernetes object with the platform's standard labels. Its graph name is
    /// kind-namespace-name (kind-name when cluster-scoped).
    /// </summary>
    public KubernetesResource AddObject(IKubernetesObject<V1ObjectMeta> obj, Provenance? provenance = null, string cluster = ClusterRef.PrimaryKey,
        IEnumerable<string>? dependsOn = null, bool primaryOnly = false)
    {
        var p = provenance ?? Provenance;
        obj.Metadata.Labels = StandardLabels.Apply(obj.Metadata.Labels, Config, p);
        return Add(new KubernetesResource
        {
            Name = KubernetesName(obj, cluster),
            Provenance = p,
            Cluster = cluster,
            Object = obj,
            DependsOn = [.. dependsOn ?? []],
            PrimaryOnly = primaryOnly,
        });
    }

    /// <summary>
    /// Adds a Helm release of a pinned chart; its graph name is the release name. List the API groups whose
    /// CRDs the chart installs in <paramref name="providesApiGroups"/>, so objects of those groups follow it.
    /// </summary>
    public HelmRelease AddRelease(string releaseName, string ns, HelmChart chart, HelmValues values, Provenance? provenance = null,
        string cluster = ClusterRef.PrimaryKey, IEnumerable<string>? providesApiGroups = null, IEnumerable<string>? dependsOn = null,
        bool createNamespace = true, IReadOnlyDictionary<string, AzureRef>? valuesFromAzure = null) =>
        Add(new HelmRelease
        {
            Name = cluster == ClusterRef.PrimaryKey ? releaseName : $"{cluster}-{releaseName}",
            Provenance = provenance ?? Provenance,
            Cluster = cluster,
            ReleaseName = releaseName,
            Namespace = ns,
            Chart = chart,
            Values = values,
            CreateNamespace = createNamespace,
            ProvidesApiGroups = [.. providesApiGroups ?? []],
            DependsOn = [.. dependsOn ?? []],
            ValuesFromAzure = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                valuesFromAzure ?? new Dictionary<string, AzureRef>()),
        });

    /// <summary>Changes settings of a resource another component owns; the changed settings get this component's provenance.</summary>
    public void Contribute<T>(string resourceName, Func<T, T> change, Provenance? provenance = null) where T : GraphResource =>
        _graph.Contribute(Id, resourceName, change, provenance ?? Provenance);

    /// <summary>Changes a Kubernetes object another component owns (on a copy); the changed fields get this component's provenance.</summary>
    public void ContributeObject<T>(string resourceName, Action<T> change, Provenance? provenance = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Contribute<KubernetesResource>(resourceName, resource =>
        {
            var copy = KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(resource.Object));
            change(copy);
            return resource with { Object = copy };
        }, provenance);

    /// <summary>Resources of a type already in the graph (e.g. the tenant namespaces the foundation created).</summary>
    public IEnumerable<T> Existing<T>() where T : GraphResource => _graph.All.OfType<T>();

    /// <summary>The graph name of a resource, for dependencies and contributions.</summary>
    public static string KubernetesName(IKubernetesObject<V1ObjectMeta> obj, string cluster = ClusterRef.PrimaryKey)
    {
        var parts = new List<string>();
        if (cluster != ClusterRef.PrimaryKey)
            parts.Add(cluster);
        parts.Add(obj.Kind.ToLowerInvariant());
        if (obj.Metadata.NamespaceProperty is { } ns)
            parts.Add(ns);
        parts.Add(obj.Metadata.Name);
        return string.Join('-', parts);
    }

    /// <summary>
    /// Runs <paramref name="action"/> on this component once every practice is built (before the cluster members copy
    /// the first cluster): for a practice that follows what others put into the graph whatever their order, like the
    /// landing zone replicating everything in a tenant's namespace into the namespaces teams create.
    /// </summary>
    public void AfterPractices(Action<ComponentBuilder> action) => _graph.AfterPractices(() => action(this));

    /// <summary>
    /// Changes every member's copy of a first-cluster object (on a copy of the object), for what must differ per cluster:
    /// names a peer sees (backup Schedules), text naming them (the DR runbook, the restore test's script). The copy stays
    /// the member's (component cluster-&lt;member&gt;, graph name &lt;member&gt;-&lt;name&gt;, also when the change renames the object),
    /// so its Pulumi identity is the one it always had. Changes run in the order they were queued, after every practice.
    /// </summary>
    public void ForEachMember<T>(string resourceName, Action<string, T> change) where T : class, IKubernetesObject<V1ObjectMeta> =>
        _graph.ForEachMember(resourceName, (key, resource) =>
        {
            var copy = KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(resource.Object));
            change(key, copy);
            return resource with { Object = copy };
        });

    /// <summary>Guidance for people operating the practice by hand (shown by describe and render).</summary>
    public void Note(string text) => Notes.Add(text);

    /// <summary>A Markdown document for people that pmctl render writes into this component's folder (a file name such as SLA.md).</summary>
    public void AddDocument(string fileName, string markdown)
    {
        if (fileName is "README.md" || !fileName.EndsWith(".md", StringComparison.Ordinal) || fileName.Contains('/', StringComparison.Ordinal))
            throw new ArgumentException($"'{fileName}' is not a document name (a Markdown file name other than README.md)", nameof(fileName));
        Documents.Add(fileName, markdown);
    }
}
