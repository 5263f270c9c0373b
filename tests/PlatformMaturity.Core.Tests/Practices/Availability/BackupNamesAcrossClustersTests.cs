using System.Collections.Immutable;
using System.Text.Json.Nodes;
using CsCheck;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Rendering;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Availability;

/// <summary>
/// Backup names across the clusters of a platform. Velero names a scheduled backup &lt;schedule&gt;-&lt;yyyyMMddHHmmss&gt; and
/// skips syncing a backup from a location when this cluster already has one of that name, so a survivor restores a lost
/// peer's tenants only if no two clusters' Schedules share a name; and the first cluster keeps the names its backup
/// history is filed under.
/// </summary>
public sealed class BackupNamesAcrossClustersTests
{
    private static PlatformConfig Load(string stack) =>
        PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, stack), stack), stack);

    public static TheoryData<string> Stacks => new() { "l4-azure", "l4-existing", "l5-azure", "l5-existing" };

    private static List<string> Keys(PlatformConfig config) => [.. config.Members.Select((m, i) => ClusterKeys.KeyOf(i, m))];

    private static List<CustomObject> Schedules(PlatformGraph graph, string cluster) =>
        [.. graph.Resources.OfType<KubernetesResource>().Where(r => r.Cluster == cluster && r.Kind == "Schedule" && r.Namespace == BasicDisasterRecovery.Namespace)
            .Select(r => (CustomObject)r.Object)];

    private static KubernetesResource Runbook(PlatformGraph graph, string cluster) =>
        graph.Resources.OfType<KubernetesResource>().Single(r => r.Cluster == cluster && r.Kind == "ConfigMap" && r.ObjectName == ManualDisasterRecoveryTesting.RunbookConfigMap);

    /// <summary>What Velero names a backup of <paramref name="schedule"/> started at <paramref name="at"/> (pkg/apis/velero/v1 Schedule.TimestampedName).</summary>
    private static string BackupName(string schedule, DateTime at) => $"{schedule}-{at:yyyyMMddHHmmss}";

    [Theory]
    [MemberData(nameof(Stacks))]
    public void No_two_clusters_make_a_schedule_or_backup_of_the_same_name(string stack)
    {
        var config = Load(stack);
        var graph = PracticeGraphs.ComposeWithMonitoring(config);
        var keys = Keys(config);
        Assert.True(keys.Count >= 2, $"{stack} has one cluster");
        var names = keys.SelectMany(key => Schedules(graph, key).Select(s => (Cluster: key, s.Metadata.Name))).ToList();
        Assert.Equal(keys.Count * (config.Tenants.Length + 1), names.Count); // a tenant Schedule each, and the drill's
        Assert.All(names.GroupBy(n => n.Name), g => Assert.Single(g));
        // Every cluster backs up at the same minute by default: the backups of one night still differ by name.
        var night = new DateTime(2026, 12, 4, 2, 0, 0, DateTimeKind.Utc);
        var backups = names.Select(n => BackupName(n.Name, night)).ToList();
        Assert.Equal(backups.Count, backups.Distinct(StringComparer.Ordinal).Count());
        // Each tenant's Schedule on every cluster backs up that tenant, into the cluster's own (default) location.
        foreach (var key in keys)
            foreach (var tenant in config.Tenants)
            {
                var schedule = Assert.Single(Schedules(graph, key), s => s.Metadata.Name == BasicDisasterRecovery.ScheduleName(tenant.Name, key));
                Assert.Contains(tenant.Name, schedule.Spec!["template"]!["includedNamespaces"]!.AsArray().Select(n => (string?)n));
                Assert.Equal(BasicDisasterRecovery.StorageLocation, (string?)schedule.Spec!["template"]!["storageLocation"]);
            }
        Assert.Empty(graph.SchemaErrors());
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void The_first_cluster_keeps_its_schedules_and_every_member_keeps_its_runbook_and_restore_test_identity(string stack)
    {
        var config = Load(stack);
        var graph = Compose(config);
        // The first cluster's Schedules (names and graph identity) are those it had as a single cluster.
        var single = Compose(config with { Clusters = [config.Members[0]] });
        Assert.Equal(Schedules(single, ClusterRef.PrimaryKey).Select(s => s.Metadata.Name).Order(StringComparer.Ordinal),
            Schedules(graph, ClusterRef.PrimaryKey).Select(s => s.Metadata.Name).Where(n => !n.StartsWith("dr-drill-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var tenant in config.Tenants)
        {
            var name = ComponentBuilder.KubernetesName(Schedules(single, ClusterRef.PrimaryKey).Single(s => s.Metadata.Name == BasicDisasterRecovery.ScheduleName(tenant.Name, ClusterRef.PrimaryKey)));
            Assert.Equal(graph.OwnerOf(name).Id, single.OwnerOf(name).Id);
        }
        // A member's runbook and restore test differ from the first cluster's but stay where its copies always were.
        foreach (var key in Keys(config).Skip(1))
            foreach (var original in new[] { ManualDisasterRecoveryTesting.RunbookResource, $"configmap-{BasicDisasterRecovery.Namespace}-{AdvancedDisasterRecoveryTesting.Name}", $"cronjob-{BasicDisasterRecovery.Namespace}-{AdvancedDisasterRecoveryTesting.Name}" })
            {
                var copy = Assert.IsType<KubernetesResource>(graph.Resource(ClusterMembers.CopyName(key, original)));
                Assert.Equal(key, copy.Cluster);
                Assert.Equal(ClusterMembers.ComponentId(key), graph.OwnerOf(copy.Name).Id);
                Assert.NotEqual(Yaml.Of(((KubernetesResource)graph.Resource(original)).Object), Yaml.Of(copy.Object));
            }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Each_clusters_runbook_restores_its_own_backups_and_its_lost_peers_through_the_peer_location(string stack)
    {
        var config = Load(stack);
        var graph = PracticeGraphs.ComposeWithMonitoring(config);
        var keys = Keys(config);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var peer = keys[CrossRegionRestoreDrill.PeerIndex(config, i)!.Value];
            var runbook = (V1ConfigMap)Runbook(graph, key).Object;
            var text = runbook.Data[ManualDisasterRecoveryTesting.RunbookKey];
            var peerLocation = (CustomObject)graph.Resources.OfType<KubernetesResource>()
                .Single(r => r.Cluster == key && r.Kind == "BackupStorageLocation" && r.ObjectName == CrossRegionRestoreDrill.PeerLocation(peer)).Object;
            var restoreTest = ((V1ConfigMap)graph.Resources.OfType<KubernetesResource>()
                .Single(r => r.Cluster == key && r.Kind == "ConfigMap" && r.ObjectName == AdvancedDisasterRecoveryTesting.Name).Object).Data[AdvancedDisasterRecoveryTesting.ScriptKey];
            // The restore test's pods restart when its script changes: the hash is this cluster's script's.
            var cron = (V1CronJob)graph.Resources.OfType<KubernetesResource>()
                .Single(r => r.Cluster == key && r.Kind == "CronJob" && r.ObjectName == AdvancedDisasterRecoveryTesting.Name).Object;
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(restoreTest))),
                cron.Spec.JobTemplate.Spec.Template.Metadata.Annotations[PlatformObjects.ScriptHashAnnotation]);
            foreach (var tenant in config.Tenants)
            {
                // Its own restores (by hand and the daily test) name a Schedule of this cluster.
                var own = Schedules(graph, key).Select(s => s.Metadata.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var template in new[] { ManualDisasterRecoveryTesting.RestoreKey(tenant.Name), ManualDisasterRecoveryTesting.TestRestoreKey(tenant.Name) })
                    Assert.Contains(ScheduleOf(runbook.Data[template]), own);
                Assert.Contains(AdvancedDisasterRecoveryTesting.Restore(tenant.Name, key).ToJsonString(), restoreTest, StringComparison.Ordinal);
                Assert.Contains((string)AdvancedDisasterRecoveryTesting.Restore(tenant.Name, key)["spec"]!["scheduleName"]!, own);

                // The peer's restore names a Schedule of the peer that backs up this tenant into the peer's own location,
                // which is exactly what this cluster's read-only peer location reads: the backups it restores exist there.
                var fromPeer = YamlDocuments.Parse(runbook.Data[ManualDisasterRecoveryTesting.PeerRestoreKey(tenant.Name, peer)]).Single()!;
                Assert.Empty(SchemaValidator.ValidateYaml(runbook.Data[ManualDisasterRecoveryTesting.PeerRestoreKey(tenant.Name, peer)]));
                var peerSchedule = Assert.Single(Schedules(graph, peer), s => s.Metadata.Name == (string?)fromPeer["spec"]!["scheduleName"]);
                Assert.DoesNotContain(peerSchedule.Metadata.Name, own);
                Assert.Contains(tenant.Name, peerSchedule.Spec!["template"]!["includedNamespaces"]!.AsArray().Select(n => (string?)n));
                Assert.Equal(tenant.Name, (string?)fromPeer["spec"]!["includedNamespaces"]![0]);
                Assert.Equal(BasicDisasterRecovery.StorageLocation, (string?)peerSchedule.Spec!["template"]!["storageLocation"]);
                var peerWrites = PeerWrites(graph, peer);
                Assert.Equal((string?)peerWrites["bucket"], (string?)peerLocation.Spec!["objectStorage"]!["bucket"]);
                Assert.Equal((string?)peerWrites["prefix"], (string?)peerLocation.Spec!["objectStorage"]!["prefix"]);
            }
            // The runbook's failover lists the peer's backups by its location and schedule labels.
            Assert.Contains($"{CrossRegionRestoreDrill.StorageLocationLabel}={CrossRegionRestoreDrill.PeerLocation(peer)},{CrossRegionRestoreDrill.ScheduleNameLabel}={BasicDisasterRecovery.ScheduleName("<tenant>", peer)}", text, StringComparison.Ordinal);
            Assert.Contains(ManualDisasterRecoveryTesting.PeerRestoreKey("<tenant>", peer).Replace(".", "\\.", StringComparison.Ordinal), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Schedule_names_of_any_tenants_on_any_clusters_never_meet()
    {
        var label = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"].Array[1, 20]
            .Select(chars => new string(chars))
            .Where(n => char.IsLetterOrDigit(n[0]) && char.IsLetterOrDigit(n[^1]));
        var cluster = Gen.OneOf(Gen.Const(ClusterRef.PrimaryKey), label);
        Gen.Select(label, cluster, label, cluster)
            .Where(p => p.Item1 != p.Item3 || p.Item2 != p.Item4)
            .Sample(p => BasicDisasterRecovery.ScheduleName(p.Item1, p.Item2) != BasicDisasterRecovery.ScheduleName(p.Item3, p.Item4), iter: 5000);
        // The adversarial pairs a hyphen separator would join: tenant a-b on one cluster, tenant a on cluster b.
        Assert.NotEqual(BasicDisasterRecovery.ScheduleName("a-b", ClusterRef.PrimaryKey), BasicDisasterRecovery.ScheduleName("a", "b"));
        Assert.NotEqual(BasicDisasterRecovery.ScheduleName("a-b", "c"), BasicDisasterRecovery.ScheduleName("a", "b-c"));
        // Kubernetes object names (DNS-1123 subdomains) and Velero's schedule-name label accept them.
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", BasicDisasterRecovery.ScheduleName("team-a", "west-2"));
    }

    private static string ScheduleOf(string restoreYaml) => (string)YamlDocuments.Parse(restoreYaml).Single()!["spec"]!["scheduleName"]!;

    private static JsonObject PeerWrites(PlatformGraph graph, string peer)
    {
        var release = graph.Resources.OfType<HelmRelease>().Single(r => r.Cluster == peer && r.ReleaseName == BasicDisasterRecovery.ReleaseName);
        var list = Assert.IsAssignableFrom<IEnumerable<object?>>(release.Values.Get(BasicDisasterRecovery.LocationsValue));
        return Assert.IsType<HelmValues>(list.First()).ToJson();
    }
}
