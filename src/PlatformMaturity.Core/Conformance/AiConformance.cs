using System.Collections.Immutable;
using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Conformance;

/// <summary>One requirement of the CNCF Kubernetes AI Conformance checklist.</summary>
public sealed record AiRequirement(string Category, string Id, string Level, string Description);

/// <summary>What a stack's platform does for one requirement: status in the checklist's words, the components and objects that meet it, notes.</summary>
public sealed record AiRequirementResult(AiRequirement Requirement, string Status, ImmutableArray<string> Components, ImmutableArray<string> Objects, string Notes);

/// <summary>
/// Level 5's exit test: the MUST requirements of the Kubernetes AI Conformance checklist v1.35 (cncf/k8s-ai-conformance
/// docs/AIConformance-1.35.md), each answered from the stack's composed graph — the component (graph component or Helm
/// release) and objects that meet it, or why not — in the shape of that project's PRODUCT.yaml (metadata, then per
/// category a list of {id, description, level, status, evidence, notes}; here evidence names graph components and
/// objects, to be replaced by test-result URLs when the platform is submitted).
/// </summary>
public static class AiConformance
{
    public const string Version = "v1.35";

    public const string Implemented = "Implemented";
    public const string PartiallyImplemented = "Partially Implemented";
    public const string NotImplemented = "Not Implemented";
    public const string NotApplicable = "N/A";

    public static readonly ImmutableArray<AiRequirement> Musts =
    [
        new("accelerators", "dra_support", "MUST", "Support Dynamic Resource Allocation (DRA) APIs to enable more flexible and fine-grained resource requests beyond simple counts."),
        new("networking", "ai_inference", "MUST", "Support the Kubernetes Gateway API with an implementation for advanced traffic management for inference services."),
        new("schedulingOrchestration", "gang_scheduling", "MUST", "Allow the installation and successful operation of at least one gang scheduling solution (e.g. Kueue)."),
        new("schedulingOrchestration", "cluster_autoscaling", "MUST", "A cluster autoscaler must scale node groups of specific accelerator types up and down on pending pods requesting them."),
        new("schedulingOrchestration", "pod_autoscaling", "MUST", "Pod autoscaling works for pods using accelerators, including on custom metrics relevant to AI/ML workloads."),
        new("observability", "accelerator_metrics", "MUST", "At least one accelerator metrics solution exposing per-accelerator utilization and memory through a standard metrics endpoint."),
        new("observability", "ai_service_metrics", "MUST", "A monitoring system that discovers and collects metrics from workloads exposing them in a standard format (Prometheus)."),
        new("security", "secure_accelerator_access", "MUST", "Access to accelerators is isolated and mediated by the device plugin or DRA and the container runtime."),
        new("operator", "robust_controller", "MUST", "At least one complex AI operator with a CRD installs and runs reliably: pods, webhooks, reconciled custom resources."),
    ];

