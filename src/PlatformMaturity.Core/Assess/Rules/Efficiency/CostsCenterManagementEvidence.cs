using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Practices.Efficiency;

namespace PlatformMaturity.Assess.Rules.Efficiency;

/// <summary>
/// Levels 4–5: costs attributed per team (OpenCost / Kubecost) and per cost centre, which needs the cost-center label on
/// every workload: an admission policy requiring it (on this platform Compliance Policies Enforcement's label policy, the
/// one owner of that check). Either alone is the practice in part.
/// </summary>
public sealed class CostsCenterManagementEvidence : EvidenceRule
{
    public override string Practice => "Costs Center Management";
    public override IReadOnlyList<ApiKind> Reads => WithComponents(Kinds.ValidatingAdmissionPolicy, Kinds.ValidatingAdmissionPolicyBinding, Kinds.KyvernoClusterPolicy);
    public override string Brings => $"OpenCost and a required {CostsCenterManagement.CostCenterLabel} label (azure: cost analysis, budgets)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var label = CostsCenterManagement.CostCenterLabel;
        // The label's name in a bound policy's rules (CEL literal, Kyverno pattern key); quotes are left out because the
        // snapshot's JSON may escape them (\u0027).
        var policies = AdmissionPolicies.Mentioning(cluster, label);
        var costs = cluster.Find(Components.OpenCost);
        if (costs is not null && policies.Count > 0)
            return Finding.Met($"cost allocation: {costs.Component}; an admission policy requires the {label} label", [.. costs.Evidence, .. policies]);
        if (costs is not null)
            return Finding.Partial($"cost allocation: {costs.Component}, but no admission policy requires the {label} label, so costs cannot be booked to cost centres reliably", costs.Evidence);
        return policies.Count > 0
            ? Finding.Partial($"an admission policy requires the {label} label, but no OpenCost or Kubecost prices the workloads", policies)
            : Finding.Missing("no OpenCost or Kubecost found");
    }
}
