using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Security;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>
/// The key objects of Level 4's security practices: the mesh (All traffic encrypted), Falco (Advanced Workloads
/// Auditing), the audit trail and Entra-only access (Platform Access Auditing) and the Azure Policy side of
/// Compliance Policies Enforcement, each in its staged and promoted form.
/// </summary>
public sealed class Level4SecurityPracticesTests
{
    private const string AdminGroup = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    private static PlatformConfig AzureWithAdmins(params string[] staged) =>
        Azure(4) with { AdminGroupObjectIds = [AdminGroup], Staged = [.. staged] };

    [Fact]
    public void On_existing_istio_runs_from_its_pinned_charts_with_cni_so_pods_need_no_istio_init()
    {
        var graph = Compose(Existing(4));
        var istiod = graph.Release("istiod");
        Assert.Equal(Pins.Istiod, istiod.Chart);
        Assert.Equal(true, istiod.Values.Get("cni.enabled"));
        Assert.Equal(AllTrafficEncrypted.SelfManagedRevision, istiod.Values.Get("revision"));
        Assert.Equal(Pins.IstioCni, graph.Release("istio-cni").Chart);
        Assert.Contains("istio-cni", istiod.DependsOn);
        foreach (var tenant in Tenants)
            Assert.Equal(AllTrafficEncrypted.SelfManagedRevision, graph.Typed<V1Namespace>("Namespace", null, tenant.Name).Metadata.Labels[AllTrafficEncrypted.RevisionLabel]);
    }

    [Fact]
    public void On_azure_the_istio_add_on_runs_the_configured_revision_and_tenants_are_labelled_with_it()
    {
        var pinned = Compose(Azure(4));
        Assert.Equal(new[] { Pins.AksIstioRevision }, pinned.Cluster().ServiceMeshProfile!.Revisions);
        Assert.False(pinned.HasRelease("istiod"));
        var configured = Compose(Azure(4) with { MeshRevision = "asm-1-28" });
        Assert.Equal("Istio", configured.Cluster().ServiceMeshProfile!.Mode);
        Assert.Equal(new[] { "asm-1-28" }, configured.Cluster().ServiceMeshProfile!.Revisions);
        Assert.Equal("asm-1-28", configured.Typed<V1Namespace>("Namespace", null, "team-a").Metadata.Labels[AllTrafficEncrypted.RevisionLabel]);
        Assert.Null(Compose(Azure(3)).Cluster().ServiceMeshProfile);
    }

