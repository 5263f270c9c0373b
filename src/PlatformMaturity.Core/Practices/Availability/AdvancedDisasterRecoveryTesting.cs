using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Rendering;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Levels 4–5: restores are tested by a machine, every day. A CronJob restores the latest backup of each tenant into a
/// scratch namespace, checks that the backup's objects were all restored and its volumes bound with their data, cleans
/// up, and exits non-zero on any failure. Its result is the CronJob's own status, which kube-state-metrics already
/// exports (kube_cronjob_status_last_successful_time, kube_job_status_failed): no Pushgateway, no extra endpoint.
/// Alerts fire when a run fails or the last success is older than the schedule allows. The runbook gains the
/// regional failover.
/// </summary>
public sealed class AdvancedDisasterRecoveryTesting : PracticeComponent
{
    public const string Name = "dr-restore-test";

    /// <summary>Where the test restores land: a platform namespace where no pod may run (quota pods: 0), so restored workloads never act.</summary>
    public const string ScratchNamespace = "dr-restore-test";

    public const string ScriptKey = "restore-test.sh";
    public const string ModifierConfigMap = "dr-restore-test-modifier";
    public const string ModifierKey = "resource-modifier.yaml";
    public const string AlertRule = "dr-restore-test";

    /// <summary>Daily, four hours after the default backup time, so it tests the night's backup.</summary>
    public const string Schedule = "0 6 * * *";

    /// <summary>A success older than this many seconds (one day plus the job's deadline and slack) is stale.</summary>
    public const int StaleAfterSeconds = 26 * 3600 + 3 * 3600;

    /// <summary>How long one run may take (all tenants, volume data included).</summary>
    public const int DeadlineSeconds = 3 * 3600;

    public override string Practice => "Advanced Disaster Recovery Testing";

