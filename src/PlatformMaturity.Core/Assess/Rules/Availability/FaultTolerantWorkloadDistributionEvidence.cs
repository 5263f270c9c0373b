using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Levels 4–5: nodes spread over at least two zones.</summary>
public sealed class FaultTolerantWorkloadDistributionEvidence : EvidenceRule
{
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    public override string Practice => "Fault-tolerant Workload Distribution";
    public override IReadOnlyList<ApiKind> Reads => [Kinds.Node];
    public override string Brings => "node pools across zones 1–3 and topology spread in golden paths";

    public override Finding Evaluate(ClusterView cluster)
    {
        var zones = cluster.Of(Kinds.Node).GroupBy(n => n.Label(ZoneLabel) ?? "(no zone label)").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"zone {g.Key}: {g.Count()} nodes").ToList();
        var real = cluster.Of(Kinds.Node).Select(n => n.Label(ZoneLabel)).Where(z => !string.IsNullOrEmpty(z) && z != "0").Distinct().Count();
        return real >= 2 ? Finding.Met($"nodes in {real} zones", zones) : Finding.Missing($"nodes in {real} zone(s): a zone failure takes the platform down");
    }
}
