using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Part of Advanced Disaster Recovery Testing on a platform of two or more clusters (Level 4's topology): every cluster
/// proves daily that it can restore what its peer (the next member of platform:clusters in another region) backed up.
/// Each cluster backs up a small drill namespace holding a canary that names the cluster; each reads its peer's backup
/// location through a second, read-only Velero BackupStorageLocation (so it can never write or delete there), and a
/// CronJob restores the peer's latest drill backup into a scratch namespace, checks that the canary came back and names
/// the peer, cleans up, and exits non-zero on any failure. As with the same-cluster restore test, the result is the
/// CronJob's status that kube-state-metrics already exports, and a PrometheusRule alerts on a failed or stale drill.
/// </summary>
/// <remarks>
/// Storage access: the peer location is the peer's own container or prefix of the platform's backup storage. On azure
/// each cluster's Velero has its own workload identity, contributor on its own container only, and the drill gives it
/// Storage Blob Data Reader on its peer's container: it can never write or delete there, in Velero (accessMode) or in
/// Azure. On existing the bucket of platform:backupBucket is reached with Velero's credentials or role, which the
/// bucket's owner scopes; read-only is the location's accessMode. What the drill proves is that another region's
/// cluster finds, syncs and restores the peer's backups.
/// </remarks>
public static class CrossRegionRestoreDrill
{
    /// <summary>CronJob, script ConfigMap, ServiceAccount, Roles and bindings of the drill (in the velero namespace).</summary>
    public const string Name = "dr-cross-region-drill";

    /// <summary>The namespace every cluster backs up for its peers to restore: a canary ConfigMap and nothing that runs.</summary>
    public const string DrillNamespace = "dr-drill";

    /// <summary>Where the peer's drill backup is restored; a quota of 0 pods, like the restore test's scratch namespace.</summary>
    public const string ScratchNamespace = "dr-drill-restore";

    public const string CanaryConfigMap = "dr-drill-canary";

    /// <summary>The canary's key holding the graph key of the cluster that wrote it: a restored canary must name the peer.</summary>
    public const string CanaryClusterKey = "cluster";

    public const string ScriptKey = "cross-region-drill.sh";
    public const string AlertRule = "dr-cross-region-drill";

    /// <summary>Daily at 09:30 UTC: after the same-cluster restore test's window (06:00 plus its 3-hour deadline), so the two never share the API load or Velero's queue.</summary>
    public const string Schedule = "30 9 * * *";

    public const int DeadlineSeconds = 3600;

    /// <summary>A success older than a day plus the deadline and slack is stale.</summary>
    public const int StaleAfterSeconds = 26 * 3600 + DeadlineSeconds;

    /// <summary>A peer backup older than this fails the drill: the peer stopped backing up, or its backups stopped reaching this cluster.</summary>
    public const int MaxBackupAgeSeconds = 48 * 3600;

    /// <summary>How long the drill's backups are kept (only the latest is restored).</summary>
    public const string BackupTtl = "72h0m0s";

    /// <summary>Labels Velero sets on every Backup (pkg/apis/velero/v1/labels_annotations.go): the location it was synced from and the schedule that made it.</summary>
    public const string StorageLocationLabel = "velero.io/storage-location";
    public const string ScheduleNameLabel = "velero.io/schedule-name";

    /// <summary>The Velero Schedule backing up the drill namespace on a cluster; per cluster, so backups synced from a peer never share a name with this cluster's own.</summary>
    public static string DrillSchedule(string clusterKey) => $"dr-drill-{clusterKey}";

    /// <summary>The read-only BackupStorageLocation through which a cluster sees its peer's backups.</summary>
    public static string PeerLocation(string peerKey) => $"peer-{peerKey}";

    /// <summary>
    /// The member whose backups the member at <paramref name="index"/> restores: the next member (wrapping round) in
    /// another region, or simply the next when no other member states a different region (existing clusters without
    /// regions). Null for a single cluster.
    /// </summary>
    public static int? PeerIndex(PlatformConfig config, int index)
    {
        var members = config.Members;
        if (members.Length < 2)
            return null;
        var region = members[index].Region;
        var order = Enumerable.Range(1, members.Length - 1).Select(step => (index + step) % members.Length).ToList();
        return order.FirstOrDefault(i => region is not null && members[i].Region is { } other && other != region, order[0]);
    }

    public static void Add(ComponentBuilder component)
    {
        var config = component.Config;
        if (config.Members.Length < 2)
        {
            component.Note("The cross-region restore drill needs a second cluster in platform:clusters: with one cluster, restores are tested in the same cluster only.");
            return;
        }
        var velero = BasicDisasterRecovery.Namespace;
        component.AddPlatformNamespace(DrillNamespace);
        component.AddPlatformNamespace(ScratchNamespace);
        component.AddObject(NoPods(ScratchNamespace));
        AddRbac(component);

        var release = component.Existing<HelmRelease>().Single(r => r.Name == BasicDisasterRecovery.ReleaseName);
        var refs = ClusterMembers.Refs(config);
        for (var i = 0; i < refs.Length; i++)
        {
            var key = refs[i].Key;
            var peer = refs[PeerIndex(config, i)!.Value].Key;
            var primary = i == 0;
            void Place(IKubernetesObject<V1ObjectMeta> obj, IReadOnlyList<AzureRef>? fromAzure = null, IEnumerable<string>? dependsOn = null)
            {
                var added = component.AddObject(obj, cluster: key, primaryOnly: primary, dependsOn: dependsOn);
                if (fromAzure is { Count: > 0 })
                    component.Contribute<KubernetesResource>(added.Name, r => r with { TextFromAzure = [.. fromAzure] });
            }
            Place(Canary(key));
            Place(BackupSchedule(key));
            var (location, fromAzure) = PeerStorageLocation(release, config, refs, peer);
            Place(location, fromAzure, config.IsAzure ? [AddPeerRead(component, key, peer).Name] : null);
            var script = Script(key, peer);
            Place(new V1ConfigMap
            {
                ApiVersion = "v1",
                Kind = "ConfigMap",
                Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = velero },
                Data = new Dictionary<string, string> { [ScriptKey] = script },
            });
            Place(AdvancedDisasterRecoveryTesting.ScriptCronJob(Name, "drill", ScriptKey, Schedule, DeadlineSeconds, script));
        }
        if (component.HasMonitoring)
            component.AddObject(PlatformObjects.PrometheusRule(AlertRule, velero, Rules()));

        var pairs = string.Join(", ", refs.Select((r, i) => $"{config.Members[i].Name} restores {config.Members[PeerIndex(config, i)!.Value].Name}'s"));
        component.Note($"Cross-region restore drill ('{Schedule}' UTC, CronJob {velero}/{Name} on every cluster): {pairs} latest backup of {DrillNamespace}, read through the read-only BackupStorageLocation peer-<cluster>, into {ScratchNamespace}; it checks the canary {CanaryConfigMap} names the peer. kubectl get backupstoragelocations,cronjob/{Name} -n {velero}; run it now: kubectl create job -n {velero} --from=cronjob/{Name} {Name}-manual");
        component.Note(WhenItFails);
    }

    /// <summary>What an operator does when the drill fails (alerts <see cref="FailedAlert"/>, <see cref="StaleAlert"/>).</summary>
    public static readonly string WhenItFails =
        $"When the cross-region drill fails: read the run's report (kubectl logs -n {BasicDisasterRecovery.Namespace} -l app.kubernetes.io/name={Name} --tail=50), which names the failed step. " +
        $"'no backup' or 'older than': check the peer location is Available (kubectl get backupstoragelocations -n {BasicDisasterRecovery.Namespace}; Unavailable means this cluster cannot read the peer's storage: identity, network or bucket) and that the peer's Schedule {DrillSchedule("<peer>")} still succeeds on the peer cluster (kubectl get backups -n {BasicDisasterRecovery.Namespace} -l {ScheduleNameLabel}={DrillSchedule("<peer>")}). " +
        $"'restore ... ended' or 'errors': kubectl get restores -n {BasicDisasterRecovery.Namespace} -l app.kubernetes.io/name={Name}, then velero restore describe <restore> --details. " +
        "'canary': the restore brought back something other than the peer's data; do not rely on regional failover until a manual run passes, and treat it as a DR incident (the runbook's regional failover depends on exactly this path).";

    /// <summary>Graph name of the role letting cluster <paramref name="clusterKey"/>'s Velero read <paramref name="peerKey"/>'s container (azure).</summary>
    public static string PeerReadAccess(string clusterKey, string peerKey) =>
        clusterKey == ClusterRef.PrimaryKey ? $"{BasicDisasterRecovery.BlobAccessName}-{PeerLocation(peerKey)}" : ClusterMembers.CopyName(clusterKey, $"{BasicDisasterRecovery.BlobAccessName}-{PeerLocation(peerKey)}");

    /// <summary>
    /// azure: Storage Blob Data Reader for a cluster's Velero identity on its peer's container and nowhere else, so the
    /// peer location is read-only in Azure too (accessMode ReadOnly is Velero's promise; this is the storage's).
    /// </summary>
    private static RoleAssignment AddPeerRead(ComponentBuilder component, string clusterKey, string peerKey) => component.Add(new RoleAssignment
    {
        Name = PeerReadAccess(clusterKey, peerKey),
        Provenance = component.Provenance,
        Scope = new AzureRef(BasicDisasterRecovery.ContainerOf(peerKey), AzureOutput.Id),
        RoleDefinitionName = "Storage Blob Data Reader",
        PrincipalId = new AzureRef(BasicDisasterRecovery.IdentityOf(clusterKey), AzureOutput.PrincipalId),
    });

    /// <summary>Alerts on the drill's CronJob status (kube-state-metrics), with the same expressions as the restore test's.</summary>
    public static JsonObject Rules()
    {
        var (failed, stale, never) = AdvancedDisasterRecoveryTesting.RestoreAlertExpressions(Name, StaleAfterSeconds);
        var ns = BasicDisasterRecovery.Namespace;
        return PlatformObjects.RuleGroup(AlertRule, null,
            PlatformObjects.Alert(FailedAlert, failed, "0m", "critical",
                "The cross-region restore drill failed",
                $"This cluster could not restore its peer's latest backup of {DrillNamespace}: kubectl logs -n {ns} -l app.kubernetes.io/name={Name} --tail=50 says which step; what to do: pmctl describe 4 (Advanced Disaster Recovery Testing)."),
            PlatformObjects.Alert(StaleAlert, stale, "15m", "critical",
                "No successful cross-region restore drill for over a day",
                $"The last successful drill was {{{{ $value | humanizeDuration }}}} ago (schedule '{Schedule}'): kubectl get cronjob,jobs -n {ns} -l app.kubernetes.io/name={Name}"),
            PlatformObjects.Alert("DisasterRecoveryCrossRegionDrillNeverSucceeded", never, "15m", "critical",
                "The cross-region restore drill has never succeeded",
                $"The CronJob {Name} has existed for over a day without one successful run: the regional failover is untested."));
    }

    public const string FailedAlert = "DisasterRecoveryCrossRegionDrillFailed";
    public const string StaleAlert = "DisasterRecoveryCrossRegionDrillStale";

    private static V1ResourceQuota NoPods(string ns) => new()
    {
        ApiVersion = "v1",
        Kind = "ResourceQuota",
        Metadata = new V1ObjectMeta { Name = "no-pods", NamespaceProperty = ns },
        Spec = new V1ResourceQuotaSpec
        {
            Hard = new Dictionary<string, ResourceQuantity> { ["pods"] = new("0"), ["services.loadbalancers"] = new("0"), ["services.nodeports"] = new("0") },
        },
    };

    /// <summary>The canary a cluster backs up: it names the cluster, so a restore elsewhere proves whose backup came back.</summary>
    public static V1ConfigMap Canary(string clusterKey) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = CanaryConfigMap, NamespaceProperty = DrillNamespace },
        Data = new Dictionary<string, string> { [CanaryClusterKey] = clusterKey },
    };

    private static CustomObject BackupSchedule(string clusterKey) => new()
    {
        ApiVersion = "velero.io/v1",
        Kind = "Schedule",
        Metadata = new V1ObjectMeta { Name = DrillSchedule(clusterKey), NamespaceProperty = BasicDisasterRecovery.Namespace },
        Spec = new JsonObject
        {
            // Two hours before the drill, so the peer's latest backup is hours old, not a day.
            ["schedule"] = "30 7 * * *",
            ["useOwnerReferencesInBackup"] = false,
            ["template"] = new JsonObject
            {
                ["includedNamespaces"] = new JsonArray(DrillNamespace),
                ["storageLocation"] = BasicDisasterRecovery.StorageLocation,
                ["snapshotVolumes"] = false,
                ["ttl"] = BackupTtl,
            },
        },
    };

    /// <summary>
    /// The read-only location of a peer's backups: the peer's own entry of the Velero chart's backupStorageLocation
    /// (provider, config) with the bucket and prefix the peer writes to. Built from the release's values, so the drill
    /// reads exactly where the peer's Velero writes.
    /// </summary>
    public static (CustomObject Location, IReadOnlyList<AzureRef> FromAzure) PeerStorageLocation(HelmRelease release, PlatformConfig config, IReadOnlyList<ClusterRef> refs, string peer)
    {
        var first = (release.Values.Get(BasicDisasterRecovery.LocationsValue) is IEnumerable<object?> list ? list.FirstOrDefault() as HelmValues : null)
            ?? throw new InvalidOperationException($"the Velero release sets no {BasicDisasterRecovery.LocationsValue}");
        var entry = first.ToJson();
        var (bucket, prefix) = peer == ClusterRef.PrimaryKey
            ? ((string)entry["bucket"]!, (string?)entry["prefix"])
            : BasicDisasterRecovery.MemberLocation((string)entry["bucket"]!, (string?)entry["prefix"], peer);
        var storage = new JsonObject { ["bucket"] = bucket };
        if (prefix is not null)
            storage["prefix"] = prefix;
        var settings = entry["config"]?.DeepClone().AsObject() ?? new JsonObject();
        var fromAzure = new List<AzureRef>();
        var accountValue = $"{BasicDisasterRecovery.LocationsValue}[0].config.storageAccount";
        if (release.ValuesFromAzure.TryGetValue(accountValue, out var account))
        {
            settings["storageAccount"] = account.Placeholder;
            fromAzure.Add(account);
        }
        var location = new CustomObject
        {
            ApiVersion = "velero.io/v1",
            Kind = "BackupStorageLocation",
            Metadata = new V1ObjectMeta { Name = PeerLocation(peer), NamespaceProperty = BasicDisasterRecovery.Namespace },
            Spec = new JsonObject
            {
                ["provider"] = entry["provider"]!.DeepClone(),
                ["objectStorage"] = storage,
                ["config"] = settings,
                // Never written, never pruned from here: backups and their deletion stay the peer's.
                ["accessMode"] = "ReadOnly",
                ["default"] = false,
            },
        };
        return (location, fromAzure);
    }

    private static void AddRbac(ComponentBuilder component)
    {
        var velero = BasicDisasterRecovery.Namespace;
        component.AddObject(PlatformObjects.JobServiceAccount(Name, velero));
        foreach (var grant in PlatformObjects.NamespaceGrant(Name, velero, velero,
            new V1PolicyRule { ApiGroups = ["velero.io"], Resources = ["backups"], Verbs = ["get", "list"] },
            new V1PolicyRule { ApiGroups = ["velero.io"], Resources = ["restores"], Verbs = ["create", "get", "delete"] }))
            component.AddObject(grant);
        foreach (var grant in PlatformObjects.NamespaceGrant(Name, velero, ScratchNamespace,
            new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get", "list", "deletecollection"] }))
            component.AddObject(grant);
    }

    /// <summary>The Restore the drill creates for the peer backup named in place of <c>@BACKUP@</c>.</summary>
    public static JsonObject Restore(string backupName = "@BACKUP@") => new()
    {
        ["apiVersion"] = "velero.io/v1",
        ["kind"] = "Restore",
        ["metadata"] = new JsonObject { ["generateName"] = $"{Name}-", ["namespace"] = BasicDisasterRecovery.Namespace, ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = Name } },
        ["spec"] = new JsonObject
        {
            ["backupName"] = backupName,
            ["includedNamespaces"] = new JsonArray(DrillNamespace),
            ["namespaceMapping"] = new JsonObject { [DrillNamespace] = ScratchNamespace },
            ["restorePVs"] = false,
            ["existingResourcePolicy"] = "none",
        },
    };

    /// <summary>
    /// The drill's script (busybox sh and curl against the API server): find the peer's latest drill backup among the
    /// Backups Velero synced from the peer location (both labels), require it Completed and recent, restore it, check
    /// every item restored without errors and the canary naming the peer, clean up; the exit status is the result.
    /// </summary>
    public static string Script(string clusterKey, string peerKey)
    {
        var selector = Uri.EscapeDataString($"{StorageLocationLabel}={PeerLocation(peerKey)},{ScheduleNameLabel}={DrillSchedule(peerKey)}");
        var text = new StringBuilder("""
            #!/bin/sh
            # Generated by pmctl (Advanced Disaster Recovery Testing, cross-region drill): restores the peer cluster's latest
            # backup of the drill namespace into the scratch namespace, checks it, cleans up. Exit status is the result.
            set -u

            """).Append(AdvancedDisasterRecoveryTesting.ApiClient);
        text.Append($"VELERO={BasicDisasterRecovery.Namespace}\nSCRATCH={ScratchNamespace}\nTHIS={clusterKey}\nPEER={peerKey}\nLOCATION={PeerLocation(peerKey)}\nSCHEDULE={DrillSchedule(peerKey)}\n")
            .Append($"SELECTOR='{selector}'\nCANARY={CanaryConfigMap}\nCANARY_KEY={CanaryClusterKey}\nMAX_AGE={MaxBackupAgeSeconds}\n")
            .Append($"BODY='{Restore().ToJsonString()}'\nname=\"\"\n\n");
        text.Append("""
            clean() {
              k -X DELETE "$API/api/v1/namespaces/$SCRATCH/configmaps" -o /dev/null || true
              [ -z "$name" ] || k -X DELETE "$API/apis/velero.io/v1/namespaces/$VELERO/restores/$name" -o /dev/null || true
            }
            fail() { echo "FAIL $THIS <- $PEER: $*"; clean; exit 1; }

            clean
            # The peer's drill backups as Velero synced them from the read-only peer location (it labels each with the location).
            backup=$(k "$API/apis/velero.io/v1/namespaces/$VELERO/backups?labelSelector=$SELECTOR" | grep -o "\"name\":\"$SCHEDULE-[0-9]*\"" | sed 's/.*:"//;s/"$//' | sort | tail -n 1)
            [ -n "$backup" ] || fail "no backup of $SCHEDULE synced from location $LOCATION (kubectl get backupstoragelocations -n $VELERO)"
            info=$(k "$API/apis/velero.io/v1/namespaces/$VELERO/backups/$backup") || fail "cannot read backup $backup"
            [ "$(echo "$info" | phase)" = Completed ] || fail "latest peer backup $backup is $(echo "$info" | phase), not Completed"
            done_at=$(echo "$info" | sed -n 's/.*"completionTimestamp":"\([^"]*\)".*/\1/p' | head -n 1)
            done_s=$(date -u -D '%Y-%m-%dT%H:%M:%SZ' -d "$done_at" +%s 2>/dev/null) || fail "backup $backup has no completion time"
            age=$(( $(date +%s) - done_s ))
            [ "$age" -le "$MAX_AGE" ] || fail "latest peer backup $backup is older than $MAX_AGE s ($age s)"

            name=$(echo "$BODY" | sed "s/@BACKUP@/$backup/" | k -X POST "$API/apis/velero.io/v1/namespaces/$VELERO/restores" -d @- | sed -n 's/.*"metadata":{"name":"\([^"]*\)".*/\1/p')
            [ -n "$name" ] || fail "could not create the restore of $backup"
            start=$(date +%s); state=""
            while :; do
              restore=$(k "$API/apis/velero.io/v1/namespaces/$VELERO/restores/$name") || restore=""
              state=$(echo "$restore" | phase)
              case "$state" in Completed|PartiallyFailed|Failed|FailedValidation) break;; esac
              [ $(( $(date +%s) - start )) -lt 2400 ] || { state="TimedOut"; break; }
              sleep 10
            done
            total=$(echo "$restore" | field totalItems); restored=$(echo "$restore" | field itemsRestored); errors=$(echo "$restore" | field errors)
            [ "$state" = Completed ] || fail "restore $name of $backup ended $state"
            [ "${errors:-0}" -eq 0 ] || fail "restore $name: $errors errors"
            [ -n "$total" ] && [ "$total" -gt 0 ] && [ "${restored:-0}" -eq "$total" ] || fail "restored ${restored:-0} of ${total:-0} backed-up items"
            k "$API/api/v1/namespaces/$SCRATCH/configmaps/$CANARY" | grep -q "\"$CANARY_KEY\":\"$PEER\"" || fail "canary $CANARY missing or not the peer's (expected cluster $PEER)"
            echo "OK $THIS <- $PEER: backup $backup (${age}s old), $restored items, $(( $(date +%s) - start ))s"
            clean
            exit 0

            """);
        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