    public static ImmutableArray<AiRequirementResult> Check(PlatformGraph graph)
    {
        var view = new GraphView(graph);
        return [.. Musts.Select(r => r.Id switch
        {
            "dra_support" => Dra(r, view),
            "ai_inference" => view.Installs(Practices.Delivery.PlatformGateway.GatewayApiGroup)
                ? Result(r, Implemented, [.. view.ReleasesProviding(Practices.Delivery.PlatformGateway.GatewayApiGroup), .. view.InferenceOperators()], view.Objects("Gateway"),
                    $"the platform Gateway (Gateway API) routes inference hosts: HTTPRoutes with weights and header matches to the model servers of the ml-inference golden path ({(view.Graph.Config.IsAzure ? "KAITO InferenceSet" : "KServe InferenceService")})")
                : Result(r, NotImplemented, [], [], "no Gateway API implementation in this stack"),
            "gang_scheduling" => view.Release(JustInTimeCapacity.KueueRelease) is { } kueue
                ? Result(r, Implemented, [Describe(kueue)], view.Objects("ClusterQueue", "LocalQueue", "ResourceFlavor"),
                    $"Kueue admits a Job against its tenant's ClusterQueue and, with waitForPodsReady ({JustInTimeCapacity.PodsReadyTimeout}), requeues it unless all its pods become ready: all or nothing (ml-training-job golden path)")
                : Result(r, NotImplemented, [], [], "Kueue arrives with Just-in-time Capacity (Level 5)"),
            "cluster_autoscaling" => ClusterAutoscaling(r, view),
            "pod_autoscaling" => view.Installs("keda.sh")
                ? Result(r, Implemented, view.KedaComponents(), [],
                    "KEDA drives HPAs for GPU pods on the request rate read from the tenant's Prometheus proxy (ml-inference) and scales HTTP functions from zero (KEDA HTTP add-on)")
                : Result(r, NotImplemented, [], [], "no KEDA in this stack"),
            "accelerator_metrics" => view.Release(JustInTimeCapacity.GpuOperatorRelease) is { } gpu && Equals(gpu.Values.Get("dcgmExporter.enabled"), true)
                ? Result(r, Implemented, [Describe(gpu)], [],
                    "NVIDIA DCGM exporter on every GPU node (utilization, memory, temperature, power), " + (Equals(gpu.Values.Get("dcgmExporter.serviceMonitor.enabled"), true) ? "scraped by the platform's Prometheus (ServiceMonitor)" : "not scraped: this stack has no Prometheus"))
                : Result(r, NotImplemented, [], [], "the NVIDIA GPU operator arrives with Just-in-time Capacity (Level 5)"),
            "ai_service_metrics" => view.Release(WellKnown.PrometheusStackRelease) is { } prometheus
                ? Result(r, Implemented, [Describe(prometheus)], [],
                    "Prometheus discovers every ServiceMonitor and PodMonitor (selectors not limited to the chart's); golden paths add one per app")
                : Result(r, NotImplemented, [], [], "no Prometheus in this stack"),
            "secure_accelerator_access" => view.Release(JustInTimeCapacity.GpuOperatorRelease) is { } plugin
                ? Result(r, Implemented, [Describe(plugin)], view.Objects("ResourceQuota", name: JustInTimeCapacity.GpuQuotaName),
                    $"GPUs reach containers only through the NVIDIA device plugin ({JustInTimeCapacity.GpuResource} requests; CDI), GPU nodes are tainted {JustInTimeCapacity.GpuTaint}, and each tenant's GPUs are capped by a ResourceQuota")
                : Result(r, NotImplemented, [], [], "no GPU device plugin in this stack"),
            "robust_controller" => view.Release(RayOperator.Release) is { } ray
                ? Result(r, Implemented, [Describe(ray), .. view.InferenceOperators()], [],
                    $"KubeRay reconciles RayCluster, RayJob and RayService ({RayOperator.ApiGroup}/v1 CRDs) into head and worker pods in tenant namespaces, its RayJobs and RayClusters admitted by Kueue (ray.io integrations); the inference operator ({(view.Graph.Config.IsAzure ? "KAITO InferenceSet and Workspace, with admission webhooks" : "KServe InferenceService, with admission webhooks")}) reconciles the ml-inference golden path's objects")
                : Result(r, NotImplemented, [], [], "no AI operator in this stack: KubeRay arrives with Just-in-time Capacity (Level 5)"),
            _ => throw new InvalidOperationException($"no check for {r.Id}"),
        })];
    }

