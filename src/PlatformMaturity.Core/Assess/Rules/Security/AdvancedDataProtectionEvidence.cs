using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>Levels 3–5: secrets come from a vault (External Secrets, Secrets Store CSI, Vault injector), not from Git.</summary>
public sealed class AdvancedDataProtectionEvidence : EvidenceRule
{
    public override string Practice => "Advanced Data Protection";
    public override IReadOnlyList<ApiKind> Reads => WithComponents(Kinds.ClusterSecretStore);
    public override string Brings => "external-secrets with a ClusterSecretStore (azure: Key Vault Secrets Store CSI driver)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var found = cluster.FindAny(Components.ExternalSecrets, Components.SecretsStoreCsi, Components.VaultInjector);
        var stores = cluster.Of(Kinds.ClusterSecretStore).Select(s => $"ClusterSecretStore {s.Name}");
        return found.Count > 0
            ? Finding.Met($"secrets from a vault: {string.Join(", ", found.Select(f => f.Component))}", found.SelectMany(f => f.Evidence).Concat(stores))
            : Finding.Missing("no External Secrets Operator, Secrets Store CSI driver or Vault injector found");
    }
}
