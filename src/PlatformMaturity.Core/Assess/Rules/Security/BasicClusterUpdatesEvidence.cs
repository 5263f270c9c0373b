using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>Level 2: upgrade channels and maintenance windows are provider settings; no cluster object shows them.</summary>
public sealed class BasicClusterUpdatesEvidence : EvidenceRule
{
    public override string Practice => "Basic Cluster Updates";
    public override IReadOnlyList<ApiKind> Reads => [];
    public override string Brings => "platform:maintenanceWindow (azure: automatic patch upgrades)";
    public override bool ByNature => true;

    public override Finding Evaluate(ClusterView cluster) =>
        Finding.NotCheckable("automatic upgrade channels and maintenance windows are settings of the cloud provider, not objects in the cluster");
}
