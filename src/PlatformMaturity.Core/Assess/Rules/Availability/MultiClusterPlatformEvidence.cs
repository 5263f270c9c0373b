using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Level 5: more than one cluster (Argo CD cluster Secrets, by label only; or other kubeconfig contexts).</summary>
public sealed class MultiClusterPlatformEvidence : EvidenceRule
{
    /// <summary>The label Argo CD puts on the Secrets that register clusters.</summary>
    public const string ArgoClusterSecretLabel = "argocd.argoproj.io/secret-type";

    public override string Practice => "Multi-cluster Platform";
    public override IReadOnlyList<ApiKind> Reads => [Kinds.Secret];
    public override string Brings => "platform:clusters (two or more clusters across regions)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var clusters = cluster.Of(Kinds.Secret).Where(s => s.Label(ArgoClusterSecretLabel) == "cluster").Select(s => $"Argo CD cluster Secret {s.Id}")
            .Concat(cluster.Snapshot.OtherContexts.Select(c => $"kubeconfig context {c}")).ToList();
        return clusters.Count > 0 ? Finding.Met("more clusters are part of the platform", clusters) : Finding.Missing("no second cluster registered (Argo CD cluster Secrets) or in the kubeconfig");
    }
}