    [Theory]
    [InlineData("asm-1-27", true)]
    [InlineData("asm-1-28", true)]
    [InlineData("1.27", false)]
    [InlineData("asm-1-27; rm", false)]
    public void The_mesh_revision_must_have_the_add_ons_shape(string revision, bool valid)
    {
        var raw = RawConfig.Empty("test")
            .With(ConfigKeys.Level, 4).With(ConfigKeys.Target, "azure")
            .With(ConfigKeys.Regions, new JsonArray("westeurope"))
            .With(ConfigKeys.MeshRevision, revision);
        var result = PlatformConfigParser.Parse(raw);
        Assert.Equal(valid, !result.Problems.Any(p => p.Key == ConfigKeys.MeshRevision.FullName));
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Tenant_mtls_is_permissive_while_staged_and_strict_once_promoted(DeploymentTarget target)
    {
        static string Mode(PlatformGraph graph, string ns) =>
            graph.Typed<CustomObject>("PeerAuthentication", ns, AllTrafficEncrypted.PeerAuthenticationName).Spec!["mtls"]!["mode"]!.GetValue<string>();
        var promoted = Compose(For(target, 4));
        var staged = Compose(For(target, 4) with { Staged = [Enforcements.MeshMtlsStrict] });
        foreach (var tenant in Tenants)
        {
            Assert.Equal("STRICT", Mode(promoted, tenant.Name));
            Assert.Equal("PERMISSIVE", Mode(staged, tenant.Name));
        }
    }

    [Fact]
    public void Falco_watches_with_the_modern_ebpf_probe_and_alerts_through_alertmanager_without_any_url_in_its_values()
    {
        var falco = Compose(Existing(4)).Release(AdvancedWorkloadsAuditing.ReleaseName);
        Assert.Equal(Pins.Falco, falco.Chart);
        Assert.Equal("modern_ebpf", falco.Values.Get("driver.kind"));
        Assert.Equal(true, falco.Values.Get("driver.modernEbpf.leastPrivileged"));
        Assert.Equal(true, falco.Values.Get("falcosidekick.enabled"));
        Assert.Equal(AdvancedWorkloadsAuditing.AlertmanagerUrl, falco.Values.Get("falcosidekick.config.alertmanager.hostport"));
        Assert.Equal($"http://{WellKnown.PrometheusStackRelease}-alertmanager.{WellKnown.MonitoringNamespace}.svc:9093", AdvancedWorkloadsAuditing.AlertmanagerUrl);
        // The alert receiver's URL is a secret Alertmanager holds; Falco's values never carry one.
        Assert.Null(falco.Values.Get("falcosidekick.config.webhook"));
        Assert.Null(falco.Values.Get("falcosidekick.config.slack"));
        Assert.False(Compose(Existing(3)).HasRelease(AdvancedWorkloadsAuditing.ReleaseName));
    }

    [Fact]
    public void On_azure_access_is_entra_only_once_promoted_and_audited_into_log_analytics_tables_with_retention()
    {
        var promoted = Compose(AzureWithAdmins() with { AuditRetentionDays = 180 });
        Assert.True(promoted.Cluster().LocalAccountDisabled);
        var setting = Assert.Single(promoted.Resources.OfType<DiagnosticSetting>());
        Assert.Equal(new[] { "kube-audit-admin", "guard" }, setting.EnabledLogCategories.ToArray());
        Assert.Equal("Dedicated", setting.LogAnalyticsDestinationType);
        Assert.Equal(new AzureRef(Foundation.ClusterName, AzureOutput.Id), setting.TargetResourceId);
        var tables = promoted.Resources.OfType<LogAnalyticsWorkspaceTable>().ToList();
        Assert.Equal(["AKSAuditAdmin", "AKSControlPlane"], tables.Select(t => t.TableName));
        Assert.All(tables, t => Assert.Equal(180, t.RetentionInDays));

        Assert.False(Compose(AzureWithAdmins(Enforcements.LocalAccountsDisabled)).Cluster().LocalAccountDisabled ?? false);
        // Without an admin group nobody could administer the cluster: local accounts stay.
        Assert.False(Compose(Azure(4)).Cluster().LocalAccountDisabled ?? false);
    }

    /// <summary>
    /// Falco's AKS audit plugin (k8saudit-aks v0.6.0) reads only with an Event Hub SAS connection string and a shared-key
    /// storage account: the platform does not run it, says why on azure, and its premises hold (the landing zone's shared-key
    /// policy); Falco's values carry no plugin and no connection string at Levels 4 and 5.
    /// </summary>
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void On_azure_falco_gets_no_audit_plugin_with_connection_strings_and_the_platform_says_why(int level)
    {
        var graph = Compose(Azure(level) with { AdminGroupObjectIds = [AdminGroup] });
        var falco = graph.Release(AdvancedWorkloadsAuditing.ReleaseName);
        Assert.Null(falco.Values.Get("falco.plugins"));
        Assert.Null(falco.Values.Get("falco.load_plugins"));
        Assert.DoesNotContain("connection_string", falco.Values.ToJson().ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(graph.ComponentOf("Platform Access Auditing").Notes, n => n.StartsWith(PlatformAccessAuditing.FalcoAksAuditDecision, StringComparison.Ordinal));
        Assert.Contains(PlatformMaturity.Practices.Efficiency.PlatformLandingZones.Policies, p => p.Id == "storage-no-shared-key");
    }

    [Fact]
    public void On_existing_access_auditing_is_not_applicable_with_the_reason()
    {
        var status = Compose(Existing(4)).Status("Platform Access Auditing");
        Assert.Equal(PracticeState.NotApplicable, status.State);
        Assert.Contains("audit-policy-file", status.Detail);
    }

    [Fact]
    public void On_azure_the_policy_add_on_audits_the_pod_security_baseline()
    {
        var graph = Compose(Azure(4));
        Assert.True(graph.Cluster().AzurePolicyEnabled);
        var assignment = Assert.Single(graph.Resources.OfType<PolicyAssignment>());
        Assert.Equal(CompliancePoliciesEnforcement.BaselineInitiativeId, assignment.PolicyDefinitionId);
        Assert.Equal("audit", assignment.Parameters["effect"]);
        Assert.Empty(Compose(Existing(4)).Resources.OfType<PolicyAssignment>());
    }
}
