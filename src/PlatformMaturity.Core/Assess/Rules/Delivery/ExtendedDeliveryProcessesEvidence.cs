using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>Levels 4–5: promotion between environments happens in Git, outside the cluster.</summary>
public sealed class ExtendedDeliveryProcessesEvidence : EvidenceRule
{
    public override string Practice => "Extended Delivery Processes";
    public override IReadOnlyList<ApiKind> Reads => [];
    public override string Brings => "environment promotion through Git, Argo CD sync windows and notifications";
    public override bool ByNature => true;

    public override Finding Evaluate(ClusterView cluster) =>
        Finding.NotCheckable("promotion between environments (dev → staging → prod) happens in Git, outside one cluster");
}