    public override Implementation Implementation => Implementation.OnBothTargets(
        $"CronJob {BasicDisasterRecovery.Namespace}/{Name} ('{Schedule}' UTC) restoring each tenant's latest backup into namespace {ScratchNamespace} (no pods may run there), checking every backed-up item restored and every volume bound, then cleaning up; least-privilege RBAC, restricted Pod Security; kube-state-metrics exports its result and PrometheusRule {AlertRule} alerts on a failed or stale restore test; the DR runbook gains the regional failover; with two or more clusters (platform:clusters) a cross-region restore drill: each cluster reads its peer's (next member in another region) backups through a read-only Velero BackupStorageLocation {CrossRegionRestoreDrill.PeerLocation("<peer>")} and CronJob {BasicDisasterRecovery.Namespace}/{CrossRegionRestoreDrill.Name} ('{CrossRegionRestoreDrill.Schedule}' UTC) restores the peer's latest backup of namespace {CrossRegionRestoreDrill.DrillNamespace} into {CrossRegionRestoreDrill.ScratchNamespace}, checks the canary names the peer, cleans up; alerts {CrossRegionRestoreDrill.FailedAlert}/{CrossRegionRestoreDrill.StaleAlert}. When the drill fails: its log names the step; check the peer location is Available and the peer's drill backups succeed, and treat a wrong canary as a DR incident");

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        AddScratchNamespace(component);
        AddRbac(component);
        var script = Script(config, ClusterRef.PrimaryKey);
        var scripts = component.AddObject(new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = BasicDisasterRecovery.Namespace },
            Data = new Dictionary<string, string> { [ScriptKey] = script },
        });
        component.AddObject(new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = ModifierConfigMap, NamespaceProperty = BasicDisasterRecovery.Namespace },
            Data = new Dictionary<string, string> { [ModifierKey] = ResourceModifier },
        });
        var cronJob = component.AddObject(ScriptCronJob(Name, "restore-test", ScriptKey, Schedule, DeadlineSeconds, script));
        // Every other member restores its own Schedules' backups (BasicDisasterRecovery.ScheduleName); the pod template's script hash follows.
        component.ForEachMember<V1ConfigMap>(scripts.Name, (key, copy) => copy.Data[ScriptKey] = Script(config, key));
        // Only the hash changes: whatever later practices contributed to the first cluster's pod template stays.
        component.ForEachMember<V1CronJob>(cronJob.Name, (key, copy) =>
            copy.Spec.JobTemplate.Spec.Template.Metadata.Annotations[PlatformObjects.ScriptHashAnnotation] = Hash(Script(config, key)));
        if (component.HasMonitoring)
            component.AddObject(PlatformObjects.PrometheusRule(AlertRule, BasicDisasterRecovery.Namespace, Rules()));
        AddRegionalFailover(component);
        CrossRegionRestoreDrill.Add(component);

        component.Note($"The daily restore test: kubectl get cronjob,jobs -n {BasicDisasterRecovery.Namespace} -l app.kubernetes.io/name={Name}; a run's report: kubectl logs -n {BasicDisasterRecovery.Namespace} job/<job>. Run it now: kubectl create job -n {BasicDisasterRecovery.Namespace} --from=cronjob/{Name} {Name}-manual");
        component.Note($"Restored copies land in {ScratchNamespace}, where a quota of 0 pods keeps them from running (no second consumer of a queue, no second writer); their volumes use {AdvancedVolumeManagement.StandardClass} so cleaning up deletes them.");
    }

    /// <summary>The restore the job on a cluster creates for a tenant: the latest backup of that cluster's schedule, mapped into the scratch namespace, volumes on a class that deletes.</summary>
    public static JsonObject Restore(string tenant, string clusterKey) => new()
    {
        ["apiVersion"] = "velero.io/v1",
        ["kind"] = "Restore",
        ["metadata"] = new JsonObject { ["generateName"] = $"{Name}-{tenant}-", ["namespace"] = BasicDisasterRecovery.Namespace, ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = Name } },
        ["spec"] = new JsonObject
        {
            ["scheduleName"] = BasicDisasterRecovery.ScheduleName(tenant, clusterKey),
            ["includedNamespaces"] = new JsonArray(tenant),
            ["namespaceMapping"] = new JsonObject { [tenant] = ScratchNamespace },
            ["restorePVs"] = true,
            ["existingResourcePolicy"] = "none",
            ["resourceModifier"] = new JsonObject { ["kind"] = "ConfigMap", ["name"] = ModifierConfigMap },
        },
    };

    /// <summary>Velero resource modifier: restored claims use the Delete class, so removing the copy removes its disks (the data class retains them).</summary>
    public static readonly string ResourceModifier =
        "version: v1\n" +
        "resourceModifierRules:\n" +
        "  - conditions:\n" +
        "      groupResource: persistentvolumeclaims\n" +
        "      resourceNameRegex: \".*\"\n" +
        "    patches:\n" +
        "      - operation: add\n" +
        "        path: \"/spec/storageClassName\"\n" +
        $"        value: \"{AdvancedVolumeManagement.StandardClass}\"\n";

    /// <summary>Namespaced kinds the test cleans out of the scratch namespace (path, and whether the API offers deletecollection).</summary>
    private static readonly (string Path, string Group, string Resource)[] Cleaned =
    [
        ("apis/apps/v1", "apps", "deployments"),
        ("apis/apps/v1", "apps", "statefulsets"),
        ("apis/apps/v1", "apps", "daemonsets"),
        ("apis/apps/v1", "apps", "replicasets"),
        ("apis/batch/v1", "batch", "cronjobs"),
        ("apis/batch/v1", "batch", "jobs"),
        ("api/v1", "", "configmaps"),
        ("api/v1", "", "secrets"),
        ("api/v1", "", "serviceaccounts"),
        ("api/v1", "", "persistentvolumeclaims"),
    ];

    private static void AddScratchNamespace(ComponentBuilder component)
    {
        component.AddPlatformNamespace(ScratchNamespace);
        component.AddObject(new V1ResourceQuota
        {
            ApiVersion = "v1",
            Kind = "ResourceQuota",
            Metadata = new V1ObjectMeta { Name = "no-pods", NamespaceProperty = ScratchNamespace },
            Spec = new V1ResourceQuotaSpec
            {
                Hard = new Dictionary<string, ResourceQuantity>
                {
                    ["pods"] = new("0"),
                    ["services.loadbalancers"] = new("0"),
                    ["services.nodeports"] = new("0"),
                },
            },
        });
    }

    private static void AddRbac(ComponentBuilder component)
    {
        var velero = BasicDisasterRecovery.Namespace;
        component.AddObject(PlatformObjects.JobServiceAccount(Name, velero));
        // In velero: create restores, read them back, delete its own when done; read the tenant lists it reports.
        foreach (var grant in PlatformObjects.NamespaceGrant(Name, velero, velero,
            new V1PolicyRule { ApiGroups = ["velero.io"], Resources = ["restores"], Verbs = ["create", "get", "delete"] }))
            component.AddObject(grant);
        // In the scratch namespace only: read what was restored and remove it.
        foreach (var grant in PlatformObjects.NamespaceGrant(Name, velero, ScratchNamespace,
        [
            .. Cleaned.GroupBy(c => c.Group).Select(g => new V1PolicyRule
            {
                ApiGroups = [g.Key],
                Resources = [.. g.Select(c => c.Resource)],
                Verbs = ["get", "list", "deletecollection"],
            }),
            new V1PolicyRule { ApiGroups = [""], Resources = ["services"], Verbs = ["get", "list", "delete"] },
        ]))
            component.AddObject(grant);
    }

    /// <summary>
    /// How the platform's restore scripts talk to the API server: curl with the pod's service account token (k), and
    /// readers of a Velero object's counters (field) and phase. The restore test and the cross-region drill start with it.
    /// </summary>
    internal const string ApiClient = """
        API=https://kubernetes.default.svc
        SA=/var/run/secrets/kubernetes.io/serviceaccount
        TOKEN=$(cat $SA/token)
        k() { curl -sS --fail-with-body --max-time 60 --cacert $SA/ca.crt -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
        field() { sed -n "s/.*\"$1\":\([0-9][0-9]*\).*/\1/p" | head -n 1; }
        phase() { sed -n 's/.*"phase":"\([A-Za-z]*\)".*/\1/p' | head -n 1; }

        """;

    /// <summary>
    /// The job's script (busybox sh and curl against the API server with the service account's token): per tenant create
    /// the restore, wait for it, check it, clean up; exit 1 if any tenant failed. Objects present: every item of the
    /// backup restored (progress.itemsRestored = totalItems) with no errors. Data present: every restored claim Bound,
    /// which a data-mover restore reaches only after the volume's data is written back.
    /// </summary>
    public static string Script(PlatformConfig config, string clusterKey)
    {
        var text = new StringBuilder("""
            #!/bin/sh
            # Generated by pmctl (Advanced Disaster Recovery Testing): restores each tenant's latest backup into the scratch
            # namespace, checks it, cleans up. Exit status is the test's result (kube-state-metrics exports it).
            set -u

            """).Append(ApiClient).Append("""
            count() { n=$(k "$API/$1" | grep -o '"resourceVersion":"' | wc -l); echo $((n - 1)); }

            """);
        text.Append($"VELERO={BasicDisasterRecovery.Namespace}\nSCRATCH={ScratchNamespace}\nfailed=0\n\n");
        text.Append("""
            clean() {
            """).Append('\n');
        foreach (var (path, _, resource) in Cleaned)
            text.Append($"  k -X DELETE \"$API/{path}/namespaces/$SCRATCH/{resource}\" -o /dev/null || true\n");
        text.Append("""
              for svc in $(k "$API/api/v1/namespaces/$SCRATCH/services" | grep -o '{"metadata":{"name":"[^"]*"' | sed 's/.*"name":"//;s/"$//'); do
                k -X DELETE "$API/api/v1/namespaces/$SCRATCH/services/$svc" -o /dev/null || true
              done
            }

            test_tenant() {
              tenant=$1; body=$2
              name=$(echo "$body" | k -X POST "$API/apis/velero.io/v1/namespaces/$VELERO/restores" -d @- | sed -n 's/.*"metadata":{"name":"\([^"]*\)".*/\1/p')
              [ -n "$name" ] || { echo "FAIL $tenant: could not create the restore"; return 1; }
              start=$(date +%s); state=""
              while :; do
                restore=$(k "$API/apis/velero.io/v1/namespaces/$VELERO/restores/$name") || restore=""
                state=$(echo "$restore" | phase)
                case "$state" in Completed|PartiallyFailed|Failed|FailedValidation) break;; esac
                [ $(( $(date +%s) - start )) -lt 7200 ] || { state="TimedOut"; break; }
                sleep 20
              done
              total=$(echo "$restore" | field totalItems); restored=$(echo "$restore" | field itemsRestored); errors=$(echo "$restore" | field errors)
              claims=$(count "api/v1/namespaces/$SCRATCH/persistentvolumeclaims")
              bound=$(k "$API/api/v1/namespaces/$SCRATCH/persistentvolumeclaims" | grep -o '"phase":"Bound"' | wc -l)
              result=0
              [ "$state" = Completed ] || { echo "FAIL $tenant: restore $name ended $state"; result=1; }
              [ "${errors:-0}" -eq 0 ] || { echo "FAIL $tenant: $errors errors"; result=1; }
              [ -n "$total" ] && [ "$total" -gt 0 ] && [ "${restored:-0}" -eq "$total" ] || { echo "FAIL $tenant: restored ${restored:-0} of ${total:-0} backed-up items"; result=1; }
              [ "$bound" -eq "$claims" ] || { echo "FAIL $tenant: $bound of $claims restored volumes bound"; result=1; }
              [ $result -ne 0 ] || echo "OK $tenant: $restored items, $claims volumes, $(( $(date +%s) - start ))s"
              clean
              k -X DELETE "$API/apis/velero.io/v1/namespaces/$VELERO/restores/$name" -o /dev/null || true
              return $result
            }

            clean

            """);
        foreach (var tenant in config.Tenants)
            text.Append($"test_tenant {tenant.Name} '{Restore(tenant.Name, clusterKey).ToJsonString()}' || failed=1\n");
        text.Append("exit $failed\n");
        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// A daily CronJob in the velero namespace running <paramref name="script"/> (from the ConfigMap named
    /// <paramref name="name"/>) once per run in a restricted script pod as service account <paramref name="name"/>:
    /// the restore test's and the cross-region drill's.
    /// </summary>
    internal static V1CronJob ScriptCronJob(string name, string container, string scriptKey, string schedule, int deadlineSeconds, string script) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "CronJob",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = BasicDisasterRecovery.Namespace },
        Spec = new V1CronJobSpec
        {
            Schedule = schedule,
            TimeZone = "Etc/UTC",
            ConcurrencyPolicy = "Forbid",
            StartingDeadlineSeconds = 3600,
            SuccessfulJobsHistoryLimit = 3,
            FailedJobsHistoryLimit = 3,
            JobTemplate = new V1JobTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = name } },
                Spec = new V1JobSpec
                {
                    // One attempt per day: a failure is the finding, retrying would hide it until the next run.
                    BackoffLimit = 0,
                    ActiveDeadlineSeconds = deadlineSeconds,
                    Template = PlatformObjects.ScriptPod(name, container, scriptKey, Hash(script), "Never", serviceAccount: name),
                },
            },
        },
    };

    /// <summary>
    /// PromQL over kube-state-metrics for a restore CronJob: its latest run failed (a failed Job newer than the last
    /// success), its last success is older than <paramref name="staleAfterSeconds"/>, or it has existed that long without one.
    /// </summary>
    internal static (string Failed, string Stale, string NeverSucceeded) RestoreAlertExpressions(string cronJob, int staleAfterSeconds)
    {
        var cronjob = $"namespace=\"{BasicDisasterRecovery.Namespace}\",cronjob=\"{cronJob}\"";
        var jobs = $"namespace=\"{BasicDisasterRecovery.Namespace}\",job_name=~\"{cronJob}-.*\"";
        var stale = staleAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return (
            // A failed run newer than the last success (failed Jobs stay listed for a while: only the latest counts).
            $"max by (namespace, job_name) (kube_job_status_failed{{{jobs}}} > 0) * on (namespace, job_name) (kube_job_status_start_time{{{jobs}}} > on (namespace) group_left() kube_cronjob_status_last_successful_time{{{cronjob}}}) > 0",
            $"time() - kube_cronjob_status_last_successful_time{{{cronjob}}} > {stale}",
            $"absent(kube_cronjob_status_last_successful_time{{{cronjob}}}) and on () (time() - max(kube_cronjob_created{{{cronjob}}}) > {stale})");
    }

    private static JsonObject Rules()
    {
        var (failed, stale, never) = RestoreAlertExpressions(Name, StaleAfterSeconds);
        return PlatformObjects.RuleGroup("dr-restore-test", null,
            PlatformObjects.Alert("DisasterRecoveryRestoreTestFailed", failed,
                "0m", "critical",
                "The daily restore test failed",
                $"A restore of the latest backups into {ScratchNamespace} failed its checks: kubectl logs -n {BasicDisasterRecovery.Namespace} -l app.kubernetes.io/name={Name} --tail=100 says which tenant and why."),
            PlatformObjects.Alert("DisasterRecoveryRestoreTestStale", stale,
                "15m", "critical",
                "No successful restore test for over a day",
                $"The last successful restore test was {{{{ $value | humanizeDuration }}}} ago (schedule '{Schedule}'): kubectl get cronjob,jobs -n {BasicDisasterRecovery.Namespace} -l app.kubernetes.io/name={Name}"),
            PlatformObjects.Alert("DisasterRecoveryRestoreTestNeverSucceeded", never,
                "15m", "critical",
                "The restore test has never succeeded",
                $"The CronJob {Name} has existed for over a day without one successful run."));
    }

    /// <summary>Adds the regional failover to every cluster's DR runbook (Manual Disaster Recovery Testing), with the restores of that cluster's peer.</summary>
    private static void AddRegionalFailover(ComponentBuilder component)
    {
        var config = component.Config;
        var resource = ManualDisasterRecoveryTesting.RunbookResource;
        if (!component.Existing<KubernetesResource>().Any(r => r.Name == resource))
            return;
        var refs = ClusterMembers.Refs(config);
        string? PeerOf(string key) => CrossRegionRestoreDrill.PeerIndex(config, refs.Select(r => r.Key).ToList().IndexOf(key)) is { } p ? refs[p].Key : null;
        component.ContributeObject<V1ConfigMap>(resource, cm => AddRegionalFailover(cm, config, PeerOf(ClusterRef.PrimaryKey)));
        // A member's runbook is rewritten for it first (Manual Disaster Recovery Testing queued that earlier), then gains its own failover.
        component.ForEachMember<V1ConfigMap>(resource, (key, copy) => AddRegionalFailover(copy, config, PeerOf(key)));
    }

    private static void AddRegionalFailover(V1ConfigMap runbook, PlatformConfig config, string? peer)
    {
        runbook.Data[ManualDisasterRecoveryTesting.RunbookKey] += RegionalFailover(config, peer);
        if (peer is null)
            return;
        // The lost peer's tenants, restored here from the backups synced through the read-only peer location.
        foreach (var tenant in config.Tenants)
            runbook.Data[ManualDisasterRecoveryTesting.PeerRestoreKey(tenant.Name, peer)] = Yaml.Of(ManualDisasterRecoveryTesting.RestoreTemplate(
                tenant.Name, BasicDisasterRecovery.ScheduleName(tenant.Name, peer), mapTo: null));
    }

    public const string RegionalFailoverHeading = "## Regional failover";

    /// <summary>
    /// The runbook's regional failover for one cluster; <paramref name="peerKey"/> is the cluster whose backups it reads
    /// through its read-only peer location (null on a single cluster), and so the one it takes over when that region is lost.
    /// </summary>
    public static string RegionalFailover(PlatformConfig config, string? peerKey)
    {
        var ns = BasicDisasterRecovery.Namespace;
        var cm = ManualDisasterRecoveryTesting.RunbookConfigMap;
        var text = new StringBuilder()
            .Append('\n').Append(RegionalFailoverHeading).Append("\n\n")
            .Append($"Automated: the CronJob `{Name}` restores every tenant's latest backup into `{ScratchNamespace}` daily at `{Schedule}` (UTC) and checks objects and volumes; alerts DisasterRecoveryRestoreTestFailed/Stale say when it did not pass.\n\n");
        if (peerKey is not null)
        {
            var location = CrossRegionRestoreDrill.PeerLocation(peerKey);
            var schedule = BasicDisasterRecovery.ScheduleName("<tenant>", peerKey);
            text.Append($"Cross-region: the CronJob `{CrossRegionRestoreDrill.Name}` on every cluster restores its peer's latest backup of `{CrossRegionRestoreDrill.DrillNamespace}` daily at `{CrossRegionRestoreDrill.Schedule}` (UTC) through the read-only location `{CrossRegionRestoreDrill.PeerLocation("<peer>")}`; alerts {CrossRegionRestoreDrill.FailedAlert}/{CrossRegionRestoreDrill.StaleAlert}.\n\n")
                .Append($"This cluster's peer is `{peerKey}`: when `{peerKey}`'s region is lost, this cluster takes over its tenants.\n\n");
            if (config.IsAzure)
                text.Append($"1. The backup storage account is RA-GZRS: if the lost region is the account's primary, fail the account over so its data is reachable for this cluster's Velero: `az storage account failover --name <account> --resource-group rg-{config.Name}-{config.PrimaryRegion}`.\n");
            else
                text.Append($"1. If the backup bucket was in the lost region, make its replica in the surviving region the bucket of this cluster's locations (S3 cross-region replication).\n");
            text.Append($"2. Check that this cluster reads `{peerKey}`'s backups: `kubectl get backupstoragelocations {location} -n {ns}` is Available, and `kubectl get backups -n {ns} -l {CrossRegionRestoreDrill.StorageLocationLabel}={location},{CrossRegionRestoreDrill.ScheduleNameLabel}={schedule} --sort-by=.metadata.creationTimestamp` lists each tenant's (the names are `{peerKey}`'s own, so none is hidden by this cluster's).\n")
                .Append($"3. Restore each of `{peerKey}`'s tenants here, volumes included: `kubectl get configmap {cm} -n {ns} -o jsonpath='{{.data.{ManualDisasterRecoveryTesting.PeerRestoreKey("<tenant>", peerKey).Replace(".", "\\.", StringComparison.Ordinal)}}}' | sed 's/restorePVs: false/restorePVs: true/' | kubectl create -f -` (it restores the latest backup of `{schedule}`; objects this cluster already has are left as they are).\n");
        }
        else
        {
            text.Append("When the primary region is lost:\n\n");
            if (config.IsAzure)
            {
                var secondary = config.Regions.Length > 1 ? config.Regions[1] : "<secondary region>";
                text.Append($"1. The backup storage account is RA-GZRS: its data is readable in the paired region at `<account>-secondary.blob.core.windows.net` without a failover. For writes, fail the account over: `az storage account failover --name <account> --resource-group rg-{config.Name}-{config.PrimaryRegion}`.\n")
                    .Append($"2. Use (or create with `pulumi up`) the platform's cluster in `{secondary}`; point its Velero at the account (`kubectl get backupstoragelocations -n {ns}`) and wait until `kubectl get backups -n {ns}` lists the backups.\n");
            }
            else
            {
                text.Append("1. Make the replica of the backup bucket in the surviving region the recovery cluster's storage location (S3 cross-region replication).\n")
                    .Append($"2. Install the platform on the recovery cluster (`pulumi up` with its stack) and wait until `kubectl get backups -n {ns}` lists the backups.\n");
            }
            text.Append($"3. Restore each tenant in place, volumes included: `kubectl get configmap {cm} -n {ns} -o jsonpath='{{.data.restore-<tenant>\\.yaml}}' | sed 's/restorePVs: false/restorePVs: true/' | kubectl create -f -`.\n");
        }
        text.Append("4. Move traffic: point DNS (or the global entry's origins) at the recovery cluster's gateway, check the apps, and record RTO and RPO.\n")
            .Append("5. After the lost region is back: back up from the recovery cluster, restore into the rebuilt cluster, move traffic back.\n");
        return text.ToString();
    }
}
