using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Rendering;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Levels 3–5: people rehearse restores by hand from a runbook generated for this stack's backups.
/// The runbook and the Velero Restore templates live in a ConfigMap beside the backups: a Restore object starts
/// restoring the moment it exists, so the platform must never apply one; as ConfigMap data it is stored,
/// versioned and found with kubectl in the cluster, and still validates as a Restore (the tests check it).
/// </summary>
public sealed class ManualDisasterRecoveryTesting : PracticeComponent
{
    public const string RunbookConfigMap = "dr-runbook";
    public const string RunbookKey = "runbook.md";

    public override string Practice => "Manual Disaster Recovery Testing";

    public override Implementation Implementation => Implementation.OnBothTargets(
        $"A DR runbook for this stack's Velero backups plus Restore templates per tenant (a test restore into a scratch namespace and an in-place restore), in ConfigMap {BasicDisasterRecovery.Namespace}/{RunbookConfigMap}: " +
        $"kubectl get configmap {RunbookConfigMap} -n {BasicDisasterRecovery.Namespace} -o jsonpath='{{.data.runbook\\.md}}'");

    /// <summary>ConfigMap key of a tenant's test restore (into {tenant}-restore-test).</summary>
    public static string TestRestoreKey(string tenant) => $"restore-test-{tenant}.yaml";

    /// <summary>ConfigMap key of a tenant's in-place restore.</summary>
    public static string RestoreKey(string tenant) => $"restore-{tenant}.yaml";

    public static string ScratchNamespace(string tenant) => $"{tenant}-restore-test";

    /// <summary>ConfigMap key of a tenant's in-place restore from a peer's backups (regional failover; a dot, which no tenant name holds, keeps it apart from every <see cref="RestoreKey"/>).</summary>
    public static string PeerRestoreKey(string tenant, string peerKey) => $"restore-{tenant}.from-{peerKey}.yaml";

