using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>Levels 4–5: tenants' applications are delivered by Argo CD Applications.</summary>
public sealed class GitOpsApplicationManagementEvidence : EvidenceRule
{
    public override string Practice => "GitOps Application Management";
    public override IReadOnlyList<ApiKind> Reads => WithTenants(Kinds.ArgoApplication);
    public override string Brings => "an Argo CD AppProject per tenant and Applications from golden paths";

    public override Finding Evaluate(ClusterView cluster) =>
        PerTenant(cluster, "an Argo CD Application", t =>
            [.. cluster.Of(Kinds.ArgoApplication).Where(a => a.Text("spec", "destination", "namespace") == t).Select(a => $"Application {a.Id} → {t}")]);
}
