using System.Security.Cryptography;
using System.Text;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.GitOps;

/// <summary>
/// The IaC→GitOps bridge contract, defined once: Pulumi writes every cloud output Argo CD needs as an annotation of the
/// in-cluster cluster Secret (<see cref="AnnotationFor"/>), and the ApplicationSets read the same annotation through
/// their cluster generator (<see cref="TemplateFor"/>). Both sides take the name from here, so they cannot drift.
/// </summary>
public static class GitOpsBridge
{
    /// <summary>Prefix of every bridge annotation.</summary>
    public const string Prefix = "bridge.platform.maturity/";

    /// <summary>Label of the cluster Secret that the ApplicationSets' cluster generators select.</summary>
    public const string ClusterLabel = "platform.maturity/cluster";

    /// <summary>Label of every cluster Secret naming the platform it belongs to (golden paths' ApplicationSets place apps by it at Level 5).</summary>
    public const string PlatformLabel = "platform.maturity/platform";

    /// <summary>Argo CD's label marking a Secret as a cluster (value "cluster") or repository registration.</summary>
    public const string SecretTypeLabel = "argocd.argoproj.io/secret-type";

    /// <summary>Name of the in-cluster cluster Secret Argo CD reads its own cluster from.</summary>
    public const string ClusterSecretName = "cluster-in-cluster";

    /// <summary>The cluster name Argo CD's own cluster has.</summary>
    public const string InClusterName = "in-cluster";

    public const string InClusterServer = "https://kubernetes.default.svc";