    /// <summary>The graph name of the first cluster's runbook ConfigMap (members' are copies of it).</summary>
    public static string RunbookResource => ComponentBuilder.KubernetesName(new V1ConfigMap
    {
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = RunbookConfigMap, NamespaceProperty = BasicDisasterRecovery.Namespace },
    });

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        var runbook = component.AddObject(new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = RunbookConfigMap, NamespaceProperty = BasicDisasterRecovery.Namespace },
            Data = Data(config, ClusterRef.PrimaryKey),
        });
        // Every other member's runbook names that member's Schedules and location (BasicDisasterRecovery.ScheduleName).
        component.ForEachMember<V1ConfigMap>(runbook.Name, (key, copy) => copy.Data = Data(config, key));
        component.Note($"Read the runbook: kubectl get configmap {RunbookConfigMap} -n {BasicDisasterRecovery.Namespace} -o jsonpath='{{.data.runbook\\.md}}'");
        component.Note("Rehearse a restore of every tenant at least once a quarter and record how long it took (RTO) and how old the backup was (RPO).");
    }

    private static Dictionary<string, string> Data(PlatformConfig config, string clusterKey)
    {
        var data = new Dictionary<string, string> { [RunbookKey] = Runbook(config, clusterKey) };
        foreach (var tenant in config.Tenants)
        {
            var schedule = BasicDisasterRecovery.ScheduleName(tenant.Name, clusterKey);
            data[TestRestoreKey(tenant.Name)] = Yaml.Of(RestoreTemplate(tenant.Name, schedule, ScratchNamespace(tenant.Name)));
            data[RestoreKey(tenant.Name)] = Yaml.Of(RestoreTemplate(tenant.Name, schedule, mapTo: null));
        }
        return data;
    }

    /// <summary>
    /// A Restore of the latest backup of a tenant's <paramref name="schedule"/> (this cluster's, or a peer's synced through
    /// its read-only location); <paramref name="mapTo"/> restores into another namespace (a rehearsal that leaves the
    /// tenant untouched). generateName makes it repeatable with kubectl create.
    /// </summary>
    public static JsonNode RestoreTemplate(string tenant, string schedule, string? mapTo)
    {
        var spec = new JsonObject
        {
            ["scheduleName"] = schedule,
            ["includedNamespaces"] = new JsonArray(tenant),
            ["restorePVs"] = false,
            ["existingResourcePolicy"] = "none",
        };
        if (mapTo is not null)
            spec["namespaceMapping"] = new JsonObject { [tenant] = mapTo };
        return new JsonObject
        {
            ["apiVersion"] = "velero.io/v1",
            ["kind"] = "Restore",
            ["metadata"] = new JsonObject
            {
                ["generateName"] = mapTo is null ? $"restore-{tenant}-" : $"restore-test-{tenant}-",
                ["namespace"] = BasicDisasterRecovery.Namespace,
            },
            ["spec"] = spec,
        };
    }

    private static string Runbook(PlatformConfig config, string clusterKey)
    {
        var ns = BasicDisasterRecovery.Namespace;
        var cm = RunbookConfigMap;
        var (bucket, prefix) = config.IsAzure
            ? (BasicDisasterRecovery.BlobContainer, (string?)null)
            : ((config.BackupLocation ?? BackupLocation.DefaultFor(config.Name)).Bucket, config.Name);
        if (clusterKey != ClusterRef.PrimaryKey)
            (bucket, prefix) = BasicDisasterRecovery.MemberLocation(bucket, prefix, clusterKey);
        var where = config.IsAzure
            ? $"the blob container `{bucket}` of the platform's backup storage account (zone-redundant) in resource group `rg-{config.Name}-{config.PrimaryRegion}`"
            : $"the S3 bucket `{bucket}` under the prefix `{prefix}`";
        var text = new StringBuilder()
            .Append($"# Disaster recovery runbook: {config.Name}\n\n")
            .Append($"Generated by pmctl for stack `{config.Stack}` (Level {config.Level}, target {ConfigNames.Of(config.Target)}). Do not edit: it is rewritten on every pulumi up.\n\n")
            .Append("## What is backed up\n\n")
            .Append($"- Every tenant namespace, daily at `{config.BackupSchedule}` (UTC), kept {config.BackupRetentionDays} days, by Velero in namespace `{ns}`.\n")
            .Append($"- Backups are stored in {where}.\n")
            .Append("- Kubernetes objects only (Deployments, Services, ConfigMaps, Secrets ...): no volume data at this level.\n\n")
            .Append("| Tenant | Schedule | Rehearsal template | In-place template |\n|---|---|---|---|\n");
        foreach (var tenant in config.Tenants)
            text.Append($"| {tenant.Name} | {BasicDisasterRecovery.ScheduleName(tenant.Name, clusterKey)} | {TestRestoreKey(tenant.Name)} | {RestoreKey(tenant.Name)} |\n");
        if (config.Tenants.IsEmpty)
            text.Append("| (no tenants configured) | | | |\n");

        text.Append("\n## Rehearse a restore (every quarter, per tenant)\n\n")
            .Append("1. Check the newest backup completed:\n")
            .Append($"   `kubectl get backups -n {ns} -l {CrossRegionRestoreDrill.ScheduleNameLabel}={BasicDisasterRecovery.ScheduleName("<tenant>", clusterKey)} --sort-by=.metadata.creationTimestamp`\n")
            .Append("2. Start the rehearsal restore into the scratch namespace `<tenant>-restore-test` (the tenant is not touched):\n")
            .Append($"   `kubectl get configmap {cm} -n {ns} -o jsonpath='{{.data.restore-test-<tenant>\\.yaml}}' | kubectl create -f -`\n")
            .Append($"3. Wait until it is Completed: `kubectl get restores -n {ns} -w`; on PartiallyFailed read `velero restore describe <name> --details`.\n")
            .Append("4. Compare: `kubectl get all,configmaps,secrets -n <tenant>-restore-test` against `-n <tenant>`; the workloads must become Ready.\n")
            .Append("5. Write down the restore duration (RTO) and the backup's age (RPO) with the date, and fix what failed.\n")
            .Append("6. Clean up: `kubectl delete namespace <tenant>-restore-test`.\n\n")
            .Append("## Restore for real\n\n")
            .Append("- Same cluster, tenant damaged: delete the broken objects (or the namespace), then\n")
            .Append($"  `kubectl get configmap {cm} -n {ns} -o jsonpath='{{.data.restore-<tenant>\\.yaml}}' | kubectl create -f -`.\n")
            .Append($"- New cluster: provision it with `pulumi up --stack {config.Stack}`; Velero finds the existing backups in the storage location within a minute\n")
            .Append($"  (`kubectl get backups -n {ns}`), then restore each tenant as above.\n")
            .Append("- A specific backup instead of the latest: replace `scheduleName` in the template with `backupName: <backup>`.\n");
        return text.ToString();
    }
}
