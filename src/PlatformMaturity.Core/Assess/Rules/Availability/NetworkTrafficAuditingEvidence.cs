using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Level 5: flow logs (Hubble, Retina).</summary>
public sealed class NetworkTrafficAuditingEvidence : EvidenceRule
{
    public override string Practice => "Network Traffic Auditing";
    public override IReadOnlyList<ApiKind> Reads => WithComponents();
    public override string Brings => "azure: Advanced Container Networking flow logs; existing: Hubble";

    public override Finding Evaluate(ClusterView cluster) =>
        cluster.Find(Components.Hubble) is { } found ? Finding.Met("network flows are recorded", found.Evidence) : Finding.Missing("no Hubble or Retina found");
}
