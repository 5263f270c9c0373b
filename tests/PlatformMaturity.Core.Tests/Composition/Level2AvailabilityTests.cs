using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>Level 2's Availability practices: Hard multi-tenancy and Basic Platform Monitoring (PRACTICES.md).</summary>
public sealed class Level2AvailabilityTests
{
    [Theory]
    [InlineData(DeploymentTarget.Existing, 2)]
    [InlineData(DeploymentTarget.Azure, 2)]
    [InlineData(DeploymentTarget.Existing, 3)]
    [InlineData(DeploymentTarget.Azure, 3)]
    public void Hard_multi_tenancy_labels_every_tenant_namespace_with_its_tenant_and_tier(DeploymentTarget target, int level)
    {
        var graph = Compose(For(target, level));
        foreach (var tenant in Tenants)
        {
            var ns = (KubernetesResource)graph.Resource(Foundation.TenantNamespace(tenant.Name));
            Assert.Equal(tenant.Name, ns.Object.Metadata.Labels[HardMultiTenancy.TenantLabel]);
            Assert.Equal(ConfigNames.Of(tenant.Tier), ns.Object.Metadata.Labels[HardMultiTenancy.TierLabel]);
            Assert.Equal(tenant.Group, ns.Object.Metadata.Annotations[HardMultiTenancy.GroupAnnotation]);
            Assert.Equal("Hard multi-tenancy", ns.ProvenanceOf($"metadata.labels[\"{HardMultiTenancy.TenantLabel}\"]").Source);
        }
    }

    [Fact]
    public void Level_1_namespaces_carry_no_tenant_identity()
    {
        var ns = (KubernetesResource)Compose(Existing(1)).Resource(Foundation.TenantNamespace("team-a"));
        Assert.False(ns.Object.Metadata.Labels.ContainsKey(HardMultiTenancy.TenantLabel));
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Basic_monitoring_installs_a_lean_kube_prometheus_stack_that_provides_the_monitoring_crds(DeploymentTarget target)
    {
        var graph = Compose(For(target, 2));
        var release = Assert.IsType<HelmRelease>(graph.Resource(WellKnown.PrometheusStackRelease));
        Assert.Equal("basic-platform-monitoring", graph.OwnerOf(release.Name).Id);
        Assert.Equal(Pins.KubePrometheusStack, release.Chart);
        Assert.Equal(WellKnown.MonitoringNamespace, release.Namespace);
        Assert.Contains("monitoring.coreos.com", release.ProvidesApiGroups);
        Assert.Equal(false, release.Values.Get("alertmanager.enabled"));
        Assert.Equal(1, release.Values.Get("prometheus.prometheusSpec.replicas"));
        Assert.Null(release.Values.Get("prometheus.prometheusSpec.storageSpec"));
        Assert.Equal(false, release.Values.Get("prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues"));
        Assert.Equal(false, release.Values.Get("prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues"));
        Assert.Equal(target == DeploymentTarget.Azure ? false : null, release.Values.Get("kubeControllerManager.enabled"));
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing, 2)]
    [InlineData(DeploymentTarget.Azure, 3)]
    public void Grafana_admin_comes_from_a_secret_built_from_secret_config_never_a_default(DeploymentTarget target, int level)
    {
        var graph = Compose(For(target, level));
        var release = (HelmRelease)graph.Resource(WellKnown.PrometheusStackRelease);
        Assert.Equal(MonitoringStack.GrafanaAdminSecret, release.Values.Get("grafana.admin.existingSecret"));
        Assert.Null(release.Values.Get("grafana.adminPassword"));

        var secret = Assert.Single(graph.Resources.OfType<ConfigSecret>(), s => s.SecretName == MonitoringStack.GrafanaAdminSecret);
        Assert.Equal(WellKnown.MonitoringNamespace, secret.Namespace);
        Assert.Equal(ConfigKeys.GrafanaAdminPassword.FullName, secret.Keys[(string)release.Values.Get("grafana.admin.passwordKey")!]);
        Assert.True(ConfigKeys.GrafanaAdminPassword.Secret);
        var user = secret.Literals[(string)release.Values.Get("grafana.admin.userKey")!];
        Assert.NotEqual("admin", user);
        Assert.Contains(secret.Name, release.DependsOn);
    }

