using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>
/// Levels 4–5: volumes that outlive their pods and zones. Two StorageClasses (a general one and a Retain one for data,
/// both expandable and bound where the pod lands), and a VolumeSnapshotClass Velero's CSI support picks up. On azure
/// the AKS CSI drivers and snapshot controller (StorageProfile) with zone-redundant Premium SSDs; on existing the
/// cluster's CSI driver from platform:storageProvisioner and a snapshot controller chart.
/// </summary>
public sealed class AdvancedVolumeManagement : PracticeComponent
{
    /// <summary>General-purpose class: expandable, deleted with its claim (caches, scratch data, rebuildable state).</summary>
    public const string StandardClass = "platform-standard";

    /// <summary>The class for data: its volume stays (Retain) when the claim or the app is deleted; golden paths' state uses it.</summary>
    public const string DataClass = "platform-data-retain";

    /// <summary>The snapshot class Velero uses for CSI snapshots (one per driver carries <see cref="VeleroSnapshotClassLabel"/>).</summary>
    public const string SnapshotClass = "platform-csi-snapshots";

    /// <summary>Velero's CSI support picks the VolumeSnapshotClass of a driver by this label (value "true").</summary>
    public const string VeleroSnapshotClassLabel = "velero.io/csi-volumesnapshot-class";

    /// <summary>The Azure Disk CSI driver AKS runs when StorageProfile.DiskDriverEnabled.</summary>
    public const string AzureDiskDriver = "disk.csi.azure.com";

    /// <summary>Zone-redundant Premium SSD: a disk replicated across three zones, so a zone loss does not strand the pod's data.</summary>
    public const string AzureDiskSku = "Premium_ZRS";

    public const string SnapshotControllerRelease = "snapshot-controller";

    /// <summary>
    /// azure: ReadWriteMany volumes that no zone owns — Azure Files premium NFS shares on zone-redundant storage — for
    /// what pods in any zone share or reattach: a training Job's checkpoints survive its node and a replacement node
    /// (spot capacity) in another zone mounts the same share. NFS, not SMB: the Azure Files driver keeps an SMB share's
    /// storage account key in a Secret, and the platform holds no static cloud credential in the cluster.
    /// </summary>
    public const string SharedClass = "platform-shared-zrs";

    public const string AzureFileDriver = "file.csi.azure.com";

    public override string Practice => "Advanced Volume Management";

    public override Implementation Implementation => new(
        Existing: $"StorageClasses {StandardClass} (Delete) and {DataClass} (Retain), both expandable with WaitForFirstConsumer binding, on the CSI driver of {ConfigKeys.StorageProvisioner.FullName}; VolumeSnapshotClass {SnapshotClass} labelled {VeleroSnapshotClassLabel}; the CSI snapshot controller (piraeus chart {Pins.SnapshotController.Version}, with the snapshot.storage.k8s.io CRDs) in kube-system",
        Azure: $"AKS StorageProfile: Azure Disk and Azure Files CSI drivers and the snapshot controller on; StorageClasses {StandardClass} (Delete) and {DataClass} (Retain) on zone-redundant Premium SSD ({AzureDiskSku}), expandable, WaitForFirstConsumer, and {SharedClass} (ReadWriteMany: Azure Files premium NFS, {AzureDiskSku}, Retain); VolumeSnapshotClass {SnapshotClass} (incremental) labelled {VeleroSnapshotClassLabel}");

