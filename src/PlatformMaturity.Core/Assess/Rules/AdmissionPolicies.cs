using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules;

/// <summary>Admission policies (ValidatingAdmissionPolicy, Kyverno ClusterPolicy) whose text mentions what a practice needs checked.</summary>
public static class AdmissionPolicies
{
    public static IReadOnlyList<string> Mentioning(ClusterView cluster, params string[] needles)
    {
        var bound = cluster.Of(Kinds.ValidatingAdmissionPolicyBinding).Select(b => b.Text("spec", "policyName")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var policy in cluster.Of(Kinds.ValidatingAdmissionPolicy))
        {
            // A policy without a binding checks nothing; when bindings could not be listed, the policy counts.
            var isBound = bound.Contains(policy.Name) || cluster.Snapshot.Coverage(Kinds.ValidatingAdmissionPolicyBinding).State == CoverageState.Unknown;
            if (isBound && Mentions(policy.At("spec")?.GetRawText(), needles))
                result.Add($"ValidatingAdmissionPolicy {policy.Name}");
        }
        foreach (var policy in cluster.Of(Kinds.KyvernoClusterPolicy))
        {
            if (Mentions(policy.At("spec")?.GetRawText(), needles))
                result.Add($"Kyverno ClusterPolicy {policy.Name}");
        }
        return result;
    }

    private static bool Mentions(string? text, string[] needles) =>
        text is not null && needles.Any(n => text.Contains(n, StringComparison.Ordinal));
}