    [Theory]
    [InlineData(2, null)]
    [InlineData(3, "privileged")]
    public void The_monitoring_namespace_comes_before_the_release_and_enforces_privileged_once_pod_security_is_enforced(int level, string? enforce)
    {
        var graph = Compose(Existing(level));
        var ns = (KubernetesResource)graph.Resource(MonitoringStack.NamespaceResource);
        Assert.Equal(enforce, ns.Object.Metadata.Labels.TryGetValue(PodSecurity.Enforce, out var value) ? value : null);
        var release = (HelmRelease)graph.Resource(WellKnown.PrometheusStackRelease);
        Assert.False(release.CreateNamespace);
        Assert.Contains(ns.Name, release.DependsOn);
    }

    [Fact]
    public void On_azure_container_insights_reports_to_a_log_analytics_workspace_of_the_monitoring_practice()
    {
        var graph = Compose(Azure(2));
        var workspace = Assert.IsType<LogAnalyticsWorkspace>(graph.Resource(WellKnown.LogAnalyticsWorkspace));
        Assert.Equal(WellKnown.BasicPlatformMonitoring, workspace.Provenance.Source);
        Assert.False(workspace.LocalAuthenticationEnabled);
        var cluster = (KubernetesCluster)graph.Resource(Foundation.ClusterName);
        Assert.Equal(new AzureRef(WellKnown.LogAnalyticsWorkspace, AzureOutput.Id), cluster.OmsAgent!.Workspace);
        Assert.Equal(true, cluster.OmsAgent.MsiAuthForMonitoringEnabled);
        Assert.Equal(WellKnown.BasicPlatformMonitoring, cluster.ProvenanceOf("OmsAgent.MsiAuthForMonitoringEnabled").Source);
        Assert.Contains(WellKnown.LogAnalyticsWorkspace, cluster.DependsOn);
    }

    [Fact]
    public void On_existing_monitoring_creates_no_azure_resources()
    {
        Assert.Empty(Compose(Existing(2)).Resources.OfType<AzureResource>());
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Level_1_has_no_monitoring_and_no_log_analytics(DeploymentTarget target)
    {
        var graph = Compose(For(target, 1));
        Assert.DoesNotContain(graph.Resources, r => r.Name is WellKnown.PrometheusStackRelease or WellKnown.LogAnalyticsWorkspace);
        Assert.Empty(graph.Resources.OfType<ConfigSecret>());
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Level_2_has_nothing_level_3_brings(DeploymentTarget target)
    {
        var graph = Compose(For(target, 2));
        var releases = graph.Resources.OfType<HelmRelease>().Select(r => r.ReleaseName).ToHashSet();
        foreach (var release in new[] { "argo-rollouts", "velero", "opentelemetry-operator", "tempo", "loki", "alloy" })
            Assert.DoesNotContain(release, releases);
        var kinds = graph.Resources.Select(r => r.Kind).ToHashSet();
        foreach (var kind in new[] { "Schedule", "Rollout", "ValidatingAdmissionPolicy", "OpenTelemetryCollector", "Instrumentation", "PrometheusRule" })
            Assert.DoesNotContain(kind, kinds);
        Assert.DoesNotContain(graph.Resources, r => r.Name.Contains("golden-paths", StringComparison.Ordinal));
        var monitoring = (HelmRelease)graph.Resource(WellKnown.PrometheusStackRelease);
        Assert.Null(monitoring.Values.Get("kube-state-metrics.metricAnnotationsAllowList"));
    }
}
