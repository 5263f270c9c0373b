using System.Text.Json;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Config;

namespace PlatformMaturity.Assess.Evidence;

/// <summary>
/// What the rules ask of a snapshot, computed once: the components found, Helm releases (from their release
/// Secrets' labels), and which namespaces are system, platform or tenant namespaces — all from what any cluster
/// shows, never from pmctl's own labels, so a cluster built by hand or by another tool is judged the same way.
/// </summary>
public sealed class ClusterView
{
    /// <summary>Namespaces Kubernetes itself creates.</summary>
    public static readonly IReadOnlySet<string> SystemNamespaces = new HashSet<string>(StringComparer.Ordinal) { "kube-system", "kube-public", "kube-node-lease", "default" };

    /// <summary>The kinds tenant namespaces are recognised by: a rule that reads tenants reads these.</summary>
    public static readonly IReadOnlyList<ApiKind> TenantKinds = [Kinds.Namespace, Kinds.RoleBinding, Kinds.ResourceQuota, Kinds.LimitRange, Kinds.Deployment, Kinds.StatefulSet, Kinds.DaemonSet, Kinds.Secret];

    /// <summary>The kinds a component is recognised by (see <see cref="Find"/>).</summary>
    public static readonly IReadOnlyList<ApiKind> ComponentKinds = [Kinds.Deployment, Kinds.StatefulSet, Kinds.DaemonSet, Kinds.Secret, Kinds.CustomResourceDefinition];

    private readonly Dictionary<string, Sighting?> _found = new(StringComparer.Ordinal);
    private readonly Dictionary<ApiKind, ILookup<string, ClusterObject>> _byNamespace = [];

    public ClusterView(ClusterSnapshot snapshot, EnvironmentKind? environment = null)
    {
        Snapshot = snapshot;
        Environment = environment;
        Workloads = [.. snapshot.Of(Kinds.Deployment).Concat(snapshot.Of(Kinds.StatefulSet)).Concat(snapshot.Of(Kinds.DaemonSet))];
        HelmReleases = [.. snapshot.Of(Kinds.Secret)
            .Where(s => s.Label(HelmLabels.Owner) == HelmLabels.OwnerHelm && s.Label(HelmLabels.ReleaseName) is not null)
            .GroupBy(s => (s.Namespace, Name: s.Label(HelmLabels.ReleaseName)!))
            .Select(g => new HelmReleaseSeen(g.Key.Namespace ?? "", g.Key.Name, g.OrderBy(s => Revision(s)).Last().Label(HelmLabels.Status) ?? "unknown"))
            .OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];
        Definitions = snapshot.Of(Kinds.CustomResourceDefinition).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        NamespaceObjects = snapshot.Of(Kinds.Namespace).ToDictionary(n => n.Name, StringComparer.Ordinal);
        PlatformNamespaces = FindPlatformNamespaces();
        TenantNamespaces = FindTenants();
    }

    public ClusterSnapshot Snapshot { get; }

    /// <summary>
    /// What the user said the cluster is (`pmctl assess --environment`): no object shows it, and a practice that
    /// belongs to non-production clusters is judged differently on a production one. Null when not said.
    /// </summary>
    public EnvironmentKind? Environment { get; }

    public IReadOnlyList<ClusterObject> Workloads { get; }

    public IReadOnlyList<HelmReleaseSeen> HelmReleases { get; }

    public IReadOnlySet<string> Definitions { get; }

    public IReadOnlyDictionary<string, ClusterObject> NamespaceObjects { get; }

    /// <summary>Namespaces that host a platform component (a known chart, add-on or operator).</summary>
    public IReadOnlySet<string> PlatformNamespaces { get; }

    /// <summary>
    /// Namespaces teams use: neither system nor platform, holding a team's RoleBinding (a Group or User subject),
    /// a ResourceQuota, a LimitRange or workloads, and where pods may run. Several markers, so one practice's objects going missing does
    /// not change which namespaces are tenants.
    /// </summary>
    public IReadOnlyList<string> TenantNamespaces { get; }

    public IReadOnlyList<ClusterObject> Of(ApiKind kind) => Snapshot.Of(kind);

    /// <summary>The objects of a kind in one namespace (indexed once per kind: rules ask per tenant, and there may be thousands).</summary>
    public IEnumerable<ClusterObject> InNamespace(ApiKind kind, string ns)
    {
        if (!_byNamespace.TryGetValue(kind, out var index))
            _byNamespace[kind] = index = Snapshot.Of(kind).ToLookup(o => o.Namespace ?? "", StringComparer.Ordinal);
        return index[ns];
    }

