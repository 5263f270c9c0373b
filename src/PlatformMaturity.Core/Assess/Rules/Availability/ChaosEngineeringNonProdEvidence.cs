using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Levels 4–5: a chaos tool runs experiments (Chaos Mesh, Litmus).</summary>
public sealed class ChaosEngineeringNonProdEvidence : EvidenceRule
{
    public override string Practice => "Chaos Engineering (non-prod)";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "Chaos Mesh with scheduled experiments (platform:environment nonprod)";

    public override Finding Evaluate(ClusterView cluster) =>
        cluster.FindAny(Components.ChaosMesh, Components.Litmus) is { Count: > 0 } found
            ? Finding.Met($"chaos experiments: {string.Join(", ", found.Select(f => f.Component))}", found.SelectMany(f => f.Evidence))
            : Finding.Missing("no Chaos Mesh or Litmus found");
}
