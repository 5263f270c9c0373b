using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>
/// Levels 1–2: cluster administrators, and from Level 2 each tenant namespace bound to its team's group. Administrators
/// only (no team RoleBinding anywhere) is the Level 1 shape and counts as met; Hard multi-tenancy asks for the bindings.
/// </summary>
public sealed class BasicAccessManagementEvidence : EvidenceRule
{
    public override string Practice => "Basic Access Management";
    public override IReadOnlyList<ApiKind> Reads => WithTenants(Kinds.ClusterRoleBinding);
    public override string Brings => "platform:tenants with a group per team (RoleBinding of edit); platform:auditorGroup for view";

    public override Finding Evaluate(ClusterView cluster)
    {
        var admins = cluster.Of(Kinds.ClusterRoleBinding).Where(b => b.Text("roleRef", "name") == "cluster-admin").Select(b => $"ClusterRoleBinding {b.Name} (cluster-admin)").ToList();
        var teamBound = cluster.TenantNamespaces.Where(t => TeamBindings(cluster, t).Any()).ToList();
        if (teamBound.Count == 0)
            return admins.Count > 0
                ? Finding.Met("cluster administrators only, no team RoleBindings (the Level 1 shape)", admins)
                : Finding.Missing("no cluster-admin ClusterRoleBinding and no team RoleBinding found");
        return PerTenant(cluster, "a RoleBinding for the team's group or user", t => [.. TeamBindings(cluster, t)]);
    }

    internal static IEnumerable<string> TeamBindings(ClusterView cluster, string ns) =>
        cluster.InNamespace(Kinds.RoleBinding, ns)
            .Where(b => b.Items("subjects").Any(s => s.TryGetProperty("kind", out var k) && k.GetString() is "Group" or "User"))
            .Select(b => $"RoleBinding {b.Id} ({b.Text("roleRef", "name")})");
}
