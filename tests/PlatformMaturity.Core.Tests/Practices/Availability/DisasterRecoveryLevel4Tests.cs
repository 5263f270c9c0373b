using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Availability;

/// <summary>Disaster Recovery for Persistent Storage and Advanced Disaster Recovery Testing.</summary>
public sealed class DisasterRecoveryLevel4Tests
{
    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void From_level_4_backups_move_volume_snapshot_data_into_the_backup_storage(DeploymentTarget target)
    {
        var level3 = Compose(For(target, 3));
        var level4 = Compose(For(target, 4));
        Assert.Equal(false, level3.Release(BasicDisasterRecovery.ReleaseName).Values.Get("deployNodeAgent"));
        var velero = level4.Release(BasicDisasterRecovery.ReleaseName).Values;
        Assert.Equal(true, velero.Get("deployNodeAgent"));
        Assert.Equal(true, velero.Get("configuration.defaultSnapshotMoveData"));
        foreach (var tenant in Tenants)
        {
            var name = BasicDisasterRecovery.ScheduleName(tenant.Name, ClusterRef.PrimaryKey);
            Assert.False(Schedule(level3, name)["snapshotVolumes"]!.GetValue<bool>());
            Assert.True(Schedule(level4, name)["snapshotVolumes"]!.GetValue<bool>());
            Assert.True(Schedule(level4, name)["snapshotMoveData"]!.GetValue<bool>());
        }
        Assert.Equal("privileged", level4.Object("Namespace", null, BasicDisasterRecovery.Namespace).Labels()[PodSecurity.Enforce]);
        if (target == DeploymentTarget.Azure)
        {
            var account = Assert.IsType<StorageAccount>(level4.Resource(BasicDisasterRecovery.StorageAccountName));
            Assert.Equal("RAGZRS", account.AccountReplicationType);
            Assert.Equal("ZRS", Assert.IsType<StorageAccount>(level3.Resource(BasicDisasterRecovery.StorageAccountName)).AccountReplicationType);
            Assert.DoesNotContain(level4.Resources, r => r.Kind.Contains("DataProtection", StringComparison.Ordinal) || r.Kind.Contains("Backup", StringComparison.Ordinal) && r is not BudgetResourceGroup);
        }
    }

    private static JsonNode Schedule(PlatformGraph graph, string name) =>
        ((CustomObject)graph.Object("Schedule", BasicDisasterRecovery.Namespace, name).Object).Spec!["template"]!;

    [Fact]
    public void A_daily_cronjob_tests_restores_with_least_privilege_and_restricted_pods()
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(Existing(4));
        var cron = graph.Typed<V1CronJob>("CronJob", BasicDisasterRecovery.Namespace, AdvancedDisasterRecoveryTesting.Name);
        Assert.True(Cronos.CronExpression.TryParse(cron.Spec.Schedule, out _));
        var pod = cron.Spec.JobTemplate.Spec.Template.Spec;
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.All(pod.Containers, c => Assert.Equal(["ALL"], c.SecurityContext.Capabilities.Drop));
        Assert.Equal(0, cron.Spec.JobTemplate.Spec.BackoffLimit);

        // RBAC: namespaced Roles only (no ClusterRole), no secret reads, restores only in velero.
        var rbac = graph.Resources.OfType<KubernetesResource>()
            .Where(r => r.Kind is "Role" or "ClusterRole" && r.ObjectName == AdvancedDisasterRecoveryTesting.Name).ToList();
        Assert.All(rbac, r => Assert.Equal("Role", r.Kind));
        Assert.Equal([AdvancedDisasterRecoveryTesting.ScratchNamespace, BasicDisasterRecovery.Namespace], rbac.Select(r => r.Namespace!).Order(StringComparer.Ordinal).ToArray());
        foreach (var role in rbac.Select(r => (V1Role)r.Object))
        {
            Assert.DoesNotContain(role.Rules, rule => rule.Resources.Contains("secrets") && rule.Verbs.Contains("get") && role.Metadata.NamespaceProperty != AdvancedDisasterRecoveryTesting.ScratchNamespace);
            Assert.DoesNotContain(role.Rules, rule => rule.Verbs.Contains("*") || rule.Resources.Contains("*"));
        }