    /// <summary>
    /// The checklist as PRODUCT.yaml: metadata, then per category the requirements with id, description, level, status,
    /// evidence (the components and objects that meet it) and notes. Deterministic: categories and requirements in the
    /// checklist's order.
    /// </summary>
    public static string ProductYaml(Config.PlatformConfig config, IReadOnlyList<AiRequirementResult> results)
    {
        var spec = new Dictionary<string, object>();
        foreach (var category in results.GroupBy(r => r.Requirement.Category))
        {
            spec[category.Key] = category.Select(r => new Dictionary<string, object>
            {
                ["id"] = r.Requirement.Id,
                ["description"] = r.Requirement.Description,
                ["level"] = r.Requirement.Level,
                ["status"] = r.Status,
                ["evidence"] = r.Components.Concat(r.Objects).ToList(),
                ["notes"] = r.Notes,
            }).ToList();
        }
        var document = new Dictionary<string, object>
        {
            ["metadata"] = new Dictionary<string, object>
            {
                ["kubernetesVersion"] = Version,
                ["platformName"] = $"PlatformMaturity {config.Name} (stack {config.Stack})",
                ["platformVersion"] = $"Level {config.Level}, target {Config.ConfigNames.Of(config.Target)}",
                ["vendorName"] = "",
                ["websiteUrl"] = "",
            },
            ["spec"] = spec,
        };
        return new YamlDotNet.Serialization.SerializerBuilder().DisableAliases().Build().Serialize(document);
    }

    /// <summary>
    /// Why the platform serves resource.k8s.io/v1 but installs no DRA driver for GPUs, checked at the pinned versions:
    /// NVIDIA's DRA driver for GPUs (chart nvidia-dra-driver-gpu 25.12.0, templates/validation.yaml) refuses to install
    /// with GPU allocation on (resources.gpus.enabled, its default) unless gpuResourcesEnabledOverride says the device
    /// plugin is gone from those nodes, because both would advertise the same GPUs. Removing the GPU operator's device
    /// plugin breaks every nvidia.com/gpu request the platform is built on — the tenants' ResourceQuotas and Kueue GPU
    /// quotas, the ml golden paths, KAITO and KServe pods — until KEP 5004 (DRAExtendedResource: a DeviceClass's
    /// extendedResourceName serving nvidia.com/gpu requests through DRA) is on, which is alpha in Kubernetes 1.34 and needs
    /// feature gates on the API server, scheduler, controller manager and kubelet that AKS does not let a cluster set.
    /// </summary>
    public static readonly string DraReason =
        $"not consistent at these versions: NVIDIA's DRA driver for GPUs (chart {Pins.NvidiaDraDriverGpu.Name} {Pins.NvidiaDraDriverGpu.Version}) refuses to run GPU allocation beside the GPU operator's device plugin on the same nodes " +
        $"(templates/validation.yaml: both would advertise the same GPUs; gpuResourcesEnabledOverride only after the device plugin is removed), and removing the device plugin removes {JustInTimeCapacity.GpuResource}, " +
        "which the tenants' GPU ResourceQuotas, Kueue's GPU quotas, the ml golden paths and KAITO/KServe pods request; DRA could serve those requests only with KEP 5004 (DRAExtendedResource, " +
        "DeviceClass extendedResourceName), alpha in Kubernetes 1.34 behind feature gates on the API server, scheduler, controller manager and kubelet, which AKS does not expose. " +
        "So GPUs stay on the device plugin (no double advertising) and no GPU DeviceClass exists; the API group resource.k8s.io/v1 is served (Kubernetes 1.34+) for other drivers";

    private static AiRequirementResult Dra(AiRequirement r, GraphView view) =>
        view.Release(JustInTimeCapacity.GpuOperatorRelease) is { } gpu
            ? Result(r, PartiallyImplemented, [Describe(gpu)], [], DraReason)
            : Result(r, NotImplemented, [], [], "no accelerator driver in this stack");

