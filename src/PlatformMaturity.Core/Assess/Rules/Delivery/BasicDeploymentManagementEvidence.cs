using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>Levels 1–2: rolling updates and rollbacks are built into Deployments.</summary>
public sealed class BasicDeploymentManagementEvidence : EvidenceRule
{
    public override string Practice => "Basic Deployment Management";
    public override IReadOnlyList<ApiKind> Reads => [];
    public override string Brings => "nothing to set up (RollingUpdate, kubectl rollout undo)";
    public override bool ByNature => true;

    public override Finding Evaluate(ClusterView cluster) =>
        Finding.Met($"RollingUpdate and kubectl rollout undo are built into Deployments ({cluster.Of(Kinds.Deployment).Count} Deployments seen)");
}
