using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Model;

namespace PlatformMaturity.GitOps;

/// <summary>
/// One graph decides who applies each Kubernetes resource from Level 4: Argo CD (from the tree pmctl render --gitops
/// writes) or Pulumi. Pulumi keeps what bootstraps Argo CD (the GitOps Platform Management component), every Secret
/// from stack config (credentials never go to Git) and the Namespaces those Secrets live in; Argo CD delivers every
/// other Kubernetes object and Helm release. Azure resources are always Pulumi's. While the hand-over is staged
/// (<see cref="Enforcements.GitOpsHandOver"/>) Pulumi still holds Argo CD's resources, retained so that dropping them
/// from its state never deletes them.
/// </summary>
public static class GitOpsDelivery
{
    public const string Practice = "GitOps Platform Management";

    public static readonly string ComponentId = PracticeNames.Slug(Practice);

    /// <summary>Whether Argo CD takes over the platform: the practice is built and a repository is configured.</summary>
    public static bool HandsOver(PlatformGraph graph) => graph.Config.GitOps.HandsOver && graph.Component(ComponentId) is not null;

    /// <summary>Whether the hand-over is complete: Pulumi no longer holds what Argo CD delivers.</summary>
    public static bool HandedOver(PlatformGraph graph) => HandsOver(graph) && !graph.Config.IsStaged(Enforcements.GitOpsHandOver);

    /// <summary>Whether Argo CD delivers the resource (from the GitOps tree).</summary>
    public static bool ByArgoCd(PlatformGraph graph, GraphResource resource)
    {
        if (!HandsOver(graph) || resource is not (KubernetesResource or HelmRelease))
            return false;
        if (IsClusterRegistration(resource) || OriginOf(graph, resource).Id == ComponentId)
            return false;
        return !(resource is KubernetesResource { Kind: "Namespace" } ns && SecretNamespaces(graph).Contains((ns.Cluster, ns.ObjectName)));
    }

    /// <summary>
    /// An Argo CD cluster Secret (the fleet hub's registration of a member): Pulumi's like the in-cluster one, since it
    /// carries the member's API server and CA from Azure and Argo CD needs it before it can place anything there.
    /// </summary>
    public static bool IsClusterRegistration(GraphResource resource) =>
        resource is KubernetesResource { Kind: "Secret" } secret
        && secret.Object.Metadata.Labels?.TryGetValue(GitOpsBridge.SecretTypeLabel, out var type) == true && type == "cluster";

    /// <summary>Whether the Pulumi program applies the resource.</summary>
    public static bool ByPulumi(PlatformGraph graph, GraphResource resource) => !HandedOver(graph) || !ByArgoCd(graph, resource);

    /// <summary>Whether Pulumi holds the resource only until the hand-over completes: retained, so dropping it deletes nothing.</summary>
    public static bool RetainedForHandOver(PlatformGraph graph, GraphResource resource) =>
        HandsOver(graph) && !HandedOver(graph) && ByArgoCd(graph, resource);

    /// <summary>Components with at least one resource Argo CD delivers on the first cluster: each gets one Application in the tree.</summary>
    public static IEnumerable<GraphComponent> ArgoCdComponents(PlatformGraph graph) =>
        graph.Components.Where(c => c.Resources.Any(r => ClusterOf(r) == ClusterRef.PrimaryKey && ByArgoCd(graph, r)));

    /// <summary>
    /// What Argo CD delivers on one cluster, by the first-cluster component it belongs to (a member's copies are
    /// grouped like the originals, so every cluster's tree has the same Applications), in the graph's order.
    /// </summary>
    public static IReadOnlyList<(GraphComponent Component, IReadOnlyList<GraphResource> Resources)> ArgoCdComponents(PlatformGraph graph, string cluster)
    {
        var delivered = graph.Resources.Where(r => ClusterOf(r) == cluster && ByArgoCd(graph, r))
            .GroupBy(r => OriginOf(graph, r).Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<GraphResource>)[.. g], StringComparer.Ordinal);
        return [.. graph.Components.Where(c => delivered.ContainsKey(c.Id)).Select(c => (c, delivered[c.Id]))];
    }

    /// <summary>The cluster a Kubernetes-side resource goes to; null for cloud resources.</summary>
    public static string? ClusterOf(GraphResource resource) => resource switch
    {
        KubernetesResource k => k.Cluster,
        HelmRelease h => h.Cluster,
        ConfigSecret s => s.Cluster,
        _ => null,
    };

    /// <summary>
    /// The first-cluster component a resource belongs to: its owner, or for a cluster member's copy the owner of the
    /// resource it copies (copies live in the member's component, see <see cref="Composition.ClusterMembers"/>).
    /// </summary>
    public static GraphComponent OriginOf(PlatformGraph graph, GraphResource resource)
    {
        if (ClusterOf(resource) is not { } cluster || cluster == ClusterRef.PrimaryKey)
            return graph.OwnerOf(resource.Name);
        // A member's object that copies nothing (the fleet standby's registrations) is its owner's.
        var original = Composition.ClusterMembers.OriginalName(cluster, resource.Name);
        return graph.Components.FirstOrDefault(c => c.Resources.Any(r => r.Name == original)) ?? graph.OwnerOf(resource.Name);
    }

    private static HashSet<(string Cluster, string Namespace)> SecretNamespaces(PlatformGraph graph) =>
        [.. graph.Resources.OfType<ConfigSecret>().Select(s => (s.Cluster, s.Namespace))];
}
