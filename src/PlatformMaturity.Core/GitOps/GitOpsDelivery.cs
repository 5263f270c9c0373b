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
        if (graph.OwnerOf(resource.Name).Id == ComponentId)
            return false;
        return !(resource is KubernetesResource { Kind: "Namespace" } ns && SecretNamespaces(graph).Contains((ns.Cluster, ns.ObjectName)));
    }

    /// <summary>Whether the Pulumi program applies the resource.</summary>
    public static bool ByPulumi(PlatformGraph graph, GraphResource resource) => !HandedOver(graph) || !ByArgoCd(graph, resource);

    /// <summary>Whether Pulumi holds the resource only until the hand-over completes: retained, so dropping it deletes nothing.</summary>
    public static bool RetainedForHandOver(PlatformGraph graph, GraphResource resource) =>
        HandsOver(graph) && !HandedOver(graph) && ByArgoCd(graph, resource);

    /// <summary>Components with at least one resource Argo CD delivers: each gets one Application in the tree.</summary>
    public static IEnumerable<GraphComponent> ArgoCdComponents(PlatformGraph graph) =>
        graph.Components.Where(c => c.Resources.Any(r => ByArgoCd(graph, r)));

    private static HashSet<(string Cluster, string Namespace)> SecretNamespaces(PlatformGraph graph) =>
        [.. graph.Resources.OfType<ConfigSecret>().Select(s => (s.Cluster, s.Namespace))];
}
