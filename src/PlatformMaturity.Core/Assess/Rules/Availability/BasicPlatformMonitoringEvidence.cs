using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Level 2: platform metrics are collected (Prometheus, or Azure Monitor's agents).</summary>
public sealed class BasicPlatformMonitoringEvidence : EvidenceRule
{
    public override string Practice => "Basic Platform Monitoring";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "kube-prometheus-stack (azure: Container Insights / managed Prometheus)";

    public override Finding Evaluate(ClusterView cluster) =>
        Monitoring(cluster) is { Count: > 0 } found
            ? Finding.Met($"metrics: {string.Join(", ", found.Select(f => f.Component))}", found.SelectMany(f => f.Evidence))
            : Finding.Missing("no Prometheus or Azure Monitor agents found");

    internal static IReadOnlyList<Sighting> Monitoring(ClusterView cluster) => cluster.FindAny(Components.Prometheus, Components.AzureMonitor);
}
