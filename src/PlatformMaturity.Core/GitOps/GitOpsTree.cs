using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Security;
using PlatformMaturity.Rendering;

namespace PlatformMaturity.GitOps;

/// <summary>
/// The Git-ready tree Argo CD's root Application syncs (pmctl render --gitops), in the GitOps Bridge layout:
/// <c>kustomization.yaml</c> listing <c>apps/&lt;component&gt;.yaml</c> (one Application, or one ApplicationSet where
/// cloud outputs or several namespaces are needed, per component Argo CD delivers), <c>components/&lt;component&gt;/</c>
/// with the component's manifests as a kustomize folder and each Helm release's <c>values.yaml</c> beside them
/// (multi-source Applications: the chart from its repository, the values from Git), and <c>bootstrap/</c> with the
/// repository Secrets of OCI chart registries. Sync waves follow the graph's component order.
/// </summary>
public static class GitOpsTree
{
    public const string AppsFolder = "apps";
    public const string ComponentsFolder = "components";
    public const string SyncWaveAnnotation = "argocd.argoproj.io/sync-wave";

    /// <summary>The finalizer that would make deleting an Application delete its workloads; never set (hand-over safety).</summary>
    public const string ResourcesFinalizer = "resources-finalizer.argocd.argoproj.io";

    /// <summary>
    /// Charts that generate certificates at template time (genCA): Argo CD renders them on every refresh, so the
    /// generated Secret and the webhooks' caBundle would drift forever. The Application ignores those fields and
    /// respects the ignore on sync, so the live (existing) Secret stays. opentelemetry-operator chart 0.122.0
    /// admissionWebhooks.autoGenerateCert.
    /// </summary>
    public static readonly ImmutableSortedSet<string> TemplateTimeCertificateCharts = ImmutableSortedSet.Create(StringComparer.Ordinal, "opentelemetry-operator");

    /// <summary>Folder of the cluster members' trees: clusters/&lt;member&gt;/ beside the first cluster's (which kustomize does not include).</summary>
    public const string ClustersFolder = "clusters";

