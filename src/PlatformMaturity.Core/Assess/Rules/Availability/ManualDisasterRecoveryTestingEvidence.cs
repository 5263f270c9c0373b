using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Levels 3–5: restores rehearsed by hand leave Velero Restores behind; without backups there is nothing to test.</summary>
public sealed class ManualDisasterRecoveryTestingEvidence : EvidenceRule
{
    public override string Practice => "Manual Disaster Recovery Testing";
    public override IReadOnlyList<ApiKind> Reads => WithComponents(Kinds.VeleroRestore);
    public override string Brings => "a DR runbook and restore templates for the stack's backups";

    public override Finding Evaluate(ClusterView cluster)
    {
        var restores = cluster.Of(Kinds.VeleroRestore).Select(r => $"Restore {r.Id} ({r.Text("status", "phase") ?? "no phase"})").ToList();
        if (restores.Count > 0)
            return Finding.Met($"{restores.Count} restores have been run", restores);
        return cluster.Find(Components.Velero) is { } velero
            ? Finding.NotCheckable("backups exist; rehearsals done by hand may leave no Restore behind (none seen)", velero.Evidence)
            : Finding.Missing("no backup tool, so no restore can be rehearsed");
    }
}
