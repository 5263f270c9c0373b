using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Levels 4–5: backups include volume data (Velero Schedules with volume snapshots or file-system backup).</summary>
public sealed class DisasterRecoveryForPersistentStorageEvidence : EvidenceRule
{
    public override string Practice => "Disaster Recovery for Persistent Storage";
    public override IReadOnlyList<ApiKind> Reads => [Kinds.VeleroSchedule];
    public override string Brings => "CSI volume snapshots in backups (azure: AKS Backup)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var schedules = cluster.Of(Kinds.VeleroSchedule).ToList();
        var withVolumes = schedules.Where(s => s.At("spec", "template", "snapshotVolumes") is { ValueKind: System.Text.Json.JsonValueKind.True }
                || s.At("spec", "template", "defaultVolumesToFsBackup") is { ValueKind: System.Text.Json.JsonValueKind.True })
            .Select(s => $"Schedule {s.Id} (volumes)").ToList();
        return withVolumes.Count > 0 ? Finding.Met($"{withVolumes.Count} of {schedules.Count} backup schedules include volume data", withVolumes)
            : schedules.Count > 0 ? Finding.Partial($"{schedules.Count} backup schedules, none with volume snapshots or file-system backup", schedules.Select(s => $"Schedule {s.Id}"))
            : Finding.Missing("no Velero Schedule backs up volumes");
    }
}
