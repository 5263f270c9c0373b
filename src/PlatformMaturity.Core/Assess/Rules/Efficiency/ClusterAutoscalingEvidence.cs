using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Efficiency;

/// <summary>
/// Levels 3–5: nodes come and go with demand. A cluster autoscaler or Karpenter shows in the cluster; AKS's managed
/// autoscaler shows only its status ConfigMap. Elsewhere a managed autoscaler may leave no trace: not checkable.
/// </summary>
public sealed class ClusterAutoscalingEvidence : EvidenceRule
{
    /// <summary>The status ConfigMap the cluster autoscaler (also AKS's managed one) writes in kube-system.</summary>
    public const string StatusConfigMap = "cluster-autoscaler-status";

    /// <summary>A label every AKS node carries.</summary>
    public const string AksNodeLabel = "kubernetes.azure.com/cluster";

    public override string Practice => "Cluster Autoscaling";
    public override IReadOnlyList<ApiKind> Reads => WithComponents(Kinds.ConfigMap, Kinds.Node);
    public override string Brings => "azure: node pool autoscaling (min/max from config); existing: your provider's autoscaler";

    public override Finding Evaluate(ClusterView cluster)
    {
        var found = cluster.FindAny(Components.ClusterAutoscaler, Components.Karpenter).SelectMany(f => f.Evidence).ToList();
        found.AddRange(cluster.InNamespace(Kinds.ConfigMap, "kube-system").Where(c => c.Name == StatusConfigMap).Select(c => $"ConfigMap {c.Id}"));
        if (found.Count > 0)
            return Finding.Met("a cluster autoscaler runs", found);
        return cluster.Of(Kinds.Node).Any(n => n.Label(AksNodeLabel) is not null)
            ? Finding.Missing($"an AKS cluster without {StatusConfigMap}: the node pools do not autoscale")
            : Finding.NotCheckable("no cluster autoscaler or Karpenter in the cluster; a provider-managed autoscaler may run outside it");
    }
}
