using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>Levels 2–3: something scans the cluster's images continuously.</summary>
public sealed class BasicVulnerabilitiesManagementEvidence : EvidenceRule
{
    public override string Practice => "Basic Vulnerabilities Management";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "trivy-operator (azure: also registry quarantine)";

    public override Finding Evaluate(ClusterView cluster) =>
        Scanners(cluster) is { Count: > 0 } found
            ? Finding.Met($"image scanner: {string.Join(", ", found.Select(f => f.Component))}", found.SelectMany(f => f.Evidence))
            : Finding.Missing("no in-cluster image scanner (Trivy Operator, Kubescape, Defender sensor) found");

    internal static IReadOnlyList<Sighting> Scanners(ClusterView cluster) => cluster.FindAny(Components.TrivyOperator, Components.Kubescape, Components.DefenderSensor);
}
