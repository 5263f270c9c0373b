using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.GoldenPaths.Rendering;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Efficiency;
using static PlatformMaturity.GoldenPaths.Tests.TestPlatforms;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>
/// The Level 5 golden paths against the platform the graph really builds: what an app asks for (queue, GPUs, taint
/// tolerations, the interceptor) is what the platform's objects provide, so the app is admitted, scheduled and reached.
/// </summary>
public sealed class AiCapacityContractTests
{
    private static (PlatformGraph Graph, IReadOnlyList<RenderedObject> Objects) RenderOnRealPlatform(string goldenPath, DeploymentTarget target, params string[] sets)
    {
        var config = TestPlatforms.Config(5, target);
        var graph = Composer.Default.Compose(config);
        var app = GoldenPathRenderer.Render(Request(goldenPath, 5, target, extraSets: sets), Catalog, PlatformContext.Of(graph, Model.MaturityModel.Default));
        return (graph, RenderedObject.Of(app));
    }

    private static T Object<T>(PlatformGraph graph, string kind, string? ns, string name) where T : class =>
        Assert.IsType<T>(graph.Resources.OfType<KubernetesResource>().Single(r => r.Kind == kind && r.Namespace == ns && r.ObjectName == name).Object);

    private static JsonObject PodSpec(RenderedObject workload) => workload.PodTemplates().Single()["spec"]!.AsObject();

