using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>Levels 3–5: scanning plus action: alerts on findings and images admitted only from allowed registries.</summary>
public sealed class AdvancedVulnerabilitiesManagementEvidence : EvidenceRule
{
    public override string Practice => "Advanced Vulnerabilities Management";
    public override IReadOnlyList<ApiKind> Reads => WithComponents(Kinds.PrometheusRule, Kinds.ValidatingAdmissionPolicy, Kinds.KyvernoClusterPolicy);
    public override string Brings => "alerts on critical findings and a registry allow-list at admission (azure: Defender for Containers)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var scanners = BasicVulnerabilitiesManagementEvidence.Scanners(cluster);
        var alerts = Rules.PrometheusRules.Matching(cluster, alertsOnly: true, "vulnerabilit", "trivy_");
        var allowList = AdmissionPolicies.Mentioning(cluster, "image.startsWith", "registry", "allowedRegistries");
        return Finding.OfParts(
        [
            ("image scanning", scanners.Count > 0 ? scanners[0] : null),
            ("alerts on findings", alerts.Count > 0 ? new Sighting("PrometheusRule alerts", alerts) : null),
            ("registry allow-list at admission", allowList.Count > 0 ? new Sighting("admission policy", allowList) : null),
        ]);
    }
}