        // Restored copies never run: the scratch namespace admits no pods.
        var quota = graph.Typed<V1ResourceQuota>("ResourceQuota", AdvancedDisasterRecoveryTesting.ScratchNamespace, "no-pods");
        Assert.Equal("0", quota.Spec.Hard["pods"].ToString());

        // The script restores each tenant with a Restore that validates, and checks items and volumes.
        var script = graph.Typed<V1ConfigMap>("ConfigMap", BasicDisasterRecovery.Namespace, AdvancedDisasterRecoveryTesting.Name).Data[AdvancedDisasterRecoveryTesting.ScriptKey];
        foreach (var tenant in Tenants)
        {
            var restore = AdvancedDisasterRecoveryTesting.Restore(tenant.Name, ClusterRef.PrimaryKey);
            Assert.Contains($"test_tenant {tenant.Name} '{restore.ToJsonString()}'", script, StringComparison.Ordinal);
            Assert.Empty(SchemaValidator.Validate(restore));
            Assert.True(restore["spec"]!["restorePVs"]!.GetValue<bool>());
            Assert.Equal(AdvancedDisasterRecoveryTesting.ScratchNamespace, restore["spec"]!["namespaceMapping"]![tenant.Name]!.GetValue<string>());
        }
        Assert.Contains("itemsRestored", script, StringComparison.Ordinal);
        Assert.Contains("\"phase\":\"Bound\"", script, StringComparison.Ordinal);
        Assert.Contains(AdvancedVolumeManagement.StandardClass, graph.Typed<V1ConfigMap>("ConfigMap", BasicDisasterRecovery.Namespace, AdvancedDisasterRecoveryTesting.ModifierConfigMap).Data[AdvancedDisasterRecoveryTesting.ModifierKey], StringComparison.Ordinal);
        Assert.Empty(graph.SchemaErrors());
    }

    [Fact]
    public void Alerts_read_the_cronjob_status_kube_state_metrics_exports_and_the_runbook_gains_the_regional_failover()
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(Azure(4));
        var rule = (CustomObject)graph.Object("PrometheusRule", BasicDisasterRecovery.Namespace, AdvancedDisasterRecoveryTesting.AlertRule).Object;
        var alerts = rule.Spec!["groups"]![0]!["rules"]!.AsArray().ToDictionary(r => r!["alert"]!.GetValue<string>(), r => r!["expr"]!.GetValue<string>());
        Assert.Contains("kube_cronjob_status_last_successful_time", alerts["DisasterRecoveryRestoreTestStale"], StringComparison.Ordinal);
        Assert.Contains($"cronjob=\"{AdvancedDisasterRecoveryTesting.Name}\"", alerts["DisasterRecoveryRestoreTestStale"], StringComparison.Ordinal);
        Assert.Contains("kube_job_status_failed", alerts["DisasterRecoveryRestoreTestFailed"], StringComparison.Ordinal);
        // Stale means: more than a day between successes, not less (the job runs daily).
        Assert.InRange(AdvancedDisasterRecoveryTesting.StaleAfterSeconds, 24 * 3600 + AdvancedDisasterRecoveryTesting.DeadlineSeconds, 48 * 3600);

        var runbook = graph.Typed<V1ConfigMap>("ConfigMap", BasicDisasterRecovery.Namespace, ManualDisasterRecoveryTesting.RunbookConfigMap).Data[ManualDisasterRecoveryTesting.RunbookKey];
        Assert.Contains(AdvancedDisasterRecoveryTesting.RegionalFailoverHeading, runbook, StringComparison.Ordinal);
        Assert.Contains("northeurope", runbook, StringComparison.Ordinal);
        Assert.DoesNotContain(AdvancedDisasterRecoveryTesting.RegionalFailoverHeading,
            PracticeGraphs.ComposeWithMonitoring(Azure(3)).Typed<V1ConfigMap>("ConfigMap", BasicDisasterRecovery.Namespace, ManualDisasterRecoveryTesting.RunbookConfigMap).Data[ManualDisasterRecoveryTesting.RunbookKey], StringComparison.Ordinal);
    }
}
