using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Efficiency;

/// <summary>Levels 3–5: event-driven autoscaling (KEDA) and vertical recommendations (VPA).</summary>
public sealed class AdvancedApplicationAutoscalingEvidence : EvidenceRule
{
    public override string Practice => "Advanced Application Autoscaling";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "KEDA and VPA in recommendation mode (azure: the KEDA and VPA add-ons)";

    public override Finding Evaluate(ClusterView cluster) => Finding.OfParts(
    [
        ("event-driven autoscaling", cluster.Find(Components.Keda)),
        ("vertical recommendations", cluster.Find(Components.Vpa)),
    ]);
}
