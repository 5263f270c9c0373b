using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>Levels 3–5: the four keys computed from the cluster's metrics (recording or alerting rules named for them).</summary>
public sealed class DoraMetricsEvidence : EvidenceRule
{
    public override string Practice => "DORA Metrics";
    public override IReadOnlyList<ApiKind> Reads => [Kinds.PrometheusRule];
    public override string Brings => "DORA recording rules and dashboard over deployment change metadata";

    public override Finding Evaluate(ClusterView cluster)
    {
        var rules = Rules.PrometheusRules.Named(cluster, "dora", "deployment_frequency", "lead_time", "change_failure", "time_to_restore");
        return rules.Count > 0
            ? Finding.Met("rules compute the DORA keys", rules)
            : Finding.Missing("no Prometheus rule computes deployment frequency, lead time, change failure rate or time to restore");
    }
}
