using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>Levels 3–5: progressive delivery (Argo Rollouts, Flagger).</summary>
public sealed class AdvancedDeliveryProcessesEvidence : EvidenceRule
{
    public override string Practice => "Advanced Delivery Processes";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "Argo Rollouts with canary analysis in golden paths";

    public override Finding Evaluate(ClusterView cluster) =>
        cluster.FindAny(Components.ArgoRollouts, Components.Flagger) is { Count: > 0 } found
            ? Finding.Met($"progressive delivery: {string.Join(", ", found.Select(f => f.Component))}", found.SelectMany(f => f.Evidence))
            : Finding.Missing("no Argo Rollouts or Flagger found");
}
