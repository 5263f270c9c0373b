using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Security;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>Restricted Container Runtime: tenants enforce the restricted Pod Security Standard from Level 3, platform namespaces their documented level.</summary>
public sealed class RestrictedContainerRuntimeTests
{
    [Theory]
    [InlineData(DeploymentTarget.Existing, 3)]
    [InlineData(DeploymentTarget.Azure, 3)]
    [InlineData(DeploymentTarget.Existing, 5)]
    public void Tenant_namespaces_enforce_restricted_with_warn_and_audit(DeploymentTarget target, int level)
    {
        var graph = Compose(For(target, level));
        foreach (var tenant in Tenants)
        {
            var ns = (KubernetesResource)graph.Resource(Foundation.TenantNamespace(tenant.Name));
            var labels = ns.Labels();
            Assert.Equal("restricted", labels[PodSecurity.Enforce]);
            Assert.Equal("restricted", labels[PodSecurity.Audit]);
            Assert.Equal("restricted", labels[PodSecurity.Warn]);
            Assert.Equal(Versions.Pins.PodSecurityVersion, labels[PodSecurity.EnforceVersion]);
            Assert.Equal(("Restricted Container Runtime", 3), (ns.ProvenanceOf($"metadata.labels[\"{PodSecurity.Enforce}\"]").Source, ns.ProvenanceOf($"metadata.labels[\"{PodSecurity.Enforce}\"]").Level));
        }
    }

    [Fact]
    public void While_staged_tenant_namespaces_only_warn_and_audit_restricted()
    {
        var graph = Compose(Existing(3) with { Staged = [Enforcements.PodSecurityRestricted] });
        var labels = ((KubernetesResource)graph.Resource(Foundation.TenantNamespace("team-a"))).Labels();
        Assert.False(labels.ContainsKey(PodSecurity.Enforce));
        Assert.Equal("restricted", labels[PodSecurity.Warn]);
        Assert.Equal("restricted", labels[PodSecurity.Audit]);
        Assert.Contains(graph.Component("restricted-container-runtime")!.Notes, n => n.Contains("--promote"));
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Level_2_only_warns_about_baseline(DeploymentTarget target)
    {
        var graph = Compose(For(target, 2));
        foreach (var ns in graph.Resources.OfType<KubernetesResource>().Where(r => r.Kind == "Namespace"))
            Assert.False(ns.Labels().ContainsKey(PodSecurity.Enforce), $"{ns.ObjectName} enforces Pod Security at Level 2");
        Assert.Equal("baseline", ((KubernetesResource)graph.Resource(Foundation.TenantNamespace("team-a"))).Labels()[PodSecurity.Warn]);
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing, 3)]
    [InlineData(DeploymentTarget.Azure, 3)]
    [InlineData(DeploymentTarget.Existing, 4)]
    public void Every_platform_namespace_enforces_its_documented_level(DeploymentTarget target, int level)
    {
        // Existing with the monitoring stack too; azure without it (a monitoring-owned Log Analytics workspace would follow the cluster).
        var graph = target == DeploymentTarget.Existing ? PracticeGraphs.ComposeWithMonitoring(For(target, level)) : Compose(For(target, level));
        var platformNamespaces = graph.Resources.OfType<KubernetesResource>()
            .Where(r => r.Kind == "Namespace" && Tenants.All(t => t.Name != r.ObjectName))
            .ToList();
        Assert.NotEmpty(platformNamespaces);
        foreach (var ns in platformNamespaces)
        {
            // From Level 4 the Velero node agent needs more than Level 3's documented baseline; that practice documents it.
            var veleroWithNodeAgent = ns.ObjectName == BasicDisasterRecovery.Namespace && graph.InEffect("Disaster Recovery for Persistent Storage");
            var documented = veleroWithNodeAgent ? DisasterRecoveryForPersistentStorage.VeleroPodSecurity : PodSecurity.PlatformNamespaceLevels[ns.ObjectName];
            Assert.Equal(PodSecurity.Name(documented.Level), ns.Labels()[PodSecurity.Enforce]);
            Assert.Equal(veleroWithNodeAgent ? "Disaster Recovery for Persistent Storage" : "Restricted Container Runtime",
                ns.ProvenanceOf($"metadata.labels[\"{PodSecurity.Enforce}\"]").Source);
        }
    }

    [Fact]
    public void The_scanner_secrets_and_autoscaler_namespaces_run_restricted_because_their_values_make_them_compliant()
    {
        var graph = Compose(Existing(3));
        foreach (var ns in new[] { "trivy-system", "external-secrets", "platform-secrets", "keda", "vpa" })
            Assert.Equal("restricted", graph.Object("Namespace", null, ns).Labels()[PodSecurity.Enforce]);
        var trivy = graph.Release(VulnerabilityScanner.ReleaseName).Values;
        foreach (var pod in new[] { "podSecurityContext", "trivyOperator.scanJobPodTemplatePodSecurityContext", "trivy.server.podSecurityContext" })
        {
            Assert.Equal(true, trivy.Get($"{pod}.runAsNonRoot"));
            Assert.Equal("RuntimeDefault", trivy.Get($"{pod}.seccompProfile.type"));
        }
        Assert.Equal(false, trivy.Get("operator.infraAssessmentScannerEnabled"));
    }

    [Fact]
    public void It_supersedes_unrestricted_container_runtime_at_level_3()
    {
        var graph = Compose(Existing(3));
        Assert.False(graph.InEffect("Unrestricted Container Runtime"));
        Assert.Contains(graph.ComponentOf("Restricted Container Runtime").Predecessors, p => p.Id == "unrestricted-container-runtime");
        Assert.Equal(PodSecurityStage.Enforce, RestrictedContainerRuntime.TenantStage(Existing(3)));
    }
}
