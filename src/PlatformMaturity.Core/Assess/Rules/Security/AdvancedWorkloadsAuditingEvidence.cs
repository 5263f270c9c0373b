using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Security;

/// <summary>Levels 4–5: runtime detection of what workloads do (Falco, Tetragon, Defender sensor).</summary>
public sealed class AdvancedWorkloadsAuditingEvidence : EvidenceRule
{
    public override string Practice => "Advanced Workloads Auditing";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "Falco with falcosidekick to the alerting channel";

    public override Finding Evaluate(ClusterView cluster) =>
        cluster.FindAny(Components.Falco, Components.Tetragon, Components.DefenderSensor) is { Count: > 0 } found
            ? Finding.Met($"runtime detection: {string.Join(", ", found.Select(f => f.Component))}", found.SelectMany(f => f.Evidence))
            : Finding.Missing("no Falco, Tetragon or Defender sensor found");
}