    [Theory]
    [InlineData(DeploymentTarget.Azure)]
    [InlineData(DeploymentTarget.Existing)]
    public void A_training_job_waits_in_its_own_tenants_queue_for_its_tiers_gpus(DeploymentTarget target)
    {
        var (graph, objects) = RenderOnRealPlatform("ml-training-job", target, "gpus=2");
        var job = objects.Single(o => o.Kind == "Job");
        var ns = job.Json["metadata"]!["namespace"]!.GetValue<string>();

        // The queue the Job names is the LocalQueue the platform creates in the Job's namespace (the default parameter).
        var queueName = job.Label(PlatformContract.KueueQueueLabel);
        Assert.Equal(PlatformContract.KueueDefaultQueue, queueName);
        var localQueue = Object<CustomObject>(graph, "LocalQueue", ns, queueName!);
        var clusterQueue = Object<CustomObject>(graph, "ClusterQueue", null, localQueue.Spec!["clusterQueue"]!.GetValue<string>());

        // That ClusterQueue admits this namespace and no other tenant's.
        var selector = clusterQueue.Spec!["namespaceSelector"]!["matchLabels"]!.AsObject();
        var labels = Object<V1Namespace>(graph, "Namespace", null, ns).Metadata.Labels;
        Assert.All(selector, l => Assert.Equal(l.Value!.GetValue<string>(), labels[l.Key]));
        foreach (var other in Tenants.Where(t => t.Name != ns))
            Assert.NotEqual(other.Name, selector[Practices.Availability.HardMultiTenancy.TenantLabel]!.GetValue<string>());

        // Its GPU flavor holds the tenant's tier share, the same as the namespace's GPU ResourceQuota, and the Job fits it.
        var tier = Tenants.Single(t => t.Name == ns).Tier;
        var gpuFlavor = clusterQueue.Spec["resourceGroups"]![0]!["flavors"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == JustInTimeCapacity.GpuFlavor)!;
        var gpuQuota = gpuFlavor["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == PlatformContract.GpuResource)!["nominalQuota"]!.GetValue<string>();
        Assert.Equal(JustInTimeCapacity.GpusFor(tier).ToString(System.Globalization.CultureInfo.InvariantCulture), gpuQuota);
        var quota = Object<V1ResourceQuota>(graph, "ResourceQuota", ns, JustInTimeCapacity.GpuQuotaName);
        Assert.Equal(gpuQuota, quota.Spec.Hard[$"requests.{PlatformContract.GpuResource}"].ToString());
        var limits = PodSpec(job)["containers"]![0]!["resources"]!["limits"]!;
        Assert.True(int.Parse(limits[PlatformContract.GpuResource]!.ToString(), System.Globalization.CultureInfo.InvariantCulture) <= int.Parse(gpuQuota, System.Globalization.CultureInfo.InvariantCulture));

        // Kueue's GPU flavor steers admitted pods to nodes the GPU taint is on: the flavor's toleration is the golden path's.
        var flavor = Object<CustomObject>(graph, "ResourceFlavor", null, JustInTimeCapacity.GpuFlavor);
        var flavorToleration = flavor.Spec!["tolerations"]![0]!;
        Assert.Contains(PodSpec(job)["tolerations"]!.AsArray(), t => JsonNode.DeepEquals(t, flavorToleration));
    }

    [Theory]
    [InlineData("ml-training-job")]
    [InlineData("ml-inference")]
    public void A_gpu_pod_tolerates_the_taint_of_the_azure_gpu_pool_which_starts_from_zero(string goldenPath)
    {
        var (graph, objects) = RenderOnRealPlatform(goldenPath, DeploymentTarget.Azure);
        var pool = Assert.IsType<KubernetesClusterNodePool>(graph.Resource(JustInTimeCapacity.GpuPoolResource));
        Assert.Equal(0, pool.Pool.MinCount);
        Assert.True(pool.Pool.AutoScalingEnabled);
        Assert.Equal("None", pool.GpuDriver); // the GPU operator installs the driver
        var taint = Assert.Single(pool.NodeTaints);
        var (key, rest) = (taint[..taint.IndexOf('=')], taint[(taint.IndexOf('=') + 1)..]);
        var (value, effect) = (rest[..rest.IndexOf(':')], rest[(rest.IndexOf(':') + 1)..]);

        var workload = objects.Single(o => o.PodTemplates().Any());
        var tolerations = PodSpec(workload)["tolerations"]!.AsArray();
        Assert.Contains(tolerations, t => t!["key"]!.GetValue<string>() == key && t["value"]!.GetValue<string>() == value && t["effect"]!.GetValue<string>() == effect);
        // The pool's label is what Kueue's GPU flavor selects, so the autoscaler knows an admitted pod fits the pool.
        var flavorLabels = Object<CustomObject>(graph, "ResourceFlavor", null, JustInTimeCapacity.GpuFlavor).Spec!["nodeLabels"]!.AsObject();
        Assert.All(flavorLabels, l => Assert.Equal(l.Value!.GetValue<string>(), pool.NodeLabels[l.Key]));
        Assert.Contains(PodSpec(workload)["containers"]![0]!["resources"]!["limits"]!.AsObject(), r => r.Key == PlatformContract.GpuResource);
    }

    [Theory]
    [InlineData(DeploymentTarget.Azure)]
    [InlineData(DeploymentTarget.Existing)]
    public void An_event_driven_functions_route_reaches_the_interceptor_the_platform_runs_and_lets_it_in(DeploymentTarget target)
    {
        var (graph, objects) = RenderOnRealPlatform("event-driven-function", target);
        var route = objects.Single(o => o.Kind == "HTTPRoute").Json;
        var ns = route["metadata"]!["namespace"]!.GetValue<string>();
        var backend = route["spec"]!["rules"]![0]!["backendRefs"]![0]!;

        var release = graph.Resources.OfType<HelmRelease>().Single(r => r.ReleaseName == KedaHttpAddOn.ReleaseName);
        Assert.Equal(release.Namespace, backend["namespace"]!.GetValue<string>());
        // The ReferenceGrant in that namespace lets this tenant's HTTPRoutes name the interceptor's Service.
        var grant = Object<CustomObject>(graph, "ReferenceGrant", release.Namespace, KedaHttpAddOn.ReferenceGrantName);
        Assert.Contains(grant.Spec!["from"]!.AsArray(), f => f!["kind"]!.GetValue<string>() == "HTTPRoute" && f["namespace"]!.GetValue<string>() == ns);
        Assert.Equal(backend["name"]!.GetValue<string>(), grant.Spec["to"]![0]!["name"]!.GetValue<string>());
        // The interceptor takes the gateway's traffic on the routed port.
        var policy = Object<V1NetworkPolicy>(graph, "NetworkPolicy", release.Namespace, KedaHttpAddOn.GatewayPolicyName);
        Assert.Equal(graph.Config.IngressNamespace, policy.Spec.Ingress[0].FromProperty[0].NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.Equal(backend["port"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture), policy.Spec.Ingress[0].Ports[0].Port.Value);
    }

    [Fact]
    public void On_azure_an_inference_app_is_a_kaito_inference_set_on_the_platforms_gpu_pool_scaled_by_keda()
    {
        var graph = Composer.Default.Compose(TestPlatforms.Config(5, DeploymentTarget.Azure));
        var objects = RenderedObject.Of(Render("ml-inference", 5, DeploymentTarget.Azure));
        var set = objects.Single(o => o.Kind == "InferenceSet");

        // BYO nodes: KAITO provisions none (its node provisioning and device plugin are off), and the set selects the GPU pool's label.
        var kaito = graph.Resources.OfType<HelmRelease>().Single(r => r.ReleaseName == ModelServing.KaitoRelease);
        Assert.Equal(true, kaito.Values.Get("featureGates.disableNodeAutoProvisioning"));
        Assert.Equal("byo", kaito.Values.Get("nodeProvisioner"));
        Assert.Equal(false, kaito.Values.Get("nvidiaDevicePlugin.enabled"));
        Assert.Contains(ModelServing.KaitoApiGroup, kaito.ProvidesApiGroups);
        var pool = Assert.IsType<KubernetesClusterNodePool>(graph.Resource(JustInTimeCapacity.GpuPoolResource));
        var selector = set.Json["spec"]!["labelSelector"]!["matchLabels"]!.AsObject();
        Assert.NotEmpty(selector);
        Assert.All(selector, l => Assert.Equal(l.Value!.GetValue<string>(), pool.NodeLabels[l.Key]));
        Assert.Null(set.Json["spec"]!["template"]!["resource"]?["instanceType"]);
        Assert.Contains(PodSpec(set)["containers"]![0]!["resources"]!["limits"]!.AsObject(), r => r.Key == PlatformContract.GpuResource);

        // KEDA scales the InferenceSet itself (a Workspace's count is fixed).
        var target = objects.Single(o => o.Kind == "ScaledObject").Json["spec"]!["scaleTargetRef"]!;
        Assert.Equal(set.ApiVersion, target["apiVersion"]!.GetValue<string>());
        Assert.Equal("InferenceSet", target["kind"]!.GetValue<string>());
        Assert.Equal(set.Name, target["name"]!.GetValue<string>());
        Assert.DoesNotContain(objects, o => o.Kind is "Deployment" or "Rollout");
    }

    [Fact]
    public void On_existing_an_inference_app_is_a_kserve_inference_service_whose_predictor_keda_scales()
    {
        var graph = Composer.Default.Compose(TestPlatforms.Config(5, DeploymentTarget.Existing));
        var objects = RenderedObject.Of(Render("ml-inference", 5, DeploymentTarget.Existing));
        var service = objects.Single(o => o.Kind == "InferenceService");

        // The mode the InferenceService names is the one the platform's KServe runs (Standard: a plain Deployment, no Knative).
        var kserve = graph.Resources.OfType<HelmRelease>().Single(r => r.ReleaseName == ModelServing.KServeRelease);
        Assert.Equal(kserve.Values.Get("kserve.controller.deploymentMode"), service.Json["metadata"]!["annotations"]!["serving.kserve.io/deploymentMode"]!.GetValue<string>());
        Assert.Equal("external", service.Json["metadata"]!["annotations"]!["serving.kserve.io/autoscalerClass"]!.GetValue<string>());
        Assert.Contains(graph.Resources.OfType<HelmRelease>(), r => r.ProvidesApiGroups.Contains(ModelServing.KServeApiGroup));
        Assert.Contains(graph.Resources.OfType<HelmRelease>(), r => r.ProvidesApiGroups.Contains("cert-manager.io")); // KServe's webhook certificate
        Assert.Contains(PodSpec(service)["containers"]![0]!["resources"]!["limits"]!.AsObject(), r => r.Key == PlatformContract.GpuResource);

        // KEDA scales the Deployment KServe makes of the predictor; the app's Service selects the predictor's pods.
        var target = objects.Single(o => o.Kind == "ScaledObject").Json["spec"]!["scaleTargetRef"]!;
        Assert.Equal("Deployment", target["kind"]!.GetValue<string>());
        Assert.Equal(service.Name + "-predictor", target["name"]!.GetValue<string>());
        var podLabels = service.PodTemplates().Single()["metadata"]!["labels"]!.AsObject();
        var serviceSelector = objects.Single(o => o.Kind == "Service").Json["spec"]!["selector"]!.AsObject();
        Assert.All(serviceSelector, l => Assert.Equal(l.Value!.GetValue<string>(), podLabels[l.Key]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(DeploymentTarget.Azure)]
    [InlineData(DeploymentTarget.Existing)]
    public void A_training_jobs_checkpoints_are_on_a_zone_redundant_shared_volume_where_the_platform_has_one(DeploymentTarget target)
    {
        var (graph, objects) = RenderOnRealPlatform("ml-training-job", target);
        var claim = objects.SingleOrDefault(o => o.Kind == "PersistentVolumeClaim");
        if (target == DeploymentTarget.Existing)
        {
            Assert.Null(claim); // no ReadWriteMany class on existing unless platform:rwxStorageClass names one
            var config = TestPlatforms.Config(5, target);
            Assert.Null(config.RwxStorageClass);
            var app = GoldenPathRenderer.Render(Request("ml-training-job", 5, target), Catalog, PlatformContext.Of(graph, Model.MaturityModel.Default));
            var readme = app.Files.Single(f => f.Path == "PLATFORM.md").Content;
            Assert.Contains("This Job has no checkpoint volume", readme, StringComparison.Ordinal);
            Assert.Contains(ConfigKeys.RwxStorageClass.FullName, readme, StringComparison.Ordinal);
            return;
        }
        Assert.NotNull(claim);
        Assert.Equal(["ReadWriteMany"], claim.Json["spec"]!["accessModes"]!.AsArray().Select(m => m!.GetValue<string>()));
        var className = claim.Json["spec"]!["storageClassName"]!.GetValue<string>();
        var storageClass = Object<V1StorageClass>(graph, "StorageClass", null, className);
        Assert.Equal(AdvancedVolumeManagement.AzureFileDriver, storageClass.Provisioner);
        Assert.EndsWith("_ZRS", storageClass.Parameters["skuName"], StringComparison.Ordinal); // no zone owns the share
        Assert.Equal("nfs", storageClass.Parameters["protocol"]); // SMB would keep a storage account key in a Secret
        var job = objects.Single(o => o.Kind == "Job");
        var volume = PodSpec(job)["volumes"]!.AsArray().Single(v => v!["persistentVolumeClaim"] is not null)!;
        Assert.Equal(claim.Name, volume["persistentVolumeClaim"]!["claimName"]!.GetValue<string>());
        Assert.Contains(PodSpec(job)["containers"]![0]!["volumeMounts"]!.AsArray(), m => m!["name"]!.GetValue<string>() == volume["name"]!.GetValue<string>());
        Assert.Equal(PlatformContract.KueueDefaultQueue, job.Label(PlatformContract.KueueQueueLabel));
    }

    [Fact]
    public void On_existing_a_named_readwritemany_class_gives_the_training_job_its_checkpoint_volume()
    {
        var config = TestPlatforms.Config(5, DeploymentTarget.Existing) with { RwxStorageClass = "nfs-client" };
        var graph = Composer.Default.Compose(config);
        var app = GoldenPathRenderer.Render(Request("ml-training-job", 5, DeploymentTarget.Existing, extraSets: "checkpoint-path=/data/ckpt"), Catalog, PlatformContext.Of(graph, Model.MaturityModel.Default));
        var objects = RenderedObject.Of(app);
        var claim = objects.Single(o => o.Kind == "PersistentVolumeClaim");
        Assert.Equal(["ReadWriteMany"], claim.Json["spec"]!["accessModes"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("nfs-client", claim.Json["spec"]!["storageClassName"]!.GetValue<string>());
        // The class is the cluster's own: the platform creates none of that name (it would be a block class).
        Assert.DoesNotContain(graph.Resources.OfType<KubernetesResource>(), r => r.Kind == "StorageClass" && r.ObjectName == "nfs-client");
        var job = objects.Single(o => o.Kind == "Job");
        var volume = PodSpec(job)["volumes"]!.AsArray().Single(v => v!["persistentVolumeClaim"] is not null)!;
        Assert.Equal(claim.Name, volume["persistentVolumeClaim"]!["claimName"]!.GetValue<string>());
        var mount = PodSpec(job)["containers"]![0]!["volumeMounts"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == volume["name"]!.GetValue<string>())!;
        Assert.Equal("/data/ckpt", mount["mountPath"]!.GetValue<string>());
        var readme = app.Files.Single(f => f.Path == "PLATFORM.md").Content;
        Assert.Contains("StorageClass `nfs-client`", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("no checkpoint volume", readme, StringComparison.Ordinal);
        // describe says which class it is and that the platform does not create it.
        Assert.Contains(graph.Components.SelectMany(c => c.Notes), n => n.Contains("nfs-client", StringComparison.Ordinal) && n.Contains(ConfigKeys.RwxStorageClass.FullName, StringComparison.Ordinal));
    }

    /// <summary>
    /// A first render with the defaults runs for a tenant of the smallest tier: Kueue admits a Job only within the
    /// ClusterQueue's quota (the tier's requests) and the ResourceQuota refuses pods beyond the tier's limits, so larger
    /// defaults would leave the Job waiting forever.
    /// </summary>
    [Theory]
    [InlineData("ml-training-job")]
    [InlineData("ml-inference")]
    public void The_default_resources_fit_the_smallest_tiers_quota(string goldenPath)
    {
        var manifest = Catalog.Find(goldenPath)!.Manifest;
        var quota = Practices.Efficiency.BasicResourcesManagement.QuotaFor(TenantTier.Small);
        decimal Of(string value) => new ResourceQuantity(value).ToDecimal();
        decimal Default(string parameter) => Of(manifest.Parameter(parameter)!.Default!);
        Assert.True(Default("cpu-request") <= Of(quota.RequestsCpu));
        Assert.True(Default("memory-request") <= Of(quota.RequestsMemory));
        Assert.True(Default("cpu-limit") <= Of(quota.LimitsCpu));
        Assert.True(Default("memory-limit") <= Of(quota.LimitsMemory));
        Assert.True(int.Parse(manifest.Parameter("gpus")!.Default!, System.Globalization.CultureInfo.InvariantCulture) <= JustInTimeCapacity.GpusFor(TenantTier.Small));
    }
}
