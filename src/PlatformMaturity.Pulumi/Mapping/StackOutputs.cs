using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Model;
using Pulumi;
using PulumiAzure = Pulumi.Azure;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// The stack outputs: level, target, the practices in effect and what became of them, the clusters, and on azure
/// each cluster's kubeconfig as a secret.
/// </summary>
internal static class StackOutputs
{
    /// <summary>The output holding the primary cluster's kubeconfig; other clusters add "-&lt;key&gt;".</summary>
    public const string Kubeconfig = "kubeconfig";

    public static IDictionary<string, object?> Of(MappedPlatform platform)
    {
        var graph = platform.Graph;
        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["level"] = graph.Config.Level,
            ["levelName"] = MaturityModel.Default.Level(graph.Config.Level).Name,
            ["target"] = ConfigNames.Of(graph.Config.Target),
            ["environment"] = ConfigNames.Of(graph.Config.Environment),
            ["practicesInEffect"] = graph.Practices.Select(p => p.Practice).ToList(),
            ["practicesNotApplicable"] = ByState(graph, PracticeState.NotApplicable),
            ["practicesNotImplementedYet"] = ByState(graph, PracticeState.NotImplementedYet),
            ["clusters"] = graph.Clusters.ToDictionary(c => c.Key, c => ClusterName(platform, c), StringComparer.Ordinal),
        };
        foreach (var cluster in graph.Clusters.Where(c => c.AksResource is not null))
        {
            var aks = platform.Resources.Get<PulumiAzure.ContainerService.KubernetesCluster>(cluster.AksResource!);
            outputs[cluster.Key == ClusterRef.PrimaryKey ? Kubeconfig : $"{Kubeconfig}-{cluster.Key}"] = Output.CreateSecret(aks.KubeConfigRaw);
        }
        // Tenant workload identities (Identity-based Access Control): the client id each app's service account is annotated with.
        var identities = graph.Config.Tenants
            .SelectMany(t => t.WorkloadIdentities.Select(sa => (Key: $"{t.Name}/{sa}", Name: PlatformMaturity.Practices.Security.IdentityBasedAccessControl.IdentityName(t.Name, sa))))
            .Where(i => graph.Resources.Any(r => r.Name == i.Name))
            .ToDictionary(i => i.Key, i => (object?)platform.Resources.Get<PulumiAzure.Authorization.UserAssignedIdentity>(i.Name).ClientId, StringComparer.Ordinal);
        if (identities.Count > 0)
            outputs[PlatformMaturity.Practices.Security.IdentityBasedAccessControl.WorkloadIdentitiesOutput] = identities;
        // The postgres golden path's ObjectStore names this account (--set backup-storage-account=...): Azure generates the name.
        if (graph.Config.Tenants.Any(t => graph.Resources.Any(r => r.Name == PlatformMaturity.Practices.Delivery.PostgresOperator.BackupContainerResource(t.Name))))
            outputs[PlatformMaturity.Practices.Delivery.PostgresOperator.BackupStorageAccountOutput] =
                platform.Resources.Get<PulumiAzure.Storage.Account>(PlatformMaturity.Practices.Availability.BasicDisasterRecovery.StorageAccountName).Name;
        return outputs;
    }

    /// <summary>Practice → why it is not applicable, or what is missing.</summary>
    private static Dictionary<string, string> ByState(PlatformGraph graph, PracticeState state) =>
        graph.Practices.Where(p => p.State == state).ToDictionary(p => p.Practice, p => p.Detail, StringComparer.Ordinal);

    /// <summary>The AKS cluster's Azure name, or the kubeconfig context of an existing cluster.</summary>
    private static object ClusterName(MappedPlatform platform, ClusterRef cluster) =>
        cluster.AksResource is { } aks
            ? platform.Resources.Get<PulumiAzure.ContainerService.KubernetesCluster>(aks).Name
            : cluster.KubeContext ?? "the current context of your kubeconfig";
}
