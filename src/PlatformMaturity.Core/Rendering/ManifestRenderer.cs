using System.Collections.Immutable;
using System.Text;
using PlatformMaturity.Graph;

namespace PlatformMaturity.Rendering;

/// <summary>
/// Renders a graph as a manifest tree: one folder per component with a kustomization.yaml of its
/// Kubernetes objects, each Helm release as release.yaml beside its values.yaml, and a README.md saying
/// what the component does. <c>kubectl kustomize DIR</c> builds every object of the first cluster,
/// <c>kubectl kustomize DIR/cluster-&lt;member&gt;</c> those of a further member of platform:clusters.
/// </summary>
public static class ManifestRenderer
{
    public const string KustomizationFile = "kustomization.yaml";
    public const string ReleaseFile = "release.yaml";
    public const string ValuesFile = "values.yaml";

    public static ImmutableArray<RenderedFile> Render(PlatformGraph graph)
    {
        var files = new List<RenderedFile>();
        // A practice's objects on another cluster than its own (the fleet standby's registrations) go to a folder per
        // cluster, which that cluster's folder includes: one kustomization never mixes two clusters' objects.
        var elsewhere = graph.Components.Where(c => c.TypeToken != Composition.ClusterMembers.TypeToken)
            .SelectMany(c => c.Resources.OfType<KubernetesResource>().Where(o => o.Cluster != ClusterRef.PrimaryKey).Select(o => (c.Id, o.Cluster)))
            .Distinct().ToList();
        foreach (var component in graph.Components)
        {
            var member = component.TypeToken == Composition.ClusterMembers.TypeToken;
            var objects = component.Resources.OfType<KubernetesResource>().ToList();
            foreach (var obj in objects)
            {
                var folder = member || obj.Cluster == ClusterRef.PrimaryKey ? component.Id : $"{component.Id}/{obj.Cluster}";
                files.Add(new RenderedFile($"{folder}/{obj.Name}.yaml", Yaml.Of(obj.Object)));
            }
            var own = objects.Where(o => member || o.Cluster == ClusterRef.PrimaryKey).Select(o => $"{o.Name}.yaml");
            var included = elsewhere.Where(e => member && component.Id == Composition.ClusterMembers.ComponentId(e.Cluster)).Select(e => $"../{e.Id}/{e.Cluster}");
            files.Add(new RenderedFile($"{component.Id}/{KustomizationFile}", Kustomization(own.Concat(included))));
            foreach (var cluster in objects.Where(o => !member && o.Cluster != ClusterRef.PrimaryKey).Select(o => o.Cluster).Distinct().Order(StringComparer.Ordinal))
                files.Add(new RenderedFile($"{component.Id}/{cluster}/{KustomizationFile}", Kustomization(objects.Where(o => o.Cluster == cluster).Select(o => $"{o.Name}.yaml"))));

            foreach (var release in component.Resources.OfType<HelmRelease>())
            {
                files.Add(new RenderedFile($"{component.Id}/{release.Name}/{ReleaseFile}", ReleaseDescriptor(release)));
                files.Add(new RenderedFile($"{component.Id}/{release.Name}/{ValuesFile}", Yaml.OfPlain(release.Values.ToPlain())));
            }
            files.Add(new RenderedFile($"{component.Id}/README.md", ComponentReadme.Of(component, graph)));
            foreach (var (name, markdown) in component.Documents)
                files.Add(new RenderedFile($"{component.Id}/{name}", markdown));
            // Secrets from stack config are never written: their README says how to create them.
        }
        // The root builds the first cluster; each further member's folder (cluster-<member>) builds that member, whose
        // objects carry the same names and would clash in one kustomization.
        files.Add(new RenderedFile(KustomizationFile, Kustomization(graph.Components.Where(c => c.TypeToken != Composition.ClusterMembers.TypeToken).Select(c => c.Id))));
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    private static string Kustomization(IEnumerable<string> resources) => Yaml.OfPlain(new Dictionary<string, object>
    {
        ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
        ["kind"] = "Kustomization",
        ["resources"] = resources.ToList(),
    });

    /// <summary>What to install, for people and for tools that install releases (not a Kubernetes object).</summary>
    private static string ReleaseDescriptor(HelmRelease release)
    {
        var descriptor = new Dictionary<string, object>
        {
            ["name"] = release.ReleaseName,
            ["namespace"] = release.Namespace,
            ["createNamespace"] = release.CreateNamespace,
            ["repository"] = release.Chart.Repository,
            ["chart"] = release.Chart.Name,
            ["version"] = release.Chart.Version,
            ["valuesFile"] = ValuesFile,
            ["atomic"] = release.Atomic,
            ["timeoutSeconds"] = release.TimeoutSeconds,
            ["practice"] = release.Provenance.Source,
            ["level"] = release.Provenance.Level,
        };
        if (!release.ProvidesApiGroups.IsEmpty)
            descriptor["providesApiGroups"] = release.ProvidesApiGroups.ToList();
        if (!release.ValuesFromAzure.IsEmpty)
            descriptor["valuesFromAzure"] = release.ValuesFromAzure.ToDictionary(v => v.Key, v => $"{v.Value.Resource}.{v.Value.Output}");
        var install = new StringBuilder()
            .Append($"# Install by hand: helm upgrade --install {release.ReleaseName} ")
            .Append(release.Chart.IsOci ? release.Chart.Name : $"{release.Chart.Name} --repo {release.Chart.Repository}")
            .Append($" --version {release.Chart.Version} --namespace {release.Namespace}")
            .Append(release.CreateNamespace ? " --create-namespace" : "")
            .Append($" --values {ValuesFile}")
            .Append(string.Concat(release.ValuesFromAzure.Select(v => $" --set {HelmSetPath(v.Key)}=<{v.Value.Resource}.{v.Value.Output}>")))
            .Append('\n');
        return install + Yaml.OfPlain(descriptor);
    }

    /// <summary>A values path as helm --set writes it: dots inside a key escaped.</summary>
    private static string HelmSetPath(string path) =>
        string.Join('.', HelmValues.SplitPath(path).Select(segment => segment.Replace(".", "\\.", StringComparison.Ordinal)));
}
