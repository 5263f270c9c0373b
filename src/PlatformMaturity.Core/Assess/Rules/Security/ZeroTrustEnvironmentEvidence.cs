using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>
/// Level 5: in the cluster, a mesh-wide allow-nothing AuthorizationPolicy in the mesh root namespace (enforced, not a
/// dry run) and default-deny egress in every tenant namespace. The API server's authorized ranges, private endpoint,
/// node public IPs and run command are cloud settings the cluster does not show.
/// </summary>
public sealed class ZeroTrustEnvironmentEvidence : EvidenceRule
{
    /// <summary>Mesh root namespaces: open-source Istio's and the AKS add-on's.</summary>
    private static readonly string[] RootNamespaces = ["istio-system", "aks-istio-system"];

    public override string Practice => "Zero Trust Environment";
    public override IReadOnlyList<ApiKind> Reads => WithTenants(Kinds.AuthorizationPolicy, Kinds.NetworkPolicy);
    public override string Brings => "a mesh-wide default-deny AuthorizationPolicy, tenant egress default-deny, and on azure authorized API server ranges (platform:apiServerAuthorizedIpRanges), no node public IPs, run command off (pmctl upgrade --promote)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var allowNothing = cluster.Of(Kinds.AuthorizationPolicy)
            .Where(p => p.Namespace is { } ns && RootNamespaces.Contains(ns, StringComparer.Ordinal)
                        && p.At("spec", "selector") is null && p.At("spec", "targetRefs") is null && !p.Items("spec", "rules").Any()
                        && (p.Text("spec", "action") ?? "ALLOW") == "ALLOW")
            .ToList();
        var enforced = allowNothing.Where(p => p.Annotations.GetValueOrDefault("istio.io/dry-run") != "true").Select(p => $"AuthorizationPolicy {p.Id} (allow nothing)").ToList();
        var egress = PerTenant(cluster, "a default-deny egress NetworkPolicy", t => [.. BasicTrafficFilteringEvidence.DefaultDeny(cluster, t, "Egress")]);
        if (enforced.Count > 0 && egress.Verdict == Verdict.Met)
            return Finding.Met($"mesh default-deny; {egress.Why}", [.. enforced, .. egress.Evidence]);
        if (enforced.Count == 0 && allowNothing.Count == 0 && egress.Verdict == Verdict.Missing)
            return Finding.Missing("no mesh-wide default-deny AuthorizationPolicy and no default-deny egress");
        var why = enforced.Count > 0 ? "mesh default-deny" : allowNothing.Count > 0 ? "mesh default-deny only as a dry run (staged)" : "no mesh-wide default-deny AuthorizationPolicy";
        return Finding.Partial($"{why}; {egress.Why}", [.. enforced, .. egress.Evidence]);
    }
}
