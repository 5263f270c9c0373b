using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>Levels 4–5: image signatures verified at admission (Kyverno ImageValidatingPolicy or verifyImages rules).</summary>
public sealed class ExtendedImagesBuildProcessesEvidence : EvidenceRule
{
    public override string Practice => "Extended Images Build Processes";
    public override IReadOnlyList<ApiKind> Reads => [Kinds.KyvernoImageValidatingPolicy, Kinds.KyvernoClusterPolicy];
    public override string Brings => "cosign signing in CI and Kyverno signature verification (Audit, Deny after pmctl upgrade --promote)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var policies = cluster.Of(Kinds.KyvernoImageValidatingPolicy).ToList();
        var deny = policies.Where(p => p.Items("spec", "validationActions").Any(a => a.GetString() == "Deny")).Select(p => $"ImageValidatingPolicy {p.Name} (Deny)").ToList();
        var verify = cluster.Of(Kinds.KyvernoClusterPolicy).Where(p => p.At("spec")?.GetRawText().Contains("verifyImages", StringComparison.Ordinal) == true).ToList();
        deny.AddRange(verify.Where(p => string.Equals(p.Text("spec", "validationFailureAction"), "Enforce", StringComparison.OrdinalIgnoreCase)).Select(p => $"Kyverno ClusterPolicy {p.Name} (verifyImages, Enforce)"));
        if (deny.Count > 0)
            return Finding.Met("image signatures are verified at admission", deny);
        var audit = policies.Select(p => $"ImageValidatingPolicy {p.Name} (audit)").Concat(verify.Select(p => $"Kyverno ClusterPolicy {p.Name} (verifyImages, audit)")).ToList();
        return audit.Count > 0 ? Finding.Partial("image signatures are checked but only audited (staged)", audit) : Finding.Missing("no image signature verification at admission");
    }
}
