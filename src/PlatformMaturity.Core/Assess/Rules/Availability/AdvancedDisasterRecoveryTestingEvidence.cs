using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Levels 4–5: automated restore checks are CronJobs whose purpose no object states in a portable way.</summary>
public sealed class AdvancedDisasterRecoveryTestingEvidence : EvidenceRule
{
    public override string Practice => "Advanced Disaster Recovery Testing";
    public override IReadOnlyList<ApiKind> Reads => [Kinds.VeleroRestore];
    public override string Brings => "a CronJob restoring the latest backup into a scratch namespace, with an alert on failure";
    public override bool ByNature => true;

    public override Finding Evaluate(ClusterView cluster)
    {
        var restores = cluster.Of(Kinds.VeleroRestore).Select(r => $"Restore {r.Id}").ToList();
        return Finding.NotCheckable($"whether restores are rehearsed automatically is not stated by any standard object ({restores.Count} Velero Restores seen)", restores);
    }
}
