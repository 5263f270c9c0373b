using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>Levels 4–5: admission policies that deny (ValidatingAdmissionPolicy bindings with Deny, Kyverno Enforce).</summary>
public sealed class CompliancePoliciesEnforcementEvidence : EvidenceRule
{
    public override string Practice => "Compliance Policies Enforcement";
    public override IReadOnlyList<ApiKind> Reads => [Kinds.ValidatingAdmissionPolicyBinding, Kinds.KyvernoClusterPolicy];
    public override string Brings => "ValidatingAdmissionPolicies for labels, limits, registries and probes (staged Warn/Audit, Deny after pmctl upgrade --promote)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var bindings = cluster.Of(Kinds.ValidatingAdmissionPolicyBinding).ToList();
        var deny = bindings.Where(b => b.Items("spec", "validationActions").Any(a => a.GetString() == "Deny")).Select(b => $"ValidatingAdmissionPolicyBinding {b.Name} (Deny)").ToList();
        var kyverno = cluster.Of(Kinds.KyvernoClusterPolicy).ToList();
        deny.AddRange(kyverno.Where(p => string.Equals(p.Text("spec", "validationFailureAction"), "Enforce", StringComparison.OrdinalIgnoreCase)).Select(p => $"Kyverno ClusterPolicy {p.Name} (Enforce)"));
        if (deny.Count > 0)
            return Finding.Met($"{deny.Count} admission policies deny what breaks them", deny);
        var staged = bindings.Select(b => $"ValidatingAdmissionPolicyBinding {b.Name} (warn/audit)").Concat(kyverno.Select(p => $"Kyverno ClusterPolicy {p.Name} (audit)")).ToList();
        return staged.Count > 0
            ? Finding.Partial($"{staged.Count} admission policies only warn or audit (staged; enforce with pmctl upgrade --promote)", staged)
            : Finding.Missing("no ValidatingAdmissionPolicyBinding or Kyverno ClusterPolicy found");
    }
}
