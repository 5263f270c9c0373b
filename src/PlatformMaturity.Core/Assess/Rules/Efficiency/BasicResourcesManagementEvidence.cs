using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Efficiency;

/// <summary>Levels 2–3: every tenant namespace has a ResourceQuota and a LimitRange.</summary>
public sealed class BasicResourcesManagementEvidence : EvidenceRule
{
    public override string Practice => "Basic Resources Management";
    public override IReadOnlyList<ApiKind> Reads => WithTenants();
    public override string Brings => "per-tenant ResourceQuota and LimitRange (platform:tenants tier)";

    public override Finding Evaluate(ClusterView cluster) =>
        PerTenant(cluster, "a ResourceQuota and a LimitRange", t =>
        {
            var quotas = cluster.InNamespace(Kinds.ResourceQuota, t).Select(q => $"ResourceQuota {q.Id}").ToList();
            var limits = cluster.InNamespace(Kinds.LimitRange, t).Select(l => $"LimitRange {l.Id}").ToList();
            return quotas.Count > 0 && limits.Count > 0 ? [.. quotas, .. limits] : [];
        });
}
