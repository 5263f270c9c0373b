using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>
/// Level 5: workloads reach cloud APIs as their own identity. The cluster shows service accounts federated with a
/// cloud identity (Entra workload identity, EKS IRSA, GKE workload identity) or pods projecting an audience-bound token;
/// a Secret named as a cloud key file (Velero's, a cloud provider's credentials) shows a static credential remains.
/// </summary>
public sealed class IdentityBasedAccessControlEvidence : EvidenceRule
{
    /// <summary>Service-account annotations that federate it with a cloud identity.</summary>
    public static readonly IReadOnlyList<string> IdentityAnnotations =
        ["azure.workload.identity/client-id", "eks.amazonaws.com/role-arn", "iam.gke.io/gcp-service-account"];

    /// <summary>Secret names that hold cloud key files by convention (Velero's chart and plugins, cloud SDK samples).</summary>
    private static readonly string[] StaticCredentialNames = ["velero-credentials", "cloud-credentials", "azure-credentials", "aws-credentials", "gcp-credentials"];

    public override string Practice => "Identity-based Access Control";
    public override IReadOnlyList<ApiKind> Reads => [Kinds.ServiceAccount, Kinds.Deployment, Kinds.StatefulSet, Kinds.Secret];
    public override string Brings => "workload identity per platform component and per tenant service account (workloadIdentities of platform:tenants); platform:backupRoleArn on existing";

    public override Finding Evaluate(ClusterView cluster)
    {
        var federated = cluster.Of(Kinds.ServiceAccount)
            .Where(sa => IdentityAnnotations.Any(a => sa.Annotations.ContainsKey(a)))
            // The postgres golden path's backup account is the platform's own from Level 4 (Golden Paths), in every tenant
            // namespace whether or not a team uses workload identity: it shows nothing about the tenants' workloads.
            .Where(sa => sa.Name != Practices.Delivery.PostgresOperator.BackupServiceAccount)
            .Select(sa => $"ServiceAccount {sa.Id} ({IdentityAnnotations.First(a => sa.Annotations.ContainsKey(a))})");
        var projected = cluster.Of(Kinds.Deployment).Concat(cluster.Of(Kinds.StatefulSet))
            .Where(w => w.Items("spec", "template", "spec", "volumes").Any(v => v.TryGetProperty("projected", out var p)
                && p.TryGetProperty("sources", out var sources) && sources.ValueKind == System.Text.Json.JsonValueKind.Array
                && sources.EnumerateArray().Any(s => s.TryGetProperty("serviceAccountToken", out var t) && t.TryGetProperty("audience", out _))))
            .Select(w => $"{w.Kind.Kind} {w.Id} (projected token with an audience)");
        var evidence = federated.Concat(projected).ToList();
        var keys = cluster.Of(Kinds.Secret).Where(s => StaticCredentialNames.Contains(s.Name, StringComparer.Ordinal)).Select(s => $"Secret {s.Id}").ToList();
        if (keys.Count > 0)
            return evidence.Count > 0
                ? Finding.Partial($"workload identities, but static cloud credentials remain in {string.Join(", ", keys)}", evidence)
                : Finding.Missing($"static cloud credentials in {string.Join(", ", keys)} and no workload identity");
        return evidence.Count > 0
            ? Finding.Met("workloads reach cloud APIs with federated or projected identities, and no cloud key file is stored", evidence)
            : Finding.NotCheckable("no service account is federated with a cloud identity and no cloud key Secret is seen: the platform's identities live in the cloud (federated credentials) and in chart values the assessment does not read");
    }
}
