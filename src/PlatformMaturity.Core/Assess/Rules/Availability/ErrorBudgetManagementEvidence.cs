using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Levels 4–5: SLOs with error budgets (Sloth, Pyrra).</summary>
public sealed class ErrorBudgetManagementEvidence : EvidenceRule
{
    public override string Practice => "Error Budget Management";
    public override IReadOnlyList<ApiKind> Reads => WithComponents(Kinds.SlothServiceLevel);
    public override string Brings => "Sloth PrometheusServiceLevels with burn-rate alerts";

    public override Finding Evaluate(ClusterView cluster)
    {
        var slos = cluster.Of(Kinds.SlothServiceLevel).Select(s => $"PrometheusServiceLevel {s.Id}").ToList();
        var tools = cluster.FindAny(Components.Sloth, Components.Pyrra);
        return slos.Count > 0 ? Finding.Met($"{slos.Count} service levels with error budgets", slos.Concat(tools.SelectMany(t => t.Evidence)))
            : tools.Count > 0 ? Finding.Partial("an SLO tool runs but no service level is defined", tools.SelectMany(t => t.Evidence))
            : Finding.Missing("no Sloth or Pyrra service levels found");
    }
}
