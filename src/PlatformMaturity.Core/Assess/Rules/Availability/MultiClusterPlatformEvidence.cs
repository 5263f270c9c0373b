using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.GitOps;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>
/// Level 5: more than one cluster — Argo CD cluster Secrets of OTHER clusters (by label and name only), or other
/// kubeconfig contexts. Every Argo CD has its own cluster; a Secret registering that one (the platform's bridge Secret
/// from Level 4, or one Argo CD wrote for https://kubernetes.default.svc) says nothing about a second cluster.
/// </summary>
public sealed class MultiClusterPlatformEvidence : EvidenceRule
{
    /// <summary>The label Argo CD puts on the Secrets that register clusters.</summary>
    public const string ArgoClusterSecretLabel = GitOpsBridge.SecretTypeLabel;

    /// <summary>
    /// The name Argo CD gives the Secret of a cluster it stores (util/db/secrets.go URIToSecretName: "cluster-", the server's
    /// host, "-", the FNV-32a hash of the URL), for the in-cluster server. Snapshots keep a Secret's metadata only, so the
    /// server URL itself is never read: the name is what tells.
    /// </summary>
    public static readonly string ArgoInClusterSecretPrefix = $"cluster-{new Uri(GitOpsBridge.InClusterServer).Host}-";

    public override string Practice => "Multi-cluster Platform";
    public override IReadOnlyList<ApiKind> Reads => [Kinds.Secret];
    public override string Brings => "platform:clusters (two or more clusters across regions)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var clusters = cluster.Of(Kinds.Secret).Where(s => s.Label(ArgoClusterSecretLabel) == "cluster" && !IsInCluster(s.Name))
            .Select(s => $"Argo CD cluster Secret {s.Id}")
            .Concat(cluster.Snapshot.OtherContexts.Select(c => $"kubeconfig context {c}")).ToList();
        return clusters.Count > 0
            ? Finding.Met("more clusters are part of the platform", clusters)
            : Finding.Missing("no second cluster registered (Argo CD cluster Secrets other than its own in-cluster one) or in the kubeconfig");
    }

    /// <summary>A Secret registering Argo CD's own cluster: the platform's bridge Secret, or Argo CD's name for https://kubernetes.default.svc.</summary>
    public static bool IsInCluster(string name) =>
        name == GitOpsBridge.ClusterSecretName
        || (name.StartsWith(ArgoInClusterSecretPrefix, StringComparison.Ordinal) && name.Length > ArgoInClusterSecretPrefix.Length
            && name[ArgoInClusterSecretPrefix.Length..].All(char.IsAsciiDigit));
}
