using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>Levels 4–5: API-server audit logs are a control-plane setting, invisible from inside the cluster.</summary>
public sealed class PlatformAccessAuditingEvidence : EvidenceRule
{
    public override string Practice => "Platform Access Auditing";
    public override IReadOnlyList<ApiKind> Reads => [];
    public override string Brings => "azure: local accounts off and kube-audit logs to Log Analytics";
    public override bool ByNature => true;

    public override Finding Evaluate(ClusterView cluster) =>
        Finding.NotCheckable("the API server's audit policy and log destination are control-plane settings; no cluster object shows them");
}
