using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>Levels 1–3: Kubernetes Secrets are built in. Secrets are counted from their metadata only, never read.</summary>
public sealed class BasicSecretsManagementEvidence : EvidenceRule
{
    public override string Practice => "Basic Secrets Management";
    public override IReadOnlyList<ApiKind> Reads => [];
    public override string Brings => "nothing to set up (Kubernetes Secrets; secure: stack config for credentials)";
    public override bool ByNature => true;

    public override Finding Evaluate(ClusterView cluster) =>
        Finding.Met($"Kubernetes Secrets are built in ({cluster.Of(Kinds.Secret).Count} Secrets seen, by name only); Advanced Data Protection supersedes this at Level 3");
}
