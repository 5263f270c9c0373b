using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.GitOps;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Security;
using PlatformMaturity.Rendering;
using PlatformMaturity.Tests.Shared;
using Xunit;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>
/// GitOps on the Level 4 topology (platform:clusters): each cluster runs its own Argo CD, which syncs its own folder of
/// the tree and reads its own cluster's cloud outputs; the first cluster keeps the names and layout it always had.
/// </summary>
public class GitOpsPerClusterTests
{
    public static TheoryData<string> Stacks() => ["l4-existing", "l4-azure"];

    private static PlatformGraph Graph(string stack) => Composer.Default.Compose(
        PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, stack), stack), stack));

    private static string Folder(string cluster) => GitOpsTree.ClusterFolder(cluster) is { Length: > 0 } f ? $"{f}/" : "";

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_cluster_has_its_tree_and_pulumi_and_the_trees_deliver_each_resource_exactly_once(string stack)
    {
        var graph = Graph(stack);
        Assert.True(graph.Clusters.Length > 1, $"{stack} is expected to list several clusters");
        Assert.True(GitOpsDelivery.HandsOver(graph), $"{stack} is expected to hand over to Argo CD (platform:gitops.repoUrl)");
        var tree = GitOpsTree.Render(graph);
        var paths = tree.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var cluster in graph.Clusters)
            Assert.Contains($"{Folder(cluster.Key)}kustomization.yaml", paths);

        var delivered = 0;
        foreach (var resource in graph.Resources.Where(r => r is KubernetesResource or HelmRelease or ConfigSecret))
        {
            var cluster = GitOpsDelivery.ClusterOf(resource)!;
            var folder = $"{Folder(cluster)}{GitOpsTree.ComponentsFolder}/{GitOpsDelivery.OriginOf(graph, resource).Id}";
            var inTree = resource switch
            {
                KubernetesResource => paths.Contains($"{folder}/{resource.Name}.yaml"),
                HelmRelease => paths.Contains($"{folder}/{resource.Name}/values.yaml"),
                _ => false,
            };
            Assert.True(inTree ^ GitOpsDelivery.ByPulumi(graph, resource), $"{resource.Name} on {cluster}: in tree {inTree}, by Pulumi {GitOpsDelivery.ByPulumi(graph, resource)}");
            if (inTree && cluster != ClusterRef.PrimaryKey)
                delivered++;
        }
        Assert.True(delivered > 50, $"only {delivered} resources of the members are in their trees");
        // The members' trees have the first cluster's Applications, one file per component.
        var primaryApps = tree.Where(f => f.Path.StartsWith($"{GitOpsTree.AppsFolder}/", StringComparison.Ordinal)).Select(f => f.Path).Order().ToList();
        foreach (var cluster in graph.Clusters.Where(c => c.Key != ClusterRef.PrimaryKey))
        {
            var prefix = Folder(cluster.Key);
            Assert.Equal(primaryApps, tree.Where(f => f.Path.StartsWith($"{prefix}{GitOpsTree.AppsFolder}/", StringComparison.Ordinal)).Select(f => f.Path[prefix.Length..]).Order());
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Each_cluster_runs_its_own_argo_cd_on_its_own_folder_and_cluster_secret(string stack)
    {
        var graph = Graph(stack);
        var tree = GitOpsTree.Render(graph);
        var gitops = graph.Config.GitOps;
        foreach (var cluster in graph.Clusters)
        {
            var argo = graph.Resources.OfType<HelmRelease>().Where(r => r.Cluster == cluster.Key && r.ReleaseName == GitOpsPlatformManagement.ReleaseName).ToList();
            Assert.Single(argo);
            Assert.False(GitOpsDelivery.ByArgoCd(graph, argo[0]));
            var objects = graph.Resources.OfType<KubernetesResource>().Where(r => r.Cluster == cluster.Key && r.Namespace == GitOpsPlatformManagement.Namespace).ToList();
            var root = Assert.IsType<CustomObject>(objects.Single(o => o.Kind == "Application" && o.ObjectName == GitOpsPlatformManagement.RootApplication).Object);
            var expected = cluster.Key == ClusterRef.PrimaryKey ? gitops.Path : $"{gitops.Path}/{GitOpsTree.ClustersFolder}/{cluster.Key}";
            Assert.Equal(expected, root.Spec!["source"]!["path"]!.GetValue<string>());
            Assert.Equal(GitOpsBridge.InClusterServer, root.Spec["destination"]!["server"]!.GetValue<string>());

            var secretResource = objects.Single(o => o.Kind == "Secret" && o.ObjectName == GitOpsBridge.ClusterSecretName);
            var secret = Assert.IsType<k8s.Models.V1Secret>(secretResource.Object);
            Assert.Equal(cluster.Key, secret.Metadata.Labels[GitOpsBridge.ClusterLabel]);

            // Every ApplicationSet of the cluster's tree selects the cluster's own Secret and reads only annotations it carries.
            var prefix = Folder(cluster.Key);
            var own = tree.Where(f => f.Path.StartsWith($"{prefix}{GitOpsTree.AppsFolder}/", StringComparison.Ordinal)).ToList();
            var read = own.SelectMany(f => GitOpsBridge.AnnotationsReadBy(f.Content)).ToHashSet(StringComparer.Ordinal);
            var written = secret.Metadata.Annotations?.Keys.ToHashSet(StringComparer.Ordinal) ?? [];
            Assert.Empty(read.Except(written));
            Assert.Equal(written.Order(), secretResource.TextFromAzure.Select(GitOpsBridge.AnnotationFor).Order());
            foreach (var document in own.SelectMany(f => YamlDocuments.Parse(f.Content)).Where(d => d!["kind"]!.GetValue<string>() == "ApplicationSet"))
                Assert.Equal(cluster.Key, document!["spec"]!["generators"]![0]!["clusters"]!["selector"]!["matchLabels"]![GitOpsBridge.ClusterLabel]!.GetValue<string>());
            // ...and every source of its Applications points into its own folder.
            var folder = cluster.Key == ClusterRef.PrimaryKey ? gitops.Path : expected;
            Assert.Contains(own, f => f.Content.Contains($"{folder}/{GitOpsTree.ComponentsFolder}/", StringComparison.Ordinal));
            foreach (var file in own)
                foreach (var line in file.Content.Split('\n').Where(l => l.Contains($"{gitops.Path}/", StringComparison.Ordinal)))
                    Assert.Contains($"{folder}/{GitOpsTree.ComponentsFolder}/", line, StringComparison.Ordinal);
        }
        if (graph.Config.IsAzure)
        {
            // A member's Argo CD reads its own cluster's outputs.
            var member = graph.Clusters.First(c => c.Key != ClusterRef.PrimaryKey).Key;
            var memberSecret = graph.Resources.OfType<KubernetesResource>().Single(r => r.Cluster == member && r.ObjectName == GitOpsBridge.ClusterSecretName);
            Assert.NotEmpty(memberSecret.TextFromAzure);
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void The_members_trees_are_deterministic_kustomize_folders_of_schema_valid_objects(string stack)
    {
        var first = GitOpsTree.Render(Graph(stack));
        Assert.Equal(first.Select(f => (f.Path, f.Content)), GitOpsTree.Render(Graph(stack)).Select(f => (f.Path, f.Content)));
        var errors = first.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) && !f.Path.EndsWith("kustomization.yaml", StringComparison.Ordinal) && !f.Path.EndsWith("values.yaml", StringComparison.Ordinal))
            .SelectMany(f => SchemaValidator.ValidateYaml(f.Content).Select(e => $"{f.Path}: {e}")).ToList();
        Assert.Empty(errors);
        // Every file a kustomization lists is in the tree (kustomize build would fail on a missing one).
        var paths = first.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var kustomization in first.Where(f => f.Path.EndsWith("kustomization.yaml", StringComparison.Ordinal)))
        {
            var dir = kustomization.Path.Contains('/') ? kustomization.Path[..kustomization.Path.LastIndexOf('/')] + "/" : "";
            var resources = YamlDocuments.Parse(kustomization.Content).Single()!["resources"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
            Assert.NotEmpty(resources);
            Assert.All(resources, r => Assert.Contains(dir + r, paths));
        }
    }
}