    private static AiRequirementResult ClusterAutoscaling(AiRequirement r, GraphView view)
    {
        if (!view.Graph.Config.IsAzure)
            return Result(r, NotApplicable, view.Release(JustInTimeCapacity.GpuOperatorRelease) is { } g ? [Describe(g)] : [], [],
                "adding nodes is the existing cluster's provider's (Cluster Autoscaling does not apply to target existing); GPUs are served on the nodes it has");
        return view.Graph.Resources.OfType<KubernetesClusterNodePool>().SingleOrDefault(p => p.Name == JustInTimeCapacity.GpuPoolResource) is { } pool
            ? Result(r, Implemented, [view.Graph.OwnerOf(pool.Name).Id], [$"KubernetesClusterNodePool {pool.Name} ({pool.Pool.VmSize}, {pool.Pool.MinCount} to {pool.Pool.MaxCount} nodes)"],
                $"the AKS cluster autoscaler scales the GPU pool from zero when a pod requests {JustInTimeCapacity.GpuResource} and tolerates {JustInTimeCapacity.GpuTaint}")
            : Result(r, NotImplemented, [], [], "no GPU node pool in this stack");
    }

    private static AiRequirementResult Result(AiRequirement r, string status, IEnumerable<string> components, IEnumerable<string> objects, string notes) =>
        new(r, status, [.. components.Distinct(StringComparer.Ordinal)], [.. objects], notes);

    private static string Describe(HelmRelease release) => $"{release.ReleaseName} (chart {release.Chart.Name.Split('/')[^1]} {release.Chart.Version}, namespace {release.Namespace})";

    private sealed class GraphView(PlatformGraph graph)
    {
        public PlatformGraph Graph => graph;

        private readonly ImmutableHashSet<string> _groups = [.. graph.Resources.OfType<HelmRelease>().SelectMany(r => r.ProvidesApiGroups)];

        public bool Installs(string group) => _groups.Contains(group)
            || (group == "keda.sh" && graph.Resources.OfType<KubernetesCluster>().Any(c => c.WorkloadAutoscalerProfile?.KedaEnabled == true));

        public HelmRelease? Release(string name) =>
            graph.Resources.OfType<HelmRelease>().FirstOrDefault(r => r.ReleaseName == name && r.Cluster == ClusterRef.PrimaryKey);

        public IEnumerable<string> ReleasesProviding(string group) =>
            graph.Resources.OfType<HelmRelease>().Where(r => r.Cluster == ClusterRef.PrimaryKey && r.ProvidesApiGroups.Contains(group)).Select(Describe);

        /// <summary>The inference operator's releases (KAITO on azure, KServe on existing).</summary>
        public IEnumerable<string> InferenceOperators() =>
            graph.Resources.OfType<HelmRelease>()
                .Where(r => r.Cluster == ClusterRef.PrimaryKey && (r.ReleaseName == ModelServing.KaitoRelease || r.ReleaseName == ModelServing.KServeRelease))
                .Select(Describe);

        public IEnumerable<string> KedaComponents()
        {
            foreach (var release in graph.Resources.OfType<HelmRelease>().Where(r => r.Cluster == ClusterRef.PrimaryKey && (r.ProvidesApiGroups.Contains("keda.sh") || r.ProvidesApiGroups.Contains(KedaHttpAddOn.ApiGroup))))
                yield return Describe(release);
            if (graph.Resources.OfType<KubernetesCluster>().Any(c => c.WorkloadAutoscalerProfile?.KedaEnabled == true))
                yield return "AKS KEDA add-on (WorkloadAutoscalerProfile.KedaEnabled)";
        }

        public IEnumerable<string> Objects(params string[] kinds) => Objects(kinds, null);

        public IEnumerable<string> Objects(string kind, string name) => Objects([kind], name);

        private IEnumerable<string> Objects(string[] kinds, string? name) =>
            graph.Resources.OfType<KubernetesResource>()
                .Where(o => o.Cluster == ClusterRef.PrimaryKey && kinds.Contains(o.Kind) && (name is null || o.ObjectName == name))
                .Select(o => o.Namespace is { } ns ? $"{o.Kind} {ns}/{o.ObjectName}" : $"{o.Kind} {o.ObjectName}")
                .Order(StringComparer.Ordinal);
    }
}