    /// <summary>The component when the cluster shows it, with the objects that do.</summary>
    public Sighting? Find(Signature signature)
    {
        if (_found.TryGetValue(signature.Component, out var cached))
            return cached;
        var evidence = new List<string>();
        foreach (var release in HelmReleases.Where(r => signature.Charts.Contains(r.Name, StringComparer.Ordinal)))
            evidence.Add($"Helm release {release.Namespace}/{release.Name} ({release.Status})");
        foreach (var workload in Workloads)
        {
            if (Matches(signature, workload))
                evidence.Add($"{workload.Kind.Kind} {workload.Id}");
        }
        evidence.AddRange(signature.Definitions.Where(Definitions.Contains).Select(d => $"CRD {d}"));
        var sighting = evidence.Count == 0 ? null : new Sighting(signature.Component, evidence);
        _found[signature.Component] = sighting;
        return sighting;
    }

    /// <summary>The first of the signatures the cluster shows.</summary>
    public IReadOnlyList<Sighting> FindAny(params Signature[] signatures) => [.. signatures.Select(Find).OfType<Sighting>()];

    public string? NamespaceLabel(string ns, string key) => NamespaceObjects.GetValueOrDefault(ns)?.Label(key);

    /// <summary>"2 of 3 tenant namespaces (missing: team-c)".</summary>
    public static string Share(IReadOnlyCollection<string> have, IReadOnlyCollection<string> all, string what)
    {
        var missing = all.Except(have).ToList();
        return missing.Count == 0
            ? $"{what} in all {all.Count} tenant namespaces ({string.Join(", ", all.Take(5))}{(all.Count > 5 ? ", …" : "")})"
            : $"{what} in {have.Count} of {all.Count} tenant namespaces (without: {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", …" : "")})";
    }

    /// <summary>
    /// A workload is the component's when its chart (helm.sh/chart) is one of the component's charts, or its
    /// app.kubernetes.io/name, k8s-app or own name is one of the component's workload names (managed add-ons).
    /// </summary>
    private static bool Matches(Signature signature, ClusterObject workload)
    {
        var chart = HelmLabels.ChartName(workload.Label(HelmLabels.Chart));
        return (chart is not null && signature.Charts.Contains(chart, StringComparer.Ordinal))
            || new[] { workload.Label(HelmLabels.AppName), workload.Label(HelmLabels.K8sApp), workload.Name }
                .Any(n => n is not null && signature.Workloads.Contains(n, StringComparer.Ordinal));
    }

    private static int Revision(ClusterObject secret) =>
        int.TryParse(secret.Label(HelmLabels.Revision), System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : 0;

    private HashSet<string> FindPlatformNamespaces()
    {
        var result = new HashSet<string>(SystemNamespaces, StringComparer.Ordinal);
        foreach (var ns in NamespaceObjects.Keys.Concat(Workloads.Select(w => w.Namespace ?? "")))
        {
            // kube-* and *-system are the conventions of add-ons and operators (cert-manager, gatekeeper-system, …).
            if (ns.StartsWith("kube-", StringComparison.Ordinal) || ns.EndsWith("-system", StringComparison.Ordinal))
                result.Add(ns);
        }
        foreach (var signature in typeof(Components).GetFields().Select(f => (Signature)f.GetValue(null)!))
        {
            foreach (var release in HelmReleases.Where(r => signature.Charts.Contains(r.Name, StringComparer.Ordinal)))
                result.Add(release.Namespace);
            foreach (var workload in Workloads)
            {
                if (Matches(signature, workload))
                    result.Add(workload.Namespace ?? "");
            }
        }
        return result;
    }

    private List<string> FindTenants()
    {
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var binding in Of(Kinds.RoleBinding).Where(b => b.Items("subjects").Any(s => Subject(s) is "Group" or "User")))
            candidates.Add(binding.Namespace ?? "");
        foreach (var obj in Of(Kinds.ResourceQuota).Concat(Of(Kinds.LimitRange)).Concat(Workloads))
            candidates.Add(obj.Namespace ?? "");
        candidates.ExceptWith(PlatformNamespaces);
        candidates.ExceptWith(Of(Kinds.ResourceQuota).Where(NoPods).Select(q => q.Namespace ?? ""));
        candidates.Remove("");
        return [.. candidates];
    }

    /// <summary>
    /// An unscoped quota of zero pods: no team can run anything there (a restore-test or quarantine namespace). A
    /// scoped one (e.g. zero pods of a platform PriorityClass) only fences part of a tenant's namespace.
    /// </summary>
    private static bool NoPods(ClusterObject quota) =>
        quota.Text("spec", "hard", "pods") == "0" && quota.At("spec", "scopes") is null && quota.At("spec", "scopeSelector") is null;

    private static string? Subject(JsonElement subject) =>
        subject.ValueKind == JsonValueKind.Object && subject.TryGetProperty("kind", out var kind) ? kind.GetString() : null;
}

/// <summary>A Helm release as its newest release Secret's labels show it.</summary>
public sealed record HelmReleaseSeen(string Namespace, string Name, string Status);
