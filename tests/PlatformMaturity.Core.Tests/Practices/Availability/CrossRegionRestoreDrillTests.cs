using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Availability;

/// <summary>
/// Advanced Disaster Recovery Testing across regions: every cluster of a multi-cluster platform reads its peer's
/// backups through a read-only location that points exactly where the peer's Velero writes, restores the peer's latest
/// drill backup on a schedule, checks the peer's canary and reports through its CronJob status.
/// </summary>
public sealed class CrossRegionRestoreDrillTests
{
    private static PlatformConfig Load(string stack) =>
        PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, stack), stack), stack);

    private static IEnumerable<KubernetesResource> On(PlatformGraph graph, string cluster, string kind) =>
        graph.Resources.OfType<KubernetesResource>().Where(r => r.Cluster == cluster && r.Kind == kind);

    private static KubernetesResource One(PlatformGraph graph, string cluster, string kind, string name) =>
        Assert.Single(On(graph, cluster, kind), r => r.ObjectName == name);

    private static KubernetesResource Primary(PlatformGraph graph, string kind, string? ns, string name) =>
        Assert.Single(On(graph, ClusterRef.PrimaryKey, kind), r => r.Namespace == ns && r.ObjectName == name);

    /// <summary>Where a cluster's own Velero writes: the first entry of its release's backupStorageLocation.</summary>
    private static (HelmRelease Release, JsonObject Location) OwnLocation(PlatformGraph graph, string cluster)
    {
        var release = graph.Resources.OfType<HelmRelease>().Single(r => r.Cluster == cluster && r.ReleaseName == BasicDisasterRecovery.ReleaseName);
        var list = Assert.IsAssignableFrom<IEnumerable<object?>>(release.Values.Get(BasicDisasterRecovery.LocationsValue));
        return (release, Assert.IsType<HelmValues>(list.First()).ToJson());
    }

    public static TheoryData<string> Stacks => new() { "l4-azure", "l4-existing", "l5-azure", "l5-existing" };

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Each_cluster_reads_its_peers_backups_read_only_exactly_where_the_peers_velero_writes(string stack)
    {
        var config = Load(stack);
        var graph = Compose(config);
        var refs = config.Members.Select((m, i) => ClusterKeys.KeyOf(i, m)).ToList();
        Assert.True(refs.Count >= 2, $"{stack} has one cluster");
        for (var i = 0; i < refs.Count; i++)
        {
            var peer = refs[CrossRegionRestoreDrill.PeerIndex(config, i)!.Value];
            Assert.NotEqual(refs[i], peer);
            var location = (CustomObject)One(graph, refs[i], "BackupStorageLocation", CrossRegionRestoreDrill.PeerLocation(peer)).Object;
            var spec = location.Spec!;
            Assert.Equal("ReadOnly", (string?)spec["accessMode"]);
            Assert.False((bool)spec["default"]!);

            var (peerRelease, written) = OwnLocation(graph, peer);
            Assert.Equal((string?)written["provider"], (string?)spec["provider"]);
            Assert.Equal((string?)written["bucket"], (string?)spec["objectStorage"]!["bucket"]);
            Assert.Equal((string?)written["prefix"], (string?)spec["objectStorage"]!["prefix"]);
            foreach (var (key, value) in written["config"]!.AsObject())
                Assert.Equal(value!.ToJsonString(), spec["config"]![key]!.ToJsonString());
            if (config.IsAzure)
            {
                // The account name comes from Azure, as for the peer's own location.
                var account = peerRelease.ValuesFromAzure[$"{BasicDisasterRecovery.LocationsValue}[0].config.storageAccount"];
                Assert.Equal(account.Placeholder, (string?)spec["config"]!["storageAccount"]);
                Assert.Contains(account, graph.Resources.OfType<KubernetesResource>().Single(r => r.Cluster == refs[i] && r.Object == location).TextFromAzure);
            }
            // No cluster's location is inside another's: Velero refuses a location whose root holds foreign directories.
            var own = OwnLocation(graph, refs[i]).Location;
            Assert.False((string?)own["bucket"] == (string?)written["bucket"]
                && ((string?)own["prefix"] is null || (string?)written["prefix"] is null
                    || ((string)own["prefix"]!).StartsWith((string)written["prefix"]! + "/", StringComparison.Ordinal)
                    || ((string)written["prefix"]!).StartsWith((string)own["prefix"]! + "/", StringComparison.Ordinal)),
                $"{refs[i]} and {peer} write into overlapping locations");
        }
        Assert.Empty(graph.SchemaErrors());
    }

    [Theory]
    [InlineData("l4-azure")]
    [InlineData("l5-azure")]
    public void On_azure_each_clusters_velero_has_its_own_identity_writing_its_own_container_and_reading_only_its_peers(string stack)
    {
        var config = Load(stack);
        var graph = Compose(config);
        var keys = config.Members.Select((m, i) => ClusterKeys.KeyOf(i, m)).ToList();
        var roles = graph.Resources.OfType<RoleAssignment>().ToList();
        var containers = graph.Resources.OfType<StorageContainer>().ToDictionary(c => c.Name);
        var identities = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var peer = keys[CrossRegionRestoreDrill.PeerIndex(config, i)!.Value];
            var (release, location) = OwnLocation(graph, key);
            // The release runs as the cluster's own identity, federated with this cluster's issuer for Velero's service account.
            var clientId = release.ValuesFromAzure[$"serviceAccount.server.annotations.\"{WorkloadIdentity.ClientIdAnnotation}\""];
            Assert.Equal(AzureOutput.ClientId, clientId.Output);
            var identity = clientId.Resource;
            Assert.IsType<UserAssignedIdentity>(graph.Resource(identity));
            Assert.True(identities.Add(identity), $"{key} shares Velero's identity with another cluster");
            var federation = Assert.Single(graph.Resources.OfType<FederatedIdentityCredential>(), f => f.Identity == identity);
            Assert.Equal($"system:serviceaccount:{BasicDisasterRecovery.Namespace}:{BasicDisasterRecovery.ServiceAccount}", federation.Subject);
            Assert.Equal(graph.Clusters.Single(c => c.Key == key).AksResource, federation.Cluster);
            Assert.Contains(federation.Name, release.DependsOn);

            // Data roles of the identity: contributor on the container its location writes, reader on its peer's; nothing else holds data access.
            var own = containers.Values.Single(c => c.ContainerName == (string?)location["bucket"]);
            var peerContainer = containers.Values.Single(c => c.ContainerName == (string?)OwnLocation(graph, peer).Location["bucket"]);
            var data = roles.Where(r => r.PrincipalId == new AzureRef(identity, AzureOutput.PrincipalId) && r.RoleDefinitionName.StartsWith("Storage Blob Data", StringComparison.Ordinal))
                .Select(r => (r.RoleDefinitionName, r.Scope)).OrderBy(r => r.RoleDefinitionName, StringComparer.Ordinal).ToList();
            Assert.Equal([("Storage Blob Data Contributor", new AzureRef(own.Name, AzureOutput.Id)), ("Storage Blob Data Reader", new AzureRef(peerContainer.Name, AzureOutput.Id))], data);
            Assert.Contains(roles.Single(r => r.RoleDefinitionName == "Storage Blob Data Contributor" && r.Scope.Resource == own.Name).Name, release.DependsOn);
            Assert.Contains(own.Name, release.DependsOn);
            // The account-wide role signs log download URLs only (no data action).
            Assert.Equal("Storage Blob Delegator", Assert.Single(roles, r => r.PrincipalId.Resource == identity && r.Scope == new AzureRef(BasicDisasterRecovery.StorageAccountName, AzureOutput.Id)).RoleDefinitionName);
            // The peer location waits for the read role.
            var peerLocation = graph.Resources.OfType<KubernetesResource>().Single(r => r.Cluster == key && r.Kind == "BackupStorageLocation");
            Assert.Contains(CrossRegionRestoreDrill.PeerReadAccess(key, peer), peerLocation.DependsOn);
        }
        // The first cluster keeps its container, identity and role names and writes at its container's root, as before.
        Assert.Equal(BasicDisasterRecovery.BlobContainer, (string?)OwnLocation(graph, ClusterRef.PrimaryKey).Location["bucket"]);
        Assert.Contains(BasicDisasterRecovery.IdentityName, identities);
        Assert.Equal(new AzureRef(BasicDisasterRecovery.StorageContainerName, AzureOutput.Id),
            Assert.IsType<RoleAssignment>(graph.Resource(BasicDisasterRecovery.BlobAccessName)).Scope);
        Assert.Empty(graph.SchemaErrors());
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Each_cluster_restores_its_peers_latest_drill_backup_by_the_location_label_and_checks_the_peers_canary(string stack)
    {
        var config = Load(stack);
        var graph = PracticeGraphs.ComposeWithMonitoring(config);
        var refs = config.Members.Select((m, i) => ClusterKeys.KeyOf(i, m)).ToList();
        for (var i = 0; i < refs.Count; i++)
        {
            var key = refs[i];
            var peer = refs[CrossRegionRestoreDrill.PeerIndex(config, i)!.Value];
            // Each cluster backs up its own canary (naming itself) under a schedule of its own name ...
            var canary = (V1ConfigMap)One(graph, key, "ConfigMap", CrossRegionRestoreDrill.CanaryConfigMap).Object;
            Assert.Equal(CrossRegionRestoreDrill.DrillNamespace, canary.Metadata.NamespaceProperty);
            Assert.Equal(key, canary.Data[CrossRegionRestoreDrill.CanaryClusterKey]);
            var schedule = ((CustomObject)One(graph, key, "Schedule", CrossRegionRestoreDrill.DrillSchedule(key)).Object).Spec!;
            Assert.Equal(CrossRegionRestoreDrill.DrillNamespace, (string?)schedule["template"]!["includedNamespaces"]![0]);
            Assert.Equal(BasicDisasterRecovery.StorageLocation, (string?)schedule["template"]!["storageLocation"]);

            // ... and its script restores the peer's, found by the location and schedule labels, and expects the peer's name.
            var script = ((V1ConfigMap)One(graph, key, "ConfigMap", CrossRegionRestoreDrill.Name).Object).Data[CrossRegionRestoreDrill.ScriptKey];
            var selector = Uri.EscapeDataString($"{CrossRegionRestoreDrill.StorageLocationLabel}={CrossRegionRestoreDrill.PeerLocation(peer)},{CrossRegionRestoreDrill.ScheduleNameLabel}={CrossRegionRestoreDrill.DrillSchedule(peer)}");
            Assert.Contains($"SELECTOR='{selector}'", script, StringComparison.Ordinal);
            Assert.Contains($"backups?labelSelector=$SELECTOR", script, StringComparison.Ordinal);
            Assert.Contains($"PEER={peer}\n", script, StringComparison.Ordinal);
            Assert.Contains($"SCHEDULE={CrossRegionRestoreDrill.DrillSchedule(peer)}\n", script, StringComparison.Ordinal);
            Assert.Contains($"CANARY_KEY={CrossRegionRestoreDrill.CanaryClusterKey}\n", script, StringComparison.Ordinal);
            Assert.Contains($"BODY='{CrossRegionRestoreDrill.Restore().ToJsonString()}'", script, StringComparison.Ordinal);
            Assert.Contains("itemsRestored", script, StringComparison.Ordinal);

            var cron = (V1CronJob)One(graph, key, "CronJob", CrossRegionRestoreDrill.Name).Object;
            Assert.Equal(CrossRegionRestoreDrill.Schedule, cron.Spec.Schedule);
            Assert.True(Cronos.CronExpression.TryParse(cron.Spec.Schedule, out _));
            Assert.Equal(0, cron.Spec.JobTemplate.Spec.BackoffLimit);
            var pod = cron.Spec.JobTemplate.Spec.Template.Spec;
            Assert.Equal(CrossRegionRestoreDrill.Name, pod.ServiceAccountName);
            Assert.Equal(CrossRegionRestoreDrill.Name, pod.Volumes.Single().ConfigMap.Name);
        }
        // The Restore the script posts validates (with a backup name in place of the placeholder).
        var restore = CrossRegionRestoreDrill.Restore("dr-drill-secondary-20261204073000");
        Assert.Empty(SchemaValidator.Validate(restore));
        Assert.Equal(CrossRegionRestoreDrill.ScratchNamespace, (string?)restore["spec"]!["namespaceMapping"]![CrossRegionRestoreDrill.DrillNamespace]);
        // The drill never runs with the same-cluster restore test (06:00 plus its deadline).
        Assert.True(Cronos.CronExpression.Parse(CrossRegionRestoreDrill.Schedule).GetNextOccurrence(DateTime.UnixEpoch)!.Value
            >= Cronos.CronExpression.Parse(AdvancedDisasterRecoveryTesting.Schedule).GetNextOccurrence(DateTime.UnixEpoch)!.Value.AddSeconds(AdvancedDisasterRecoveryTesting.DeadlineSeconds));
        Assert.Empty(graph.SchemaErrors());
    }

    /// <summary>
    /// The drill's pods and namespaces pass the platform's own controls at Levels 4 and 5: restricted pods (the
    /// namespaces' Pod Security label is restricted), least privilege (namespaced Roles, no secrets, no wildcards),
    /// nothing can run in the drill's namespaces, and no tenant admission policy binds them.
    /// </summary>
    [Theory]
    [MemberData(nameof(Stacks))]
    public void The_drill_runs_restricted_with_least_privilege_and_its_namespaces_run_nothing(string stack)
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(Load(stack) with { Staged = [] });
        var cron = (V1CronJob)Primary(graph, "CronJob", BasicDisasterRecovery.Namespace, CrossRegionRestoreDrill.Name).Object;
        var pod = cron.Spec.JobTemplate.Spec.Template.Spec;
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.All(pod.Containers, c =>
        {
            Assert.Equal(["ALL"], c.SecurityContext.Capabilities.Drop);
            Assert.False(c.SecurityContext.AllowPrivilegeEscalation);
            Assert.NotNull(c.Resources.Limits["memory"]);
        });
        foreach (var ns in new[] { CrossRegionRestoreDrill.DrillNamespace, CrossRegionRestoreDrill.ScratchNamespace })
        {
            Assert.Equal("restricted", Primary(graph, "Namespace", null, ns).Labels()[PodSecurity.Enforce]);
            Assert.True(PlatformNamespaces.IsPlatformNamespace(ns));
        }
        Assert.Equal("0", ((V1ResourceQuota)Primary(graph, "ResourceQuota", CrossRegionRestoreDrill.ScratchNamespace, "no-pods").Object).Spec.Hard["pods"].ToString());

        // No admission policy binding of the platform selects the namespaces the drill runs in or writes to.
        var bindings = graph.Resources.OfType<KubernetesResource>().Where(r => r.Object is V1ValidatingAdmissionPolicyBinding).Select(r => (V1ValidatingAdmissionPolicyBinding)r.Object).ToList();
        Assert.NotEmpty(bindings);
        foreach (var ns in new[] { CrossRegionRestoreDrill.DrillNamespace, CrossRegionRestoreDrill.ScratchNamespace, BasicDisasterRecovery.Namespace })
        {
            var labels = Primary(graph, "Namespace", null, ns).Labels();
            Assert.DoesNotContain(bindings, b => Selects(b.Spec.MatchResources?.NamespaceSelector, labels));
        }

        var rbac = graph.Resources.OfType<KubernetesResource>().Where(r => r.Cluster == ClusterRef.PrimaryKey && r.Kind is "Role" or "ClusterRole" && r.ObjectName == CrossRegionRestoreDrill.Name).ToList();
        Assert.All(rbac, r => Assert.Equal("Role", r.Kind));
        Assert.Equal([CrossRegionRestoreDrill.ScratchNamespace, BasicDisasterRecovery.Namespace], rbac.Select(r => r.Namespace!).Order(StringComparer.Ordinal));
        foreach (var role in rbac.Select(r => (V1Role)r.Object))
        {
            Assert.DoesNotContain(role.Rules, rule => rule.Resources.Contains("secrets") || rule.Verbs.Contains("*") || rule.Resources.Contains("*"));
            // Backups are only read: deleting or changing one is the peer's (and the read-only location's) business.
            Assert.DoesNotContain(role.Rules, rule => rule.Resources.Contains("backups") && rule.Verbs.Except(["get", "list"]).Any());
        }

        var rule = (CustomObject)Primary(graph, "PrometheusRule", BasicDisasterRecovery.Namespace, CrossRegionRestoreDrill.AlertRule).Object;
        var alerts = rule.Spec!["groups"]![0]!["rules"]!.AsArray().ToDictionary(r => (string)r!["alert"]!, r => (string)r!["expr"]!);
        Assert.Contains($"cronjob=\"{CrossRegionRestoreDrill.Name}\"", alerts[CrossRegionRestoreDrill.StaleAlert], StringComparison.Ordinal);
        Assert.Contains("kube_job_status_failed", alerts[CrossRegionRestoreDrill.FailedAlert], StringComparison.Ordinal);
    }

    /// <summary>Whether a label selector (null or empty: everything) selects an object with <paramref name="labels"/>.</summary>
    private static bool Selects(V1LabelSelector? selector, IDictionary<string, string> labels) =>
        selector is null
        || ((selector.MatchLabels ?? new Dictionary<string, string>()).All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value)
            && (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
            {
                "In" => labels.TryGetValue(e.Key, out var v) && e.Values.Contains(v),
                "NotIn" => !labels.TryGetValue(e.Key, out var v) || !e.Values.Contains(v),
                "Exists" => labels.ContainsKey(e.Key),
                "DoesNotExist" => !labels.ContainsKey(e.Key),
                _ => throw new InvalidOperationException(e.OperatorProperty),
            }));

    [Fact]
    public void The_peer_is_the_next_member_in_another_region()
    {
        ClusterMember M(string name, string? region) => new() { Name = name, Region = region };
        var config = Azure(5) with { Clusters = [M("primary", "westeurope"), M("secondary", "northeurope"), M("gpu", "westeurope")] };
        Assert.Equal([1, 2, 1], Enumerable.Range(0, 3).Select(i => CrossRegionRestoreDrill.PeerIndex(config, i)!.Value));
        // Existing clusters without regions: simply the next one, wrapping round.
        var existing = Existing(4) with { Clusters = [M("a", null), M("b", null), M("c", null)] };
        Assert.Equal([1, 2, 0], Enumerable.Range(0, 3).Select(i => CrossRegionRestoreDrill.PeerIndex(existing, i)!.Value));
        Assert.Null(CrossRegionRestoreDrill.PeerIndex(Existing(4), 0));
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void A_single_cluster_gets_no_drill_and_is_told_why(DeploymentTarget target)
    {
        var graph = Compose(For(target, 4));
        Assert.DoesNotContain(graph.Resources.OfType<KubernetesResource>(), r => r.Kind == "BackupStorageLocation" || r.ObjectName == CrossRegionRestoreDrill.Name);
        Assert.Contains(graph.ComponentOf("Advanced Disaster Recovery Testing").Notes, n => n.Contains("second cluster", StringComparison.Ordinal));
    }

    [Fact]
    public void Describe_says_what_the_drill_does_and_what_to_do_when_it_fails()
    {
        var implementation = new AdvancedDisasterRecoveryTesting().Implementation;
        foreach (var text in new[] { implementation.Existing, implementation.Azure })
        {
            Assert.Contains(CrossRegionRestoreDrill.PeerLocation("<peer>"), text, StringComparison.Ordinal);
            Assert.Contains("When the drill fails", text, StringComparison.Ordinal);
        }
        var graph = Compose(Load("l4-existing"));
        Assert.Contains(CrossRegionRestoreDrill.WhenItFails, graph.ComponentOf("Advanced Disaster Recovery Testing").Notes);
    }
}
