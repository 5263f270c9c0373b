using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>
/// Levels 4–5: tenants' applications are delivered by Argo CD, each tenant within its own project. A tenant has it when
/// an Application deploys into its namespace, or when the platform's part is in place before any app is: an AppProject
/// whose destinations name the tenant's namespace (not every namespace) and an ApplicationSet generating Applications
/// in that project (pmctl's tenant projects; the Applications appear once the tenant pushes its first app).
/// </summary>
public sealed class GitOpsApplicationManagementEvidence : EvidenceRule
{
    public override string Practice => "GitOps Application Management";
    public override IReadOnlyList<ApiKind> Reads => WithTenants(Kinds.ArgoApplication, Kinds.ArgoAppProject, Kinds.ArgoApplicationSet);
    public override string Brings => "an Argo CD AppProject per tenant and Applications from golden paths";

    public override Finding Evaluate(ClusterView cluster) =>
        PerTenant(cluster, "an Argo CD Application or a project of their own with an ApplicationSet", t =>
        [
            .. cluster.Of(Kinds.ArgoApplication).Where(a => a.Text("spec", "destination", "namespace") == t).Select(a => $"Application {a.Id} → {t}"),
            .. cluster.Of(Kinds.ArgoAppProject)
                .Where(p => p.Items("spec", "destinations").Any(d => d.ValueKind == System.Text.Json.JsonValueKind.Object && d.TryGetProperty("namespace", out var ns) && ns.GetString() == t))
                .SelectMany(p => cluster.Of(Kinds.ArgoApplicationSet)
                    .Where(s => s.Namespace == p.Namespace && s.Text("spec", "template", "spec", "project") == p.Name)
                    .Select(s => $"AppProject {p.Id} → {t}, ApplicationSet {s.Id}")),
        ]);
}
