using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Practices.Security;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>Each Level 1 practice produces its resources on each target (PRACTICES.md).</summary>
public sealed class Level1Tests
{
    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void All_nine_practices_are_implemented_with_a_component_each(DeploymentTarget target)
    {
        var graph = Compose(For(target, 1));
        Assert.Equal(9, graph.Practices.Length);
        Assert.All(graph.Practices, p => Assert.Equal(PracticeState.Implemented, p.State));
        Assert.Equal(graph.Practices.Select(p => p.ComponentId), graph.Components.Skip(1).Select(c => c.Id));
        Assert.Equal(GraphComponent.FoundationId, graph.Components[0].Id);
        Assert.Equal("platform:security:UnrestrictedContainerRuntime", graph.Component("unrestricted-container-runtime")!.TypeToken);
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Each_tenant_gets_a_namespace_with_pod_security_warnings_from_unrestricted_container_runtime(DeploymentTarget target)
    {
        var graph = Compose(For(target, 1));
        foreach (var tenant in Tenants)
        {
            var ns = (KubernetesResource)graph.Resource(Foundation.TenantNamespace(tenant.Name));
            var labels = ns.Object.Metadata.Labels;
            Assert.Equal("baseline", labels[UnrestrictedContainerRuntime.WarnLabel]);
            Assert.False(labels.ContainsKey("pod-security.kubernetes.io/enforce"));
            Assert.Equal("Unrestricted Container Runtime", ns.ProvenanceOf($"metadata.labels[\"{UnrestrictedContainerRuntime.WarnLabel}\"]").Source);
            Assert.Equal(Provenance.Foundation, ns.ProvenanceOf("metadata.name"));
        }
    }

    [Fact]
    public void On_azure_the_foundation_is_a_resource_group_and_an_aks_cluster_with_a_system_pool()
    {
        var graph = Compose(Azure(1));
        var group = Assert.IsType<ResourceGroup>(graph.Resource(Foundation.ResourceGroupName));
        Assert.Equal("rg-test-westeurope", group.ResourceGroupName);
        var cluster = Assert.IsType<KubernetesCluster>(graph.Resource(Foundation.ClusterName));
        Assert.Equal("aks-test-westeurope", cluster.ClusterName);
        Assert.Equal(Pins.AksKubernetesVersion, cluster.KubernetesVersion);
        Assert.Equal("Free", cluster.SkuTier);
        Assert.Equal(3, cluster.DefaultNodePool.NodeCount);
        Assert.Equal(Pins.AksOsSku, cluster.DefaultNodePool.OsSku);
        Assert.Equal("33%", cluster.DefaultNodePool.MaxSurge);
        Assert.Equal("Kubernetes Built-in Resiliency", cluster.ProvenanceOf("DefaultNodePool.MaxSurge").Source);
        Assert.Equal(false, cluster.LocalAccountDisabled);
        Assert.Equal("Basic Access Management", cluster.ProvenanceOf("LocalAccountDisabled").Source);
        Assert.Null(cluster.AutomaticUpgradeChannel);
    }

    [Fact]
    public void On_azure_basic_build_processes_creates_a_basic_registry_the_kubelet_can_pull_from()
    {
        var graph = Compose(Azure(1));
        var registry = Assert.IsType<ContainerRegistry>(graph.Resource(BasicBuildProcesses.RegistryName));
        Assert.Equal("Basic", registry.Sku);
        Assert.False(registry.AdminEnabled);
        var pull = Assert.IsType<RoleAssignment>(graph.Resource(BasicBuildProcesses.PullAssignmentName));
        Assert.Equal("AcrPull", pull.RoleDefinitionName);
        Assert.Equal(new AzureRef(BasicBuildProcesses.RegistryName, AzureOutput.Id), pull.Scope);
        Assert.Equal(new AzureRef(Foundation.ClusterName, AzureOutput.KubeletIdentityObjectId), pull.PrincipalId);
        Assert.Contains(Foundation.ClusterName, pull.DependsOn);
        Assert.Equal("basic-build-processes", graph.OwnerOf(pull.Name).Id);
    }

    [Fact]
    public void On_existing_basic_build_processes_publishes_the_registry_per_kep_1755()
    {
        var graph = Compose(Existing(1));
        var configMap = (V1ConfigMap)((KubernetesResource)graph.Resource("configmap-kube-public-local-registry-hosting")).Object;
        Assert.Contains("host: \"localhost:5001\"", configMap.Data["localRegistryHosting.v1"]);
        Assert.Empty(graph.Resources.OfType<AzureResource>());
    }

    [Fact]
    public void On_azure_basic_secrets_management_creates_an_rbac_key_vault_with_purge_protection()
    {
        var vault = Assert.IsType<KeyVault>(Compose(Azure(1)).Resource(BasicSecretsManagement.KeyVaultName));
        Assert.True(vault.RbacAuthorizationEnabled);
        Assert.True(vault.PurgeProtectionEnabled);
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing, true)]
    [InlineData(DeploymentTarget.Azure, false)]
    public void Metrics_server_is_installed_where_the_cluster_lacks_it(DeploymentTarget target, bool installed)
    {
        var graph = Compose(For(target, 1));
        var release = graph.Resources.OfType<HelmRelease>().SingleOrDefault(r => r.ReleaseName == ManualApplicationScaling.ReleaseName);
        Assert.Equal(installed, release is not null);
        if (release is null)
            return;
        Assert.Equal(Pins.MetricsServer, release.Chart);
        Assert.Equal(2, release.Values.Get("replicas"));
        Assert.Equal(true, release.Values.Get("podDisruptionBudget.enabled"));
        Assert.Equal("kube-system", release.Namespace);
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Level_1_has_no_rbac_quotas_network_policies_or_autoscalers(DeploymentTarget target)
    {
        var kinds = Compose(For(target, 1)).Resources.Select(r => r.Kind).ToHashSet();
        foreach (var forbidden in new[] { "RoleBinding", "ClusterRoleBinding", "ResourceQuota", "LimitRange", "NetworkPolicy", "HorizontalPodAutoscaler", "PersistentVolumeClaim" })
            Assert.DoesNotContain(forbidden, kinds);
    }

    [Fact]
    public void Practices_that_create_nothing_say_how_to_operate_them()
    {
        var graph = Compose(Existing(1));
        foreach (var id in new[] { "unmanaged-cluster-resources", "basic-delivery-processes", "basic-deployment-management", "basic-access-management" })
            Assert.NotEmpty(graph.Component(id)!.Notes);
    }

    [Fact]
    public void Every_platform_object_carries_the_standard_labels()
    {
        foreach (var obj in Compose(Existing(1)).Resources.OfType<KubernetesResource>())
        {
            var labels = obj.Object.Metadata.Labels;
            Assert.Equal(StandardLabels.Tool, labels[StandardLabels.ManagedBy]);
            Assert.Equal("test", labels[StandardLabels.PartOf]);
            Assert.True(labels.ContainsKey(StandardLabels.Level));
            Assert.True(labels.ContainsKey(StandardLabels.Practice));
        }
    }
}