    public static ImmutableArray<RenderedFile> Render(PlatformGraph graph)
    {
        if (!GitOpsDelivery.HandsOver(graph))
            throw new InvalidOperationException("the stack hands nothing over to Argo CD: GitOps Platform Management is not in effect or platform:gitops.repoUrl is not set");
        var waves = Waves(graph);
        var files = new List<RenderedFile>();
        foreach (var cluster in graph.Clusters)
        {
            var prefix = ClusterFolder(cluster.Key);
            files.AddRange(RenderCluster(graph, cluster.Key, waves).Select(f => prefix.Length == 0 ? f : f with { Path = $"{prefix}/{f.Path}" }));
        }
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Folder of a cluster's tree inside the rendered tree: the first cluster's at the top (the layout a single-cluster
    /// stack always had), each member's in clusters/&lt;member&gt;, which its own Argo CD's root Application syncs.
    /// </summary>
    public static string ClusterFolder(string cluster) => cluster == ClusterRef.PrimaryKey ? "" : $"{ClustersFolder}/{cluster}";

    /// <summary>The repository path a cluster's root Application syncs: platform:gitops.path, and a member's folder below it.</summary>
    public static string RepoFolder(Config.PlatformConfig config, string cluster) =>
        cluster == ClusterRef.PrimaryKey ? config.GitOps.Path : $"{config.GitOps.Path}/{ClusterFolder(cluster)}";

    /// <summary>One cluster's tree, relative to its folder: what that cluster's Argo CD applies.</summary>
    private static List<RenderedFile> RenderCluster(PlatformGraph graph, string cluster, IReadOnlyDictionary<string, int> waves)
    {
        var files = new List<RenderedFile>();
        var apps = new List<string>();
        var components = GitOpsDelivery.ArgoCdComponents(graph, cluster);
        foreach (var (component, resources) in components)
        {
            var objects = resources.OfType<KubernetesResource>().ToList();
            var releases = resources.OfType<HelmRelease>().ToList();
            var folder = $"{ComponentsFolder}/{component.Id}";
            foreach (var obj in objects)
                files.Add(new RenderedFile($"{folder}/{obj.Name}.yaml", Yaml.Of(obj.Object)));
            if (objects.Count > 0)
                files.Add(new RenderedFile($"{folder}/kustomization.yaml", Kustomization(objects.Select(o => $"{o.Name}.yaml"))));
            foreach (var release in releases)
                files.Add(new RenderedFile($"{folder}/{release.Name}/values.yaml", Yaml.OfPlain(release.Values.ToPlain())));

            var applications = ComponentApplications(graph, cluster, component, objects, releases, waves[component.Id]);
            files.Add(new RenderedFile($"{AppsFolder}/{component.Id}.yaml", string.Join("---\n", applications.Select(Yaml.Of))));
            apps.Add($"{AppsFolder}/{component.Id}.yaml");
        }
        foreach (var secret in OciRepositorySecrets(graph, cluster))
        {
            var path = $"bootstrap/{secret.Metadata.Name}.yaml";
            files.Add(new RenderedFile(path, Yaml.Of(secret)));
            apps.Add(path);
        }
        files.Add(new RenderedFile("kustomization.yaml", Kustomization(apps)));
        files.Add(new RenderedFile("README.md", Readme(graph, cluster, components.Select(c => c.Component), waves)));
        return files;
    }

    /// <summary>Wave of each component: one more than the highest wave of the components it depends on (the graph's order).</summary>
    public static IReadOnlyDictionary<string, int> Waves(PlatformGraph graph)
    {
        var waves = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var component in graph.Components)
            waves[component.Id] = component.DependsOn.Select(d => waves[d] + 1).DefaultIfEmpty(0).Max();
        return waves;
    }

    /// <summary>A path of a cluster's tree inside the repository (below platform:gitops.path), as sources name it.</summary>
    private static string RepoPath(PlatformGraph graph, string cluster, string relative) => $"{RepoFolder(graph.Config, cluster)}/{relative}";

    /// <summary>Label of every Application and ApplicationSet naming the graph component it delivers.</summary>
    public const string ComponentLabel = "platform.maturity/component";

    private static List<IKubernetesObject<V1ObjectMeta>> ComponentApplications(PlatformGraph graph, string cluster, GraphComponent component,
        List<KubernetesResource> objects, List<HelmRelease> releases, int wave)
    {
        var gitops = graph.Config.GitOps;
        var namespaces = releases.Select(r => r.Namespace).Distinct(StringComparer.Ordinal).ToList();
        var fromAzure = releases.Any(r => !r.ValuesFromAzure.IsEmpty) || objects.Any(o => !o.TextFromAzure.IsEmpty);

        // One Application per destination namespace of the component's releases (a Helm source renders into the
        // Application's namespace); the objects (which name their namespaces) ride with the first.
        var specs = new List<(string Name, JsonObject Spec)>();
        var groups = namespaces.Count == 0 ? [(Namespace: (string?)null, Releases: new List<HelmRelease>())]
            : namespaces.Select(ns => (Namespace: (string?)ns, Releases: releases.Where(r => r.Namespace == ns).ToList())).ToList();
        for (var i = 0; i < groups.Count; i++)
        {
            var (ns, group) = groups[i];
            var sources = new JsonArray();
            foreach (var release in group)
                sources.Add(ReleaseSource(graph, cluster, component, release));
            if (group.Count > 0)
                sources.Add(new JsonObject { ["repoURL"] = gitops.RepoUrl, ["targetRevision"] = gitops.Revision, ["ref"] = "values" });
            if (i == 0 && objects.Count > 0)
                sources.Add(ObjectsSource(graph, cluster, component, objects));
            var spec = new JsonObject
            {
                ["project"] = GitOpsPlatformManagement.PlatformProject,
                ["sources"] = sources,
                ["destination"] = new JsonObject { ["server"] = GitOpsBridge.InClusterServer, ["namespace"] = ns ?? GitOpsPlatformManagement.Namespace },
                ["syncPolicy"] = GitOpsPlatformManagement.SyncPolicy(serverSideApply: group.Any(r => !r.ProvidesApiGroups.IsEmpty)),
            };
            // Objects of kinds whose CRDs a release of the same Application installs cannot be dry-run before the CRDs exist.
            if (group.Count > 0 && i == 0 && objects.Count > 0)
                spec["syncPolicy"]!["syncOptions"]!.AsArray().Add("SkipDryRunOnMissingResource=true");
            if (IgnoreDifferences(group) is { Count: > 0 } ignore)
            {
                spec["ignoreDifferences"] = ignore;
                spec["syncPolicy"]!["syncOptions"]!.AsArray().Add("RespectIgnoreDifferences=true");
            }
            specs.Add((groups.Count == 1 ? component.Id : $"{component.Id}-{ns}", spec));
        }

        var annotations = new Dictionary<string, string> { [SyncWaveAnnotation] = wave.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var provenance = component.Provenance;
        return [.. specs.Select(spec =>
        {
            var labels = Composition.StandardLabels.Apply(new Dictionary<string, string> { [ComponentLabel] = component.Id }, graph.Config, provenance);
            return fromAzure
                ? ApplicationSet(cluster, spec.Name, spec.Spec, annotations, labels)
                : (IKubernetesObject<V1ObjectMeta>)new CustomObject
                {
                    ApiVersion = "argoproj.io/v1alpha1",
                    Kind = "Application",
                    Metadata = new V1ObjectMeta { Name = spec.Name, NamespaceProperty = GitOpsPlatformManagement.Namespace, Annotations = annotations, Labels = labels },
                    Spec = spec.Spec,
                };
        })];
    }

    /// <summary>
    /// An ApplicationSet whose cluster generator selects the bridge's cluster Secret: only generators can read cluster
    /// Secret annotations, so every cloud output reaches the Application through <see cref="GitOpsBridge.TemplateFor"/>.
    /// </summary>
    private static CustomObject ApplicationSet(string cluster, string name, JsonObject spec, Dictionary<string, string> annotations, IDictionary<string, string> labels) => new()
    {
        ApiVersion = "argoproj.io/v1alpha1",
        Kind = "ApplicationSet",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = GitOpsPlatformManagement.Namespace, Annotations = annotations, Labels = labels },
        Spec = new JsonObject
        {
            ["goTemplate"] = true,
            ["goTemplateOptions"] = new JsonArray("missingkey=error"),
            ["generators"] = new JsonArray(new JsonObject
            {
                ["clusters"] = new JsonObject { ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { [GitOpsBridge.ClusterLabel] = cluster } } },
            }),
            // Deleting the ApplicationSet (or an Application it made) never deletes the platform's workloads.
            ["syncPolicy"] = new JsonObject { ["preserveResourcesOnDeletion"] = true },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["namespace"] = GitOpsPlatformManagement.Namespace,
                    ["annotations"] = new JsonObject([.. annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value)))]),
                    ["labels"] = new JsonObject([.. labels.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value)))]),
                },
                ["spec"] = spec,
            },
        },
    };

    private static JsonObject ReleaseSource(PlatformGraph graph, string cluster, GraphComponent component, HelmRelease release)
    {
        var helm = new JsonObject
        {
            // Same release name as the Helm release Pulumi installed: Argo CD renders the same object names and adopts them.
            ["releaseName"] = release.ReleaseName,
            ["valueFiles"] = new JsonArray($"$values/{RepoPath(graph, cluster, $"{ComponentsFolder}/{component.Id}/{release.Name}/values.yaml")}"),
        };
        if (!release.ValuesFromAzure.IsEmpty)
        {
            helm["parameters"] = new JsonArray([.. release.ValuesFromAzure.Select(v => (JsonNode)new JsonObject
            {
                ["name"] = HelmSetPath(v.Key),
                ["value"] = GitOpsBridge.TemplateFor(v.Value),
                ["forceString"] = true,
            })]);
        }
        return new JsonObject
        {
            ["repoURL"] = GitOpsPlatformManagement.ChartRepository(release.Chart),
            ["chart"] = release.Chart.Name.Split('/')[^1],
            ["targetRevision"] = release.Chart.Version,
            ["helm"] = helm,
        };
    }

    private static JsonObject ObjectsSource(PlatformGraph graph, string cluster, GraphComponent component, List<KubernetesResource> objects)
    {
        var source = new JsonObject
        {
            ["repoURL"] = graph.Config.GitOps.RepoUrl,
            ["targetRevision"] = graph.Config.GitOps.Revision,
            ["path"] = RepoPath(graph, cluster, $"{ComponentsFolder}/{component.Id}"),
        };
        var patches = objects.Where(o => !o.TextFromAzure.IsEmpty).Select(AzurePatch).ToList();
        if (patches.Count > 0)
            source["kustomize"] = new JsonObject { ["patches"] = new JsonArray([.. patches]) };
        return source;
    }

    /// <summary>A JSON 6902 patch replacing each string that holds an Azure placeholder with the bridge annotation's value.</summary>
    private static JsonNode AzurePatch(KubernetesResource resource)
    {
        var ops = new JsonArray();
        void Walk(JsonNode? node, string pointer)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                        Walk(value, $"{pointer}/{key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}");
                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                        Walk(array[i], $"{pointer}/{i}");
                    break;
                case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                    var text = value.GetValue<string>();
                    var replaced = resource.TextFromAzure.Aggregate(text, (t, r) => t.Replace(r.Placeholder, GitOpsBridge.TemplateFor(r), StringComparison.Ordinal));
                    if (replaced != text)
                        ops.Add(new JsonObject { ["op"] = "replace", ["path"] = pointer, ["value"] = replaced });
                    break;
            }
        }
        Walk(resource.ToJson(), "");
        var target = new JsonObject { ["kind"] = resource.Kind, ["name"] = resource.ObjectName };
        if (resource.Namespace is { } ns)
            target["namespace"] = ns;
        return new JsonObject { ["target"] = target, ["patch"] = Yaml.Of(ops) };
    }

    private static JsonArray IgnoreDifferences(List<HelmRelease> releases)
    {
        var ignore = new JsonArray();
        foreach (var release in releases.Where(r => TemplateTimeCertificateCharts.Contains(r.Chart.Name)))
        {
            ignore.Add(new JsonObject { ["kind"] = "Secret", ["namespace"] = release.Namespace, ["jsonPointers"] = new JsonArray("/data") });
            foreach (var kind in new[] { "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration" })
                ignore.Add(new JsonObject { ["group"] = "admissionregistration.k8s.io", ["kind"] = kind, ["jqPathExpressions"] = new JsonArray(".webhooks[]?.clientConfig.caBundle") });
        }
        return ignore;
    }

    /// <summary>
    /// Argo CD's repository Secrets for OCI chart registries (public: no credentials), which Helm sources need
    /// (enableOCI). They hold no secret and live in Git beside the Applications.
    /// </summary>
    private static IEnumerable<V1Secret> OciRepositorySecrets(PlatformGraph graph, string cluster) =>
        graph.Resources.OfType<HelmRelease>()
            .Where(r => r.Cluster == cluster && r.Chart.IsOci && GitOpsDelivery.ByArgoCd(graph, r))
            .Select(r => GitOpsPlatformManagement.ChartRepository(r.Chart))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(url => new V1Secret
            {
                ApiVersion = "v1",
                Kind = "Secret",
                Metadata = new V1ObjectMeta
                {
                    Name = "repo-" + string.Concat(url.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')).Trim('-'),
                    NamespaceProperty = GitOpsPlatformManagement.Namespace,
                    Labels = new Dictionary<string, string> { ["argocd.argoproj.io/secret-type"] = "repository" },
                },
                Type = "Opaque",
                StringData = new Dictionary<string, string> { ["type"] = "helm", ["url"] = url, ["enableOCI"] = "true", ["name"] = url.Split('/')[^1] },
            });

    private static string Kustomization(IEnumerable<string> resources) => Yaml.OfPlain(new Dictionary<string, object>
    {
        ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
        ["kind"] = "Kustomization",
        ["resources"] = resources.ToList(),
    });

    private static string HelmSetPath(string path) =>
        string.Join('.', HelmValues.SplitPath(path).Select(segment => segment.Replace(".", "\\.", StringComparison.Ordinal)));

    private static string Readme(PlatformGraph graph, string cluster, IEnumerable<GraphComponent> components, IReadOnlyDictionary<string, int> waves)
    {
        var gitops = graph.Config.GitOps;
        var root = RepoFolder(graph.Config, cluster);
        var text = new System.Text.StringBuilder()
            .Append($"# GitOps tree of stack {graph.Config.Stack}{(cluster == ClusterRef.PrimaryKey ? "" : $", cluster {cluster}")}\n\n")
            .Append($"Written by `pmctl render {graph.Config.Stack} --gitops`; commit it at `{gitops.Path}` of {gitops.RepoUrl} ({gitops.Revision}).\n")
            .Append($"The root Application `{GitOpsPlatformManagement.RootApplication}` of this cluster's Argo CD (created by Pulumi) syncs `{root}`: one Application (or ApplicationSet) per component in `apps/`,\n")
            .Append("the components' manifests and Helm values in `components/`. Do not edit by hand: change the stack and render again.\n");
        if (cluster == ClusterRef.PrimaryKey && graph.Clusters.Length > 1)
            text.Append($"Each other cluster of the platform runs its own Argo CD, which syncs its folder in `{ClustersFolder}/`.\n");
        text.Append("\n| Sync wave | Component |\n|---|---|\n");
        foreach (var component in components)
            text.Append($"| {waves[component.Id]} | {component.Id} |\n");
        text.Append("\nPulumi keeps Argo CD itself, the Secrets from stack config and the Namespaces they live in; cloud outputs reach these Applications\n")
            .Append($"as `{GitOpsBridge.Prefix}*` annotations of the cluster Secret `{GitOpsBridge.ClusterSecretName}` in namespace `{GitOpsPlatformManagement.Namespace}`.\n");
        return text.ToString();
    }
}