    /// <summary>The CSI driver the classes provision with on this stack.</summary>
    public static string Provisioner(PlatformConfig config) => config.IsAzure ? AzureDiskDriver : config.StorageProvisioner;

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        if (component.IsAzure)
        {
            component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
            {
                // The snapshot controller is on by default in AKS; set explicitly so the plan shows who needs it.
                StorageProfile = new StorageProfile(DiskDriverEnabled: true, FileDriverEnabled: true, BlobDriverEnabled: null, SnapshotControllerEnabled: true),
            });
        }
        else
        {
            AddSnapshotController(component);
        }

        component.AddObject(StorageClass(config, StandardClass, "Delete"));
        component.AddObject(StorageClass(config, DataClass, "Retain"));
        if (component.IsAzure)
            component.AddObject(SharedStorageClass());
        else if (config.RwxStorageClass is { } rwx)
            component.Note($"ReadWriteMany volumes on existing use the cluster's own StorageClass {rwx} ({ConfigKeys.RwxStorageClass.FullName}; the platform does not create it): the ml-training-job golden path keeps its checkpoints there. Check it provisions ReadWriteMany volumes that no zone owns: kubectl get storageclass {rwx} -o yaml.");
        else
            component.Note($"No ReadWriteMany class on existing: {ConfigKeys.StorageProvisioner.FullName} names a block-volume driver (ReadWriteOnce), so the ml-training-job golden path writes no checkpoint volume. Name the cluster's ReadWriteMany class (NFS, CephFS, EFS, Azure Files NFS) in {ConfigKeys.RwxStorageClass.FullName} to give training Jobs one.");
        var snapshotClass = component.AddObject(SnapshotClassFor(config));
        // snapshot.storage.k8s.io is a *.k8s.io group, which the graph does not order by its CRDs' release: say it.
        if (!component.IsAzure)
            component.Contribute<KubernetesResource>(snapshotClass.Name, r => r with { DependsOn = [.. r.DependsOn, SnapshotControllerRelease] });

        component.Note($"Claims for data use storageClassName: {DataClass}: deleting the claim keeps the volume (kubectl get pv shows it Released; delete it by hand once its data is no longer needed).");
        component.Note($"Grow a volume: raise spec.resources.requests.storage of its claim (kubectl edit pvc <name> -n <tenant>); both classes allow expansion. Shrinking is not possible.");
        component.Note($"Snapshot a volume: a VolumeSnapshot with volumeSnapshotClassName: {SnapshotClass}; Velero uses the same class for its CSI snapshots.");
        if (!component.IsAzure)
            component.Note($"StorageClasses use the CSI driver {config.StorageProvisioner} ({ConfigKeys.StorageProvisioner.FullName}); it must support snapshots and expansion. If the cluster already runs a snapshot controller, uninstall the chart's copy (helm uninstall {SnapshotControllerRelease} -n {PlatformNamespaces.KubeSystem}) or the two elect one leader.");
        else
            component.Note($"Volumes are {AzureDiskSku} managed disks: synchronously replicated across three zones, so a pod rescheduled to another zone attaches the same disk.");
    }

    private static V1StorageClass StorageClass(PlatformConfig config, string name, string reclaimPolicy) => new()
    {
        ApiVersion = "storage.k8s.io/v1",
        Kind = "StorageClass",
        Metadata = new V1ObjectMeta { Name = name },
        Provisioner = Provisioner(config),
        ReclaimPolicy = reclaimPolicy,
        AllowVolumeExpansion = true,
        // Bound where the pod is scheduled, so a zonal volume is created in the pod's zone (and topology spread decides).
        VolumeBindingMode = "WaitForFirstConsumer",
        Parameters = config.IsAzure ? new Dictionary<string, string> { ["skuName"] = AzureDiskSku, ["cachingMode"] = "ReadOnly" } : null,
    };

    private static V1StorageClass SharedStorageClass() => new()
    {
        ApiVersion = "storage.k8s.io/v1",
        Kind = "StorageClass",
        Metadata = new V1ObjectMeta { Name = SharedClass },
        Provisioner = AzureFileDriver,
        // Checkpoints outlive the Job that wrote them; the claim's owner deletes the share when done.
        ReclaimPolicy = "Retain",
        AllowVolumeExpansion = true,
        // A share is regional, not zonal: bind at once.
        VolumeBindingMode = "Immediate",
        Parameters = new Dictionary<string, string> { ["skuName"] = AzureDiskSku, ["protocol"] = "nfs" },
    };

    private static VolumeSnapshotClass SnapshotClassFor(PlatformConfig config) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = SnapshotClass,
            Labels = new Dictionary<string, string> { [VeleroSnapshotClassLabel] = "true" },
        },
        Driver = Provisioner(config),
        // Velero's data mover deletes its snapshots once their data is in the backup storage; Delete removes the
        // underlying disk snapshot with them, so none is left billing.
        DeletionPolicy = "Delete",
        // Azure Disk: incremental snapshots store only the changed blocks.
        Parameters = config.IsAzure ? new Dictionary<string, string> { ["incremental"] = "true" } : null,
    };

    private static void AddSnapshotController(ComponentBuilder component)
    {
        var values = HelmValues.From(
            ("installCRDs", true),
            ("controller.replicaCount", 2),
            ("controller.args.leaderElection", true),
            ("controller.pdb.minAvailable", 1),
            ("controller.serviceMonitor.create", component.HasMonitoring),
            ("controller.podSecurityContext.runAsNonRoot", true),
            ("controller.podSecurityContext.seccompProfile.type", "RuntimeDefault"),
            ("controller.securityContext.allowPrivilegeEscalation", false),
            ("controller.securityContext.readOnlyRootFilesystem", true),
            ("controller.securityContext.capabilities.drop", new[] { "ALL" }),
            // The conversion/validation webhook is off by default at 5.2.0 and needs its own certificates.
            ("webhook.enabled", false));
        component.AddRelease(SnapshotControllerRelease, PlatformNamespaces.KubeSystem, Pins.SnapshotController, values,
            providesApiGroups: ["snapshot.storage.k8s.io", "groupsnapshot.storage.k8s.io"],
            dependsOn: Availability.MonitoringStack.IfMonitored(component), createNamespace: false);
    }
}
