using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Levels 2–5: each tenant namespace has its team's RoleBinding, a ResourceQuota and a default-deny NetworkPolicy.</summary>
public sealed class HardMultiTenancyEvidence : EvidenceRule
{
    public override string Practice => "Hard multi-tenancy";
    public override IReadOnlyList<ApiKind> Reads => WithTenants(Kinds.NetworkPolicy);
    public override string Brings => "platform:tenants (namespace, RBAC, quota and network isolation per team)";

    public override Finding Evaluate(ClusterView cluster) =>
        PerTenant(cluster, "team RBAC, a quota and default-deny ingress", t =>
        {
            var rbac = Security.BasicAccessManagementEvidence.TeamBindings(cluster, t).ToList();
            var quota = cluster.InNamespace(Kinds.ResourceQuota, t).Select(q => $"ResourceQuota {q.Id}").ToList();
            var deny = Security.BasicTrafficFilteringEvidence.DefaultDeny(cluster, t, "Ingress").ToList();
            return rbac.Count > 0 && quota.Count > 0 && deny.Count > 0 ? [.. rbac, .. quota, .. deny] : [];
        });
}
