using k8s.Models;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Efficiency;

/// <summary>Advanced Volume Management: expandable classes (one retaining data), a snapshot class Velero picks, the drivers and snapshot controller.</summary>
public sealed class AdvancedVolumeManagementTests
{
    [Fact]
    public void On_azure_the_classes_use_zone_redundant_premium_disks_and_aks_runs_the_csi_drivers_and_snapshot_controller()
    {
        var graph = Compose(Azure(4));
        var cluster = graph.Cluster();
        Assert.Equal(new StorageProfile(true, true, null, true), cluster.StorageProfile);
        Assert.Equal("Advanced Volume Management", cluster.ProvenanceOf("StorageProfile.SnapshotControllerEnabled").Source);

        var data = graph.Typed<V1StorageClass>("StorageClass", null, AdvancedVolumeManagement.DataClass);
        Assert.Equal("Retain", data.ReclaimPolicy);
        Assert.True(data.AllowVolumeExpansion);
        Assert.Equal("WaitForFirstConsumer", data.VolumeBindingMode);
        Assert.Equal("disk.csi.azure.com", data.Provisioner);
        Assert.Equal("Premium_ZRS", data.Parameters["skuName"]);
        var standard = graph.Typed<V1StorageClass>("StorageClass", null, AdvancedVolumeManagement.StandardClass);
        Assert.Equal("Delete", standard.ReclaimPolicy);
        Assert.True(standard.AllowVolumeExpansion);

        var snapshots = graph.Typed<VolumeSnapshotClass>("VolumeSnapshotClass", null, AdvancedVolumeManagement.SnapshotClass);
        Assert.Equal("true", snapshots.Metadata.Labels["velero.io/csi-volumesnapshot-class"]);
        Assert.Equal(data.Provisioner, snapshots.Driver);
        Assert.False(graph.HasRelease(AdvancedVolumeManagement.SnapshotControllerRelease));
        Assert.Empty(graph.SchemaErrors());
    }

    [Fact]
    public void On_existing_the_classes_follow_the_configured_csi_driver_after_the_snapshot_controller_chart()
    {
        var graph = Compose(Existing(4) with { StorageProvisioner = "ebs.csi.aws.com" });
        foreach (var name in new[] { AdvancedVolumeManagement.StandardClass, AdvancedVolumeManagement.DataClass })
            Assert.Equal("ebs.csi.aws.com", graph.Typed<V1StorageClass>("StorageClass", null, name).Provisioner);
        var snapshots = graph.Object("VolumeSnapshotClass", null, AdvancedVolumeManagement.SnapshotClass);
        Assert.Equal("ebs.csi.aws.com", Assert.IsType<VolumeSnapshotClass>(snapshots.Object).Driver);

        var controller = graph.Release(AdvancedVolumeManagement.SnapshotControllerRelease);
        Assert.Equal(Pins.SnapshotController, controller.Chart);
        Assert.Equal("kube-system", controller.Namespace);
        Assert.Contains("snapshot.storage.k8s.io", controller.ProvidesApiGroups);
        Assert.Contains(controller.Name, snapshots.DependsOn);
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Level_3_has_no_platform_storage_classes(DeploymentTarget target)
    {
        var graph = Compose(For(target, 3));
        Assert.DoesNotContain(graph.Resources.OfType<KubernetesResource>(), r => r.Kind is "StorageClass" or "VolumeSnapshotClass");
        if (target == DeploymentTarget.Azure)
            Assert.Null(graph.Cluster().StorageProfile);
    }
}
