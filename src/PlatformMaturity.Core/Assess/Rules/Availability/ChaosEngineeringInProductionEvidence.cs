using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Config;
using PlatformMaturity.Practices.Availability;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>
/// Level 5: chaos experiments allowed in production behind a guard. What a cluster shows: Chaos Mesh, and the gate its
/// Workflows' status checks ask whether an error budget burns fast. Chaos Mesh alone is only the Level 4 practice's tool.
/// </summary>
public sealed class ChaosEngineeringInProductionEvidence : EvidenceRule
{
    public override string Practice => ChaosEngineeringInProduction.PracticeName;
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "Chaos Mesh Workflows in opted-in tenants' windows, aborted by an error-budget gate when an SLO burns fast (platform:productionChaos)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var chaos = cluster.Find(Components.ChaosMesh);
        var gates = cluster.Workloads
            .Where(w => w.Label(ChaosEngineeringInProduction.GatePods.Key) == ChaosEngineeringInProduction.GatePods.Value
                        || w.Text("spec", "template", "metadata", "labels", ChaosEngineeringInProduction.GatePods.Key) == ChaosEngineeringInProduction.GatePods.Value)
            .Select(w => $"{w.Kind.Kind} {w.Id}").ToList();
        // Production chaos lives in production clusters: a cluster the user says is nonprod tells nothing about it.
        if (cluster.Environment == EnvironmentKind.NonProd)
            return Finding.NotCheckable("a non-production cluster: production chaos runs in the prod clusters; assess one of those (--environment prod) for this practice");
        if (chaos is null)
            return Finding.Missing("no Chaos Mesh found");
        return gates.Count > 0
            ? Finding.Met("chaos experiments with an error-budget guard", chaos.Evidence.Concat(gates))
            : Finding.Partial("Chaos Mesh runs, but nothing stops experiments while an error budget burns", chaos.Evidence);
    }
}
