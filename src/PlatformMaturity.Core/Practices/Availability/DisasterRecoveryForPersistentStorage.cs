using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Efficiency;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Levels 4–5: volume data survives the loss of a cluster and of a region. The daily tenant backups of Basic Disaster
/// Recovery now take CSI snapshots of every volume and Velero's data mover copies their contents (kopia, through the
/// node agent) into the backup storage, which on azure becomes read-access geo-zone-redundant (RA-GZRS): zones in the
/// primary region, an asynchronous copy in the paired region readable without a failover.
/// </summary>
/// <remarks>
/// Why Velero and not AKS Backup owns volume backups on azure: Pulumi.Azure 6.39's AKS Backup
/// (DataProtection.BackupPolicyKubernetesCluster) supports only the operational tier, i.e. disk snapshots in the
/// cluster's own region and subscription, which a regional outage takes down with the cluster. Velero's data mover
/// already snapshots the same volumes locally (the CSI snapshot taken for the upload) and moves their data into the
/// geo-redundant account, and it is the engine that restores Kubernetes objects too, so one tool restores a tenant
/// whole. AKS Backup would add a second owner of the same volumes (extension, trusted access, vault) and nothing a
/// regional restore can use, so it is not added.
/// </remarks>
public sealed class DisasterRecoveryForPersistentStorage : PracticeComponent
{
    /// <summary>RA-GZRS in azurerm's spelling; a change from ZRS within the zone-redundant family is applied in place.</summary>
    public const string GeoRedundantReplication = "RAGZRS";

    /// <summary>The velero namespace's Pod Security level from this practice on (it documents Levels 3's as baseline).</summary>
    public static readonly PlatformNamespacePodSecurity VeleroPodSecurity = new(PodSecurityLevel.Privileged,
        "the Velero node agent (data mover) mounts the kubelet's pod volumes from the host (hostPath /var/lib/kubelet/pods)");

    public override string Practice => "Disaster Recovery for Persistent Storage";

    public override Implementation Implementation => new(
        Existing: $"Velero's CSI snapshot data mover: the daily tenant Schedules snapshot every volume (VolumeSnapshotClass {AdvancedVolumeManagement.SnapshotClass}) and the node agent copies the data into the backup bucket; replicate the bucket to another region (S3 cross-region replication) for regional DR",
        Azure: $"Velero's CSI snapshot data mover into the backup storage account, now read-access geo-zone-redundant ({GeoRedundantReplication}: three zones plus the paired region); the daily tenant Schedules snapshot every volume and the node agent uploads the data. AKS Backup is not used: in Pulumi.Azure 6.39 it offers only the operational tier (same-region snapshots), which does not survive a regional outage");

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        component.Contribute<HelmRelease>(BasicDisasterRecovery.ReleaseName, release => release with
        {
            Values = release.Values
                // The data mover runs in the node agent (it mounts the volume restored from the snapshot and uploads it with kopia).
                .With("deployNodeAgent", true)
                .With("configuration.defaultSnapshotMoveData", true)
                .With("configuration.uploaderType", "kopia")
                .With("nodeAgent.resources.requests.cpu", "500m")
                .With("nodeAgent.resources.requests.memory", "512Mi")
                .With("nodeAgent.resources.limits.cpu", "2")
                .With("nodeAgent.resources.limits.memory", "2Gi"),
        });
        // On the first cluster's Schedules: every member's copy carries the change (BasicDisasterRecovery.ScheduleName).
        foreach (var tenant in config.Tenants)
        {
            component.ContributeObject<CustomObject>(ComponentBuilder.KubernetesName(new CustomObject
            {
                Kind = "Schedule",
                Metadata = new V1ObjectMeta { Name = BasicDisasterRecovery.ScheduleName(tenant.Name, ClusterRef.PrimaryKey), NamespaceProperty = BasicDisasterRecovery.Namespace },
            }), schedule =>
            {
                var template = schedule.Spec!["template"]!.AsObject();
                template["snapshotVolumes"] = true;
                template["snapshotMoveData"] = true;
            });
        }

        // The node agent mounts the kubelet's pod volumes from the host: the velero namespace needs privileged from here on.
        if (component.InEffect(WellKnown.RestrictedContainerRuntime))
        {
            var enforce = component.IsStaged(Config.Enforcements.PlatformPodSecurity) ? (PodSecurityLevel?)null : VeleroPodSecurity.Level;
            component.ContributeObject<V1Namespace>($"namespace-{BasicDisasterRecovery.Namespace}",
                ns => PodSecurity.Apply(ns.Metadata.Labels, enforce, VeleroPodSecurity.Level));
        }

        if (component.IsAzure)
        {
            component.Contribute<StorageAccount>(BasicDisasterRecovery.StorageAccountName, account => account with { AccountReplicationType = GeoRedundantReplication });
            component.Note($"Backups (objects and volume data) are in a {GeoRedundantReplication} storage account: readable in the paired region without a failover, so a cluster there can restore from it (see the runbook's regional failover).");
        }
        else
        {
            component.Note("Volume data goes to the same S3 bucket as the objects; for regional DR replicate the bucket to another region (S3 cross-region replication or your store's equivalent) and point the recovery cluster's Velero at the replica.");
        }
        component.Note($"Every tenant volume is snapshotted with {AdvancedVolumeManagement.SnapshotClass} and its data moved into the backup storage: kubectl get datauploads -n {BasicDisasterRecovery.Namespace} shows the uploads of the last backups.");
        component.Note("AKS Backup is not used: Pulumi.Azure 6.39 offers only its operational tier (snapshots in the cluster's own region), which a regional outage takes with it; Velero owns volume backups.");
    }
}
