using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Levels 3–5: monitoring that alerts (alerting rules on top of the metrics).</summary>
public sealed class AdvancedPlatformMonitoringEvidence : EvidenceRule
{
    public override string Practice => "Advanced Platform Monitoring";
    public override IReadOnlyList<ApiKind> Reads => WithComponents(Kinds.PrometheusRule);
    public override string Brings => "Alertmanager routes to platform:alerting, platform alert rules";

    public override Finding Evaluate(ClusterView cluster)
    {
        var monitoring = BasicPlatformMonitoringEvidence.Monitoring(cluster);
        var alerts = Rules.PrometheusRules.Matching(cluster, alertsOnly: true);
        return Finding.OfParts(
        [
            ("metrics", monitoring.Count > 0 ? monitoring[0] : null),
            ("alerting rules", alerts.Count > 0 ? new Sighting($"{alerts.Count} PrometheusRules with alerts", alerts) : null),
        ]);
    }
}
