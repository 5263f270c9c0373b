using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>
/// Level 5: access by persona. The cluster shows aggregated ClusterRoles of its own (not the built-in admin, edit and
/// view) and each tenant namespace binding its team's group to one. Azure RBAC assignments live in Azure, not in the
/// cluster: the rule does not see them.
/// </summary>
public sealed class AdvancedAccessManagementEvidence : EvidenceRule
{
    /// <summary>Aggregated roles Kubernetes ships; a persona is an aggregated role the platform adds.</summary>
    private static readonly HashSet<string> BuiltInAggregated = new(StringComparer.Ordinal) { "admin", "edit", "view", "cluster-admin" };

    public override string Practice => "Advanced Access Management";
    public override IReadOnlyList<ApiKind> Reads => WithTenants(Kinds.ClusterRole, Kinds.ClusterRoleBinding);
    public override string Brings => "aggregated persona ClusterRoles bound to tenant, auditor and elevation groups (platform:elevationGroup); on azure Azure RBAC with role assignments per group";

    public override Finding Evaluate(ClusterView cluster)
    {
        var personas = cluster.Of(Kinds.ClusterRole)
            .Where(r => r.At("aggregationRule") is not null && !BuiltInAggregated.Contains(r.Name) && !r.Name.StartsWith("system:", StringComparison.Ordinal))
            .Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        if (personas.Count == 0)
            return Finding.Missing("no aggregated persona ClusterRole (only the built-in admin, edit and view)");
        return PerTenant(cluster, "its team's group bound to a persona ClusterRole", t =>
            [.. cluster.InNamespace(Kinds.RoleBinding, t)
                .Where(b => b.Text("roleRef", "kind") == "ClusterRole" && personas.Contains(b.Text("roleRef", "name") ?? "")
                            && b.Items("subjects").Any(s => s.TryGetProperty("kind", out var k) && k.GetString() is "Group" or "User"))
                .Select(b => $"RoleBinding {b.Id} ({b.Text("roleRef", "name")}, aggregated)")]);
    }
}
