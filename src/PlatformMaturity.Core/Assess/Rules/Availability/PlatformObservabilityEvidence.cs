using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Levels 3–5: logs are collected (Loki/Alloy, Fluent Bit, Vector, Azure Monitor).</summary>
public sealed class PlatformObservabilityEvidence : EvidenceRule
{
    public override string Practice => "Platform Observability";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "Loki and Alloy (azure: also Log Analytics)";

    public override Finding Evaluate(ClusterView cluster) =>
        cluster.FindAny(Components.LogPipeline, Components.AzureMonitor) is { Count: > 0 } found
            ? Finding.Met($"logs: {string.Join(", ", found.Select(f => f.Component))}", found.SelectMany(f => f.Evidence))
            : Finding.Missing("no log pipeline (Loki, Alloy, Fluent Bit, Vector, Azure Monitor) found");
}