    /// <summary>
    /// The annotation that carries one Azure output: bridge.platform.maturity/&lt;resource&gt;.&lt;output&gt;, lowercase; a name
    /// part past the 63 characters Kubernetes allows is shortened with a hash so two outputs never share a name.
    /// </summary>
    public static string AnnotationFor(AzureRef reference)
    {
        var name = $"{reference.Resource}.{reference.Output}".ToLowerInvariant();
        if (name.Length > 63)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
            name = $"{name[..54].TrimEnd('.', '-')}-{hash}";
        }
        return Prefix + name;
    }

    /// <summary>The ApplicationSet (goTemplate) expression that reads the annotation from the generated cluster.</summary>
    public static string TemplateFor(AzureRef reference) => $"{{{{ index .metadata.annotations \"{AnnotationFor(reference)}\" }}}}";

    /// <summary>
    /// Once every practice is composed and copied to the cluster members: on each cluster, writes every cloud output the
    /// components that cluster's Argo CD delivers read as an annotation of its cluster Secret (the placeholder the Pulumi
    /// host replaces with the output's value). A member's copies read the member's own outputs (its identities, its
    /// storage), so each cluster Secret carries its cluster's; a member's Secret is labelled with its key and its root
    /// Application follows the member's folder of the tree (<see cref="GitOpsTree.ClusterFolder"/>).
    /// </summary>
    internal static void Annotate(Composition.GraphBuilder builder)
    {
        var secretName = Composition.ComponentBuilder.KubernetesName(new k8s.Models.V1Secret
        {
            Kind = "Secret",
            Metadata = new k8s.Models.V1ObjectMeta { Name = ClusterSecretName, NamespaceProperty = Practices.Security.GitOpsPlatformManagement.Namespace },
        });
        var rootName = Composition.ComponentBuilder.KubernetesName(new Graph.CustomObject
        {
            Kind = "Application",
            Metadata = new k8s.Models.V1ObjectMeta { Name = Practices.Security.GitOpsPlatformManagement.RootApplication, NamespaceProperty = Practices.Security.GitOpsPlatformManagement.Namespace },
        });
        if (!builder.Has(GitOpsDelivery.ComponentId, secretName))
            return;
        var provenance = new Graph.Provenance(GitOpsDelivery.Practice, 4);
        var members = Composition.ClusterMembers.Refs(builder.Config).Select(c => c.Key).Where(k => k != Graph.ClusterRef.PrimaryKey).ToList();
        foreach (var key in members)
        {
            builder.Contribute<Graph.KubernetesResource>(GitOpsDelivery.ComponentId, Composition.ClusterMembers.CopyName(key, secretName), resource =>
            {
                var secret = k8s.KubernetesJson.Deserialize<k8s.Models.V1Secret>(k8s.KubernetesJson.Serialize(resource.Object));
                secret.Metadata.Labels[ClusterLabel] = key;
                // A fleet member's own Argo CD knows its cluster by the member's placement labels, not the first cluster's.
                if (builder.Implements(Composition.WellKnown.MultiClusterPlatform))
                    Practices.Availability.MultiClusterPlatform.Relabel(secret.Metadata.Labels, builder.Config,
                        builder.Config.Members.Where((m, i) => Config.ClusterKeys.KeyOf(i, m) == key).Single());
                return resource with { Object = secret };
            }, provenance);
            if (builder.Config.GitOps.HandsOver)
            {
                builder.Contribute<Graph.KubernetesResource>(GitOpsDelivery.ComponentId, Composition.ClusterMembers.CopyName(key, rootName), resource =>
                {
                    var root = k8s.KubernetesJson.Deserialize<Graph.CustomObject>(k8s.KubernetesJson.Serialize(resource.Object));
                    root.Spec!["source"]!["path"] = GitOpsTree.RepoFolder(builder.Config, key);
                    return resource with { Object = root };
                }, provenance);
            }
        }
        if (!builder.Config.GitOps.HandsOver)
            return;
        foreach (var key in members.Prepend(Graph.ClusterRef.PrimaryKey))
        {
            var name = key == Graph.ClusterRef.PrimaryKey ? secretName : Composition.ClusterMembers.CopyName(key, secretName);
            var refs = builder.All
                .Where(r => GitOpsDelivery.ClusterOf(r) == key && OriginOwner(builder, key, r.Name) != GitOpsDelivery.ComponentId)
                .SelectMany(r => r switch
                {
                    Graph.HelmRelease release => release.ValuesFromAzure.Values,
                    Graph.KubernetesResource obj => obj.TextFromAzure.AsEnumerable(),
                    _ => [],
                })
                .Distinct()
                .OrderBy(r => AnnotationFor(r), StringComparer.Ordinal)
                .ToList();
            if (refs.Count == 0)
                continue;
            builder.Contribute<Graph.KubernetesResource>(GitOpsDelivery.ComponentId, name, resource =>
            {
                var secret = k8s.KubernetesJson.Deserialize<k8s.Models.V1Secret>(k8s.KubernetesJson.Serialize(resource.Object));
                secret.Metadata.Annotations = refs.ToDictionary(AnnotationFor, r => r.Placeholder, StringComparer.Ordinal);
                return resource with { Object = secret, TextFromAzure = [.. refs] };
            }, provenance);
        }
    }

    /// <summary>The first-cluster owner of a resource: for a member's copy, its original's (a member's own object, e.g. the fleet standby's registrations: its owner).</summary>
    private static string OriginOwner(Composition.GraphBuilder builder, string key, string name)
    {
        var owner = builder.OwnerOf(name);
        return key != Graph.ClusterRef.PrimaryKey && owner == Composition.ClusterMembers.ComponentId(key)
            ? builder.OwnerOf(Composition.ClusterMembers.OriginalName(key, name))
            : owner;
    }

    /// <summary>Every annotation an ApplicationSet template text reads (the inverse of <see cref="TemplateFor"/>).</summary>
    public static IEnumerable<string> AnnotationsReadBy(string templateText)
    {
        const string marker = "index .metadata.annotations \"";
        for (var at = templateText.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = templateText.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            var start = at + marker.Length;
            var end = templateText.IndexOf('"', start);
            if (end > start)
                yield return templateText[start..end];
        }
    }
}
