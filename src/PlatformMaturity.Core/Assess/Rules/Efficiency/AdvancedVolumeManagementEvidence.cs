using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Efficiency;

/// <summary>Levels 4–5: expandable storage classes and CSI snapshots.</summary>
public sealed class AdvancedVolumeManagementEvidence : EvidenceRule
{
    public override string Practice => "Advanced Volume Management";
    public override IReadOnlyList<ApiKind> Reads => [Kinds.StorageClass, Kinds.VolumeSnapshotClass];
    public override string Brings => "StorageClasses with expansion and retain, a VolumeSnapshotClass";

    public override Finding Evaluate(ClusterView cluster)
    {
        var expandable = cluster.Of(Kinds.StorageClass).Where(c => c.At("allowVolumeExpansion") is { ValueKind: System.Text.Json.JsonValueKind.True })
            .Select(c => $"StorageClass {c.Name} (expandable)").ToList();
        var snapshots = cluster.Of(Kinds.VolumeSnapshotClass).Select(c => $"VolumeSnapshotClass {c.Name}").ToList();
        return Finding.OfParts(
        [
            ("expandable storage", expandable.Count > 0 ? new Sighting("StorageClasses", expandable) : null),
            ("volume snapshots", snapshots.Count > 0 ? new Sighting("VolumeSnapshotClasses", snapshots) : null),
        ]);
    }
}
