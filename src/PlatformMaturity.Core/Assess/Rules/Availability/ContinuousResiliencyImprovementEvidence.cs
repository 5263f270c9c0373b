using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Levels 3–5: alerts on the signs of fragile workloads (crash loops, OOM kills, pending pods).</summary>
public sealed class ContinuousResiliencyImprovementEvidence : EvidenceRule
{
    public override string Practice => "Continuous Resiliency Improvement";
    public override IReadOnlyList<ApiKind> Reads => [Kinds.PrometheusRule];
    public override string Brings => "resiliency alert rules and dashboard (crash loops, OOM kills, pending pods, PDB violations)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var rules = Rules.PrometheusRules.Matching(cluster, alertsOnly: true, "CrashLoopBackOff", "OOMKilled", "phase=\"Pending\"", "kube_poddisruptionbudget");
        return rules.Count > 0
            ? Finding.Met("alerts watch crash loops, OOM kills or pending pods", rules)
            : Finding.Missing("no alert rule watches crash loops, OOM kills or pending pods");
    }
}
