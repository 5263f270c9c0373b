using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Level 1 (carried): more than one node, so a node failure does not take everything down.</summary>
public sealed class KubernetesBuiltInResiliencyEvidence : EvidenceRule
{
    public override string Practice => "Kubernetes Built-in Resiliency";
    public override IReadOnlyList<ApiKind> Reads => [Kinds.Node];
    public override string Brings => "a system node pool of at least 2 nodes (azure); replicas ≥ 2 for platform components";

    public override Finding Evaluate(ClusterView cluster)
    {
        var nodes = cluster.Of(Kinds.Node).Select(n => $"Node {n.Name}").ToList();
        return nodes.Count switch
        {
            0 => Finding.Missing("no nodes seen"),
            1 => Finding.Partial("a single node: Kubernetes can restart pods but not move them when the node fails", nodes),
            _ => Finding.Met($"{nodes.Count} nodes: pods are rescheduled when one fails", nodes),
        };
    }
}
