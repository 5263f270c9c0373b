using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>Levels 4–5: the platform's add-ons are reconciled from Git (Argo CD Applications, Flux).</summary>
public sealed class GitOpsPlatformManagementEvidence : EvidenceRule
{
    public override string Practice => "GitOps Platform Management";
    public override IReadOnlyList<ApiKind> Reads => WithTenants(Kinds.ArgoApplication, Kinds.CustomResourceDefinition);
    public override string Brings => "Argo CD with a root app-of-apps (platform:gitops.repoUrl)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var tools = cluster.FindAny(Components.ArgoCd, Components.Flux);
        var platformApps = cluster.Of(Kinds.ArgoApplication)
            .Where(a => a.Text("spec", "destination", "namespace") is not { } ns || !cluster.TenantNamespaces.Contains(ns))
            .Select(a => $"Application {a.Id} → {a.Text("spec", "destination", "namespace") ?? "(cluster-scoped)"}").ToList();
        if (platformApps.Count > 0)
            return Finding.Met($"{platformApps.Count} Argo CD Applications deliver platform components", platformApps);
        if (tools.Any(t => t.Component == Components.Flux.Component))
            return Finding.Met("Flux reconciles from Git", tools.SelectMany(t => t.Evidence));
        return tools.Count > 0
            ? Finding.Partial("a GitOps controller runs but no Application delivers the platform's components", tools.SelectMany(t => t.Evidence))
            : Finding.Missing("no Argo CD or Flux found");
    }
}
