using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>Levels 4–5: mesh mTLS STRICT, mesh-wide (a PeerAuthentication in the mesh's root namespace) or in every tenant namespace.</summary>
public sealed class AllTrafficEncryptedEvidence : EvidenceRule
{
    private static readonly string[] RootNamespaces = ["istio-system", "aks-istio-system"];

    public override string Practice => "All traffic encrypted";
    public override IReadOnlyList<ApiKind> Reads => WithTenants(Kinds.PeerAuthentication);
    public override string Brings => "Istio with PeerAuthentication STRICT per tenant (PERMISSIVE first, STRICT after pmctl upgrade --promote)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var policies = cluster.Of(Kinds.PeerAuthentication);
        var meshWide = policies.Where(p => RootNamespaces.Contains(p.Namespace) && p.At("spec", "selector") is null && p.Text("spec", "mtls", "mode") == "STRICT").ToList();
        if (meshWide.Count > 0)
            return Finding.Met("mesh-wide mTLS STRICT", meshWide.Select(p => $"PeerAuthentication {p.Id} (STRICT)"));
        var finding = PerTenant(cluster, "PeerAuthentication STRICT", t =>
            [.. cluster.InNamespace(Kinds.PeerAuthentication, t).Where(p => p.Text("spec", "mtls", "mode") == "STRICT").Select(p => $"PeerAuthentication {p.Id} (STRICT)")]);
        if (finding.Verdict == Verdict.Missing && policies.Count > 0)
            return Finding.Partial("PeerAuthentications exist but none is STRICT (PERMISSIVE lets plain text through)", policies.Select(p => $"PeerAuthentication {p.Id} ({p.Text("spec", "mtls", "mode") ?? "unset"})"));
        return finding;
    }
}
