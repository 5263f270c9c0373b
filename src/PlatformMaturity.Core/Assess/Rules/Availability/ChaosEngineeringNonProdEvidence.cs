using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Config;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>
/// Levels 4–5: a chaos tool runs experiments (Chaos Mesh, Litmus) in non-production clusters. A production cluster
/// is not where this practice lives, so when the user says the cluster is prod (`--environment prod`) the absence
/// of a chaos tool tells nothing, and the verdict says where to look instead.
/// </summary>
public sealed class ChaosEngineeringNonProdEvidence : EvidenceRule
{
    public override string Practice => "Chaos Engineering (non-prod)";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "Chaos Mesh with scheduled experiments (platform:environment nonprod)";

    public override Finding Evaluate(ClusterView cluster) =>
        cluster.FindAny(Components.ChaosMesh, Components.Litmus) is { Count: > 0 } found
            ? Finding.Met($"chaos experiments: {string.Join(", ", found.Select(f => f.Component))}", found.SelectMany(f => f.Evidence))
            : cluster.Environment == EnvironmentKind.Prod
                ? Finding.NotCheckable("a production cluster: non-production chaos experiments run in the non-prod clusters; assess one of those for this practice")
                : Finding.Missing($"no Chaos Mesh or Litmus found{(cluster.Environment is null ? " (a production cluster? say so with --environment prod)" : "")}");
}
