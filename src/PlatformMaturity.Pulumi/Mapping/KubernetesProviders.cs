using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using Pulumi;
using PulumiAzure = Pulumi.Azure;
using K8s = Pulumi.Kubernetes;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// One Pulumi.Kubernetes provider per cluster of the graph: on azure from the AKS cluster's kubeconfig output, on
/// existing from the ambient kubeconfig (KUBECONFIG or ~/.kube/config), at the configured context if any. Every
/// Kubernetes resource names its provider explicitly, so none falls back to the default provider.
/// </summary>
public sealed class KubernetesProviders
{
    private readonly PlatformGraph _graph;
    private readonly MappedResources _resources;
    private readonly Dictionary<string, K8s.Provider> _byCluster = new(StringComparer.Ordinal);

    internal KubernetesProviders(PlatformGraph graph, MappedResources resources)
    {
        _graph = graph;
        _resources = resources;
    }

    /// <summary>The provider resource's name for a cluster, e.g. k8s-primary.</summary>
    public static string NameFor(ClusterRef cluster) => $"k8s-{cluster.Key}";

    public IReadOnlyDictionary<string, K8s.Provider> ByCluster => _byCluster;

    /// <summary>The cluster's provider, made on first use: on azure after the AKS cluster it reads the kubeconfig of.</summary>
    public K8s.Provider For(string clusterKey)
    {
        if (_byCluster.TryGetValue(clusterKey, out var provider))
            return provider;
        var cluster = _graph.Clusters.FirstOrDefault(c => c.Key == clusterKey)
            ?? throw new InvalidOperationException($"the graph has no cluster '{clusterKey}'");
        provider = cluster.AksResource is { } aks
            ? new K8s.Provider(NameFor(cluster), new K8s.ProviderArgs { KubeConfig = KubeconfigFor(aks) })
            : new K8s.Provider(NameFor(cluster), new K8s.ProviderArgs
            {
                // Unset, not the KUBECONFIG text ProviderArgs copies by default: the provider then loads the
                // kubeconfig itself, which handles a KUBECONFIG list of several files.
                KubeConfig = null!,
                Context = In.Opt(cluster.KubeContext),
            });
        _byCluster[clusterKey] = provider;
        return provider;
    }

    /// <summary>
    /// With Entra ID integration the user kubeconfig runs kubelogin in device-code mode, which a non-interactive
    /// pulumi up cannot complete; while local accounts are on, the admin kubeconfig (only issued with Entra ID
    /// integration) works instead. Without Entra ID the user kubeconfig holds client certificates. Without local
    /// accounts (Platform Access Auditing, Level 4) the user kubeconfig is the only one: its kubelogin exec is switched
    /// to a non-interactive login (<see cref="AksKubeconfig.NonInteractive"/>: azurecli, the identity pulumi up runs
    /// as, which must be in an admin group), and kubelogin must be on PATH.
    /// </summary>
    private Output<string> KubeconfigFor(string aks)
    {
        var cluster = _resources.Get<PulumiAzure.ContainerService.KubernetesCluster>(aks);
        return UsesAdminKubeconfig(_graph.Resource(aks))
            ? cluster.KubeAdminConfigRaw
            : cluster.KubeConfigRaw.Apply(kubeconfig => AksKubeconfig.NonInteractive(kubeconfig));
    }

    /// <summary>Whether the provider reads the admin kubeconfig: Entra ID integration with local accounts still enabled.</summary>
    internal static bool UsesAdminKubeconfig(GraphResource? cluster) =>
        cluster is Graph.Azure.KubernetesCluster { AzureActiveDirectoryRoleBasedAccessControl: not null, LocalAccountDisabled: not true };

    /// <summary>Makes the providers no resource has asked for yet, so every cluster of the graph has one.</summary>
    internal void CompleteAll()
    {
        foreach (var cluster in _graph.Clusters)
            For(cluster.Key);
    }
}
