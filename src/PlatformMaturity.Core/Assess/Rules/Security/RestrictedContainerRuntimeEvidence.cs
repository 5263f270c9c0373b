using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>Levels 3–5: tenant namespaces enforce the restricted Pod Security Standard (warn/audit only is the staged, partial form).</summary>
public sealed class RestrictedContainerRuntimeEvidence : EvidenceRule
{
    public const string Enforce = "pod-security.kubernetes.io/enforce";
    public const string Warn = "pod-security.kubernetes.io/warn";
    public const string Audit = "pod-security.kubernetes.io/audit";

    public override string Practice => "Restricted Container Runtime";
    public override IReadOnlyList<ApiKind> Reads => WithTenants();
    public override string Brings => "Pod Security restricted on tenant namespaces (staged warn/audit, enforced after pmctl upgrade --promote)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var finding = PerTenant(cluster, "Pod Security enforce=restricted", t =>
            cluster.NamespaceLabel(t, Enforce) == "restricted" ? [$"Namespace {t} ({Enforce}=restricted)"] : []);
        if (finding.Verdict != Verdict.Missing)
            return finding;
        var staged = cluster.TenantNamespaces.Where(t => cluster.NamespaceLabel(t, Warn) == "restricted" || cluster.NamespaceLabel(t, Audit) == "restricted").ToList();
        return staged.Count == 0 ? finding
            : Finding.Partial($"restricted is only warned/audited in {staged.Count} of {cluster.TenantNamespaces.Count} tenant namespaces (staged; enforce with pmctl upgrade --promote)", staged.Select(t => $"Namespace {t} (warn/audit restricted)"));
    }
}
