using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Efficiency;

/// <summary>Just-in-time Capacity: GPUs from zero (azure), the GPU operator, Kueue queues per tenant; the KEDA HTTP add-on at Level 5.</summary>
public sealed class JustInTimeCapacityTests
{
    [Fact]
    public void On_azure_a_gpu_pool_scales_from_zero_and_one_component_owns_the_driver()
    {
        var graph = Compose(Azure(5) with { GpuNodeVmSize = "Standard_NC8as_T4_v3", GpuNodeMaxCount = 3 });
        var pool = Assert.IsType<KubernetesClusterNodePool>(graph.Resource(JustInTimeCapacity.GpuPoolResource));
        Assert.Equal(("Standard_NC8as_T4_v3", 0, 0, 3, true), (pool.Pool.VmSize, pool.Pool.NodeCount, pool.Pool.MinCount, pool.Pool.MaxCount, pool.Pool.AutoScalingEnabled));
        Assert.Equal(JustInTimeCapacity.GpuTaint, Assert.Single(pool.NodeTaints));
        Assert.Equal(JustInTimeCapacity.GpuNodeLabelValue, pool.NodeLabels[JustInTimeCapacity.GpuNodeLabel]);
        // The GPU operator installs the driver exactly where AKS does not.
        var operatorRelease = graph.Release(JustInTimeCapacity.GpuOperatorRelease);
        Assert.Equal("None", pool.GpuDriver);
        Assert.Equal(true, operatorRelease.Values.Get("driver.enabled"));
        Assert.Equal(false, Compose(Existing(5)).Release(JustInTimeCapacity.GpuOperatorRelease).Values.Get("driver.enabled"));
        Assert.Equal(Pins.GpuOperator, operatorRelease.Chart);

        Assert.DoesNotContain(Compose(Azure(4)).Resources.OfType<KubernetesClusterNodePool>(), p => p.Name == JustInTimeCapacity.GpuPoolResource);
        Assert.False(Compose(Azure(4)).HasRelease(JustInTimeCapacity.KueueRelease));
    }

