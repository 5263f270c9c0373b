using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Practices.Efficiency;

namespace PlatformMaturity.Assess.Rules.Efficiency;

/// <summary>
/// Level 5: spending is steered, not only measured. What a cluster shows: alerts on cost metrics (OpenCost's hourly
/// node prices) against budgets, and spot nodes where they run at the moment (a spot pool from zero shows none while
/// idle, so their absence proves nothing). Scheduled scale-down lives in the apps' ScaledObjects.
/// </summary>
public sealed class AdvancedCostsManagementEvidence : EvidenceRule
{
    /// <summary>OpenCost's per-node price metrics, which a cost alert reads (node_cpu_hourly_cost, node_ram_hourly_cost, node_total_hourly_cost).</summary>
    private const string HourlyCostMetric = "_hourly_cost";

    public override string Practice => AdvancedCostsManagement.PracticeName;
    public override IReadOnlyList<ApiKind> Reads => WithComponents(Kinds.PrometheusRule, Kinds.Node);
    public override string Brings => "per-tenant budget alerts over OpenCost's cost metrics (platform:tenantBudgets), a spot pool for batch work (azure), non-production scaled down out of hours";

    public override Finding Evaluate(ClusterView cluster)
    {
        var budgets = PrometheusRules.Matching(cluster, alertsOnly: true, HourlyCostMetric);
        var spot = cluster.Of(Kinds.Node).Where(n => n.Label(AdvancedCostsManagement.SpotTaintKey) == AdvancedCostsManagement.SpotTaintValue)
            .Select(n => $"spot node {n.Name}").ToList();
        if (budgets.Count > 0)
            return Finding.Met("alerts on cost against budgets" + (spot.Count > 0 ? ", spot capacity in use" : ""), [.. budgets, .. spot]);
        if (spot.Count > 0)
            return Finding.Partial("spot capacity in use, but no alert compares cost with a budget", spot);
        return cluster.Find(Components.OpenCost) is { } opencost
            ? Finding.Missing($"costs are measured ({opencost.Component}) but no alert compares them with a budget")
            : Finding.Missing("no cost measurement (OpenCost) and no budget alerts");
    }
}
