using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Efficiency;

/// <summary>Levels 4–5: costs attributed per team (OpenCost / Kubecost).</summary>
public sealed class CostsCenterManagementEvidence : EvidenceRule
{
    public override string Practice => "Costs Center Management";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "OpenCost and a required cost-center label (azure: cost analysis, budgets)";

    public override Finding Evaluate(ClusterView cluster) =>
        cluster.Find(Components.OpenCost) is { } found
            ? Finding.Met($"cost allocation: {found.Component}", found.Evidence)
            : Finding.Missing("no OpenCost or Kubecost found");
}