    [Fact]
    public void The_gpu_pool_settings_are_read_from_the_stack_and_bad_ones_refused()
    {
        RawConfig Stack() => RawConfig.Empty("test").With(ConfigKeys.Level, 5).With(ConfigKeys.Target, "azure")
            .With(ConfigKeys.Regions, new JsonArray("westeurope", "northeurope"));
        var parsed = PlatformConfigParser.Parse(Stack().With(ConfigKeys.GpuNodeVmSize, "Standard_NC24ads_A100_v4").With(ConfigKeys.GpuNodeMaxCount, 4));
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Problems.Select(p => p.Message)));
        Assert.Equal(("Standard_NC24ads_A100_v4", 4), (parsed.Config!.GpuNodeVmSize, parsed.Config.GpuNodeMaxCount));
        Assert.Equal(ConfigKeys.GpuNodeMaxCount.FullName, Assert.Single(PlatformConfigParser.Parse(Stack().With(ConfigKeys.GpuNodeMaxCount, 0)).Problems).Key);
        Assert.Equal(ConfigKeys.GpuNodeVmSize.FullName, Assert.Single(PlatformConfigParser.Parse(Stack().With(ConfigKeys.GpuNodeVmSize, "a100; rm -rf")).Problems).Key);
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Every_tenant_gets_its_own_queue_with_its_tiers_quota_and_the_objects_validate(DeploymentTarget target)
    {
        var graph = Compose(For(target, 5));
        var kueue = graph.Release(JustInTimeCapacity.KueueRelease);
        Assert.Equal(Pins.KueueImageRepository, kueue.Values.Get("controllerManager.manager.image.repository"));
        Assert.Equal(Pins.KueueImageTag, kueue.Values.Get("controllerManager.manager.image.tag"));
        Assert.Equal(2, kueue.Values.Get("controllerManager.replicas"));
        // Gang admission: a Job's pods are ready together or its quota goes back to the queue; only tenants' Jobs are queued.
        var manager = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>((string)kueue.Values.Get("managerConfig.controllerManagerConfigYaml")!);
        Assert.Equal(JustInTimeCapacity.PodsReadyTimeout, ((Dictionary<object, object>)manager["waitForPodsReady"])["timeout"]);
        Assert.Equal("config.kueue.x-k8s.io/v1beta2", manager["apiVersion"]);
        Assert.Contains(PlatformMaturity.Practices.Availability.HardMultiTenancy.TenantLabel, kueue.Values.Get("managerConfig.controllerManagerConfigYaml") as string, StringComparison.Ordinal);

        var queues = new List<string>();
        foreach (var tenant in Tenants)
        {
            var local = graph.Typed<CustomObject>("LocalQueue", tenant.Name, JustInTimeCapacity.DefaultLocalQueue);
            var cq = graph.Typed<CustomObject>("ClusterQueue", null, local.Spec!["clusterQueue"]!.GetValue<string>());
            queues.Add(cq.Metadata.Name);
            Assert.Equal(JustInTimeCapacity.Cohort, cq.Spec!["cohortName"]!.GetValue<string>());
            Assert.Equal(tenant.Name, cq.Spec["namespaceSelector"]!["matchLabels"]![PlatformMaturity.Practices.Availability.HardMultiTenancy.TenantLabel]!.GetValue<string>());
            var quota = BasicResourcesManagement.QuotaFor(tenant.Tier);
            foreach (var flavor in cq.Spec["resourceGroups"]![0]!["flavors"]!.AsArray())
            {
                var resources = flavor!["resources"]!.AsArray().ToDictionary(r => r!["name"]!.GetValue<string>(), r => r!["nominalQuota"]!.GetValue<string>());
                Assert.Equal(quota.RequestsCpu, resources["cpu"]);
                Assert.Equal(quota.RequestsMemory, resources["memory"]);
                var gpus = flavor["name"]!.GetValue<string>() == JustInTimeCapacity.GpuFlavor ? JustInTimeCapacity.GpusFor(tenant.Tier) : 0;
                Assert.Equal(gpus.ToString(System.Globalization.CultureInfo.InvariantCulture), resources[JustInTimeCapacity.GpuResource]);
            }
            Assert.Equal(JustInTimeCapacity.GpusFor(tenant.Tier).ToString(System.Globalization.CultureInfo.InvariantCulture),
                graph.Typed<V1ResourceQuota>("ResourceQuota", tenant.Name, JustInTimeCapacity.GpuQuotaName).Spec.Hard["requests.nvidia.com/gpu"].ToString());
        }
        Assert.Equal(queues.Count, queues.Distinct().Count());
        Assert.Empty(graph.SchemaErrors());
    }

    [Fact]
    public void The_gpu_operators_namespace_is_privileged_and_kueues_restricted_with_the_webhook_open_to_the_api_server()
    {
        var graph = Compose(Existing(5));
        Assert.Equal("privileged", graph.Typed<V1Namespace>("Namespace", null, JustInTimeCapacity.GpuOperatorNamespace).Metadata.Labels[PodSecurity.Enforce]);
        Assert.Equal("restricted", graph.Typed<V1Namespace>("Namespace", null, JustInTimeCapacity.KueueNamespace).Metadata.Labels[PodSecurity.Enforce]);
        var webhook = PlatformNetworkPolicies.RulesFor(graph.Config, JustInTimeCapacity.KueueNamespace).Single();
        Assert.Contains(JustInTimeCapacity.KueueWebhookPort, webhook.Ports);
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void At_level_5_the_keda_http_add_on_is_installed_restricted_and_granted_to_tenant_routes(DeploymentTarget target)
    {
        var graph = Compose(For(target, 5));
        var release = graph.Release(KedaHttpAddOn.ReleaseName);
        Assert.Equal(Pins.KedaHttpAddOnImageTag, release.Values.Get("images.tag"));
        Assert.Equal(true, release.Values.Get("podSecurityContext.runAsNonRoot"));
        Assert.Equal("RuntimeDefault", release.Values.Get("podSecurityContext.seccompProfile.type"));
        Assert.Contains(KedaHttpAddOn.ApiGroup, release.ProvidesApiGroups);
        Assert.Equal("restricted", graph.Typed<V1Namespace>("Namespace", null, KedaHttpAddOn.Namespace).Metadata.Labels[PodSecurity.Enforce]);
        var grant = graph.Typed<CustomObject>("ReferenceGrant", KedaHttpAddOn.Namespace, KedaHttpAddOn.ReferenceGrantName);
        Assert.Equal(Tenants.Select(t => t.Name), grant.Spec!["from"]!.AsArray().Select(f => f!["namespace"]!.GetValue<string>()));
        Assert.False(Compose(For(target, 4)).HasRelease(KedaHttpAddOn.ReleaseName));
    }
}
