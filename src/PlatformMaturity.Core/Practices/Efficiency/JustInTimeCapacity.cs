using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>
/// Level 5: capacity that exists only while work asks for it. GPUs from zero — on azure a GPU node pool the cluster
/// autoscaler (Cluster Autoscaling) starts from zero nodes when a pod requests nvidia.com/gpu, tainted so only pods that
/// ask for GPUs land there — with the NVIDIA GPU operator advertising the GPUs (device plugin), installing the driver
/// (the pool's AKS driver install is off, one owner per node component) and exporting DCGM metrics; and Kueue, which
/// holds each tenant's training Jobs until its queue has quota, so a burst of jobs waits instead of failing.
/// </summary>
/// <remarks>
/// Why a GPU pool from zero and not AKS Node Auto Provisioning: NAP cannot run beside the cluster autoscaler that
/// Cluster Autoscaling (also a Level 5 practice) turns on for every pool, and it fixes the cluster's outbound type; the
/// switch is a migration of every pool, not an add-on. The pool from zero gives the same "no GPU bill while idle".
/// On existing, node provisioning is the provider's (Karpenter has no generic provider): the GPU operator serves the
/// GPUs the cluster's nodes have and Kueue queues work against the quota, and describe/plan say so.
/// </remarks>
public sealed class JustInTimeCapacity : PracticeComponent
{
    public const string PracticeName = "Just-in-time Capacity";

    /// <summary>The extended resource GPU pods request (the NVIDIA device plugin advertises it).</summary>
    public const string GpuResource = "nvidia.com/gpu";

    /// <summary>GPU nodes are tainted &lt;GpuResource&gt;=present:NoSchedule; the GPU operator's DaemonSets tolerate the key (chart daemonsets.tolerations).</summary>
    public const string GpuTaintKey = GpuResource;

    public const string GpuTaintValue = "present";

    public const string GpuTaint = GpuTaintKey + "=" + GpuTaintValue + ":NoSchedule";

    /// <summary>
    /// The label of GPU nodes: GPU feature discovery (GPU operator) sets it on every node with an NVIDIA GPU, and the
    /// azure GPU pool carries it from creation, so the cluster autoscaler knows a pending pod selecting it fits the pool.
    /// </summary>
    public const string GpuNodeLabel = "nvidia.com/gpu.present";

    public const string GpuNodeLabelValue = "true";

    /// <summary>Graph name and AKS name of the GPU node pool.</summary>
    public const string GpuPoolResource = "aks-gpu-pool";

    public const string GpuPoolName = "gpu";

    public const string GpuOperatorRelease = "gpu-operator";
    public const string GpuOperatorNamespace = "gpu-operator";

    public const string KueueRelease = "kueue";
    public const string KueueNamespace = "kueue-system";

    /// <summary>The API group of Kueue's kinds (ResourceFlavor, ClusterQueue, LocalQueue).</summary>
    public const string KueueApiGroup = "kueue.x-k8s.io";

    public const string KueueApiVersion = KueueApiGroup + "/v1beta2";

    /// <summary>Jobs name the LocalQueue of their namespace they wait in with this label (Kueue's queue-name label).</summary>
    public const string QueueLabel = "kueue.x-k8s.io/queue-name";

    /// <summary>The LocalQueue every tenant namespace has (the training golden path's default queue).</summary>
    public const string DefaultLocalQueue = "default";

    /// <summary>The cohort of the tenants' ClusterQueues.</summary>
    public const string Cohort = "platform";

    /// <summary>ResourceFlavors: any node, and GPU nodes (node label and taint above).</summary>
    public const string DefaultFlavor = "default";
    public const string GpuFlavor = "gpu";

    /// <summary>The ResourceQuota capping a tenant's GPUs (queued or not).</summary>
    public const string GpuQuotaName = "tenant-gpus";

    /// <summary>The Kueue controller's webhook and visibility API ports (chart 0.19.2 templates/manager/manager.yaml).</summary>
    public const int KueueWebhookPort = 9443;
    public const int KueueVisibilityPort = 8082;

    /// <summary>The Kueue controller's pod label (chart 0.19.2 kueue.selectorLabels).</summary>
    public static readonly (string Key, string Value)[] KueuePods = [("control-plane", "controller-manager")];

    /// <summary>GPUs a tenant of each tier may hold at once (ResourceQuota and ClusterQueue quota).</summary>
    public static int GpusFor(TenantTier tier) => tier switch
    {
        TenantTier.Small => 1,
        TenantTier.Medium => 2,
        TenantTier.Large => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(tier)),
    };

    /// <summary>A tenant's ClusterQueue is named after the tenant.</summary>
    public static string ClusterQueueName(string tenant) => tenant;

    public override string Practice => PracticeName;

    public override Implementation Implementation => new(
        Existing: $"GPUs the cluster's nodes have, served by the NVIDIA GPU operator (chart {Pins.GpuOperator.Version}; the nodes' own driver, device plugin, DCGM exporter) and Kueue (chart {Pins.Kueue.Version}): per tenant a ClusterQueue in cohort {Cohort} with its tier's CPU, memory and GPU quota, a LocalQueue '{DefaultLocalQueue}' and a GPU ResourceQuota; KubeRay (chart {Pins.KubeRayOperator.Version}) for Ray jobs Kueue admits; KServe (chart {Pins.KServe.Version}, with cert-manager {Pins.CertManager.Version}) for InferenceServices. Adding nodes is the provider's (Karpenter has no provider for an arbitrary cluster)",
        Azure: $"A GPU node pool (platform:gpuNodeVmSize) autoscaled from 0 to platform:gpuNodeMaxCount nodes, tainted {GpuTaint} and labelled {GpuNodeLabel}={GpuNodeLabelValue}, with the NVIDIA GPU operator (chart {Pins.GpuOperator.Version}) installing the driver (the pool's AKS driver install is off) and Kueue (chart {Pins.Kueue.Version}): per tenant a ClusterQueue in cohort {Cohort} with its tier's CPU, memory and GPU quota, a LocalQueue '{DefaultLocalQueue}' and a GPU ResourceQuota; KubeRay (chart {Pins.KubeRayOperator.Version}) for Ray jobs Kueue admits; KAITO (chart {Pins.KaitoWorkspace.Version}, BYO nodes: its InferenceSets run on the GPU pool; the AKS AI toolchain operator add-on stays off, as it would provision GPU nodes and drivers of its own)");

    public override void Build(ComponentBuilder component)
    {
        if (component.IsAzure)
            AddGpuPool(component);
        AddGpuOperator(component);
        RayOperator.Add(component);
        AddKueue(component);
        ModelServing.Add(component);
        component.Note($"A pod gets a GPU with resources.limits {GpuResource}: 1 and a toleration of {GpuTaint} (the ml golden paths add both); kubectl get nodes -l {GpuNodeLabel}={GpuNodeLabelValue} -o custom-columns=NAME:.metadata.name,GPUS:.status.allocatable.nvidia\\.com/gpu");
        component.Note($"Queued training: label a Job {QueueLabel}: {DefaultLocalQueue}; see what waits: kubectl get workloads -n <tenant>, kubectl get clusterqueue <tenant> -o wide.");
    }

    private static void AddGpuPool(ComponentBuilder component)
    {
        var config = component.Config;
        component.Add(new KubernetesClusterNodePool
        {
            Name = GpuPoolResource,
            Provenance = component.Provenance,
            Cluster = Foundation.ClusterName,
            Mode = "User",
            // GPU nodes run Ubuntu: the GPU operator's driver containers are built for it (AzureLinux is not a supported driver OS).
            Pool = NodePool.FromZero(GpuPoolName, config.GpuNodeVmSize, config.Zones, config.GpuNodeMaxCount) with { OsSku = "Ubuntu" },
            // One owner of the driver: the GPU operator installs it, so AKS must not (Pulumi.Azure 6.39 gpu_driver "None").
            GpuDriver = "None",
            NodeTaints = [GpuTaint],
            NodeLabels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(GpuNodeLabel, GpuNodeLabelValue)]),
            Tags = StandardLabels.AzureTags(config, component.Provenance),
        });
        component.Note($"The GPU pool ({config.GpuNodeVmSize}) scales from 0 to {config.GpuNodeMaxCount} nodes ({ConfigKeys.GpuNodeVmSize.FullName}, {ConfigKeys.GpuNodeMaxCount.FullName}); a first GPU pod waits a few minutes for its node and driver. Check the region's GPU quota first: az vm list-usage -l <region> -o table | grep -i NC");
    }

    private static void AddGpuOperator(ComponentBuilder component)
    {
        component.AddPlatformNamespace(GpuOperatorNamespace);
        var values = HelmValues.From(
                ("operator.version", Pins.GpuOperatorImageTag),
                ("validator.version", Pins.GpuOperatorImageTag),
                // azure: the operator installs the driver on the GPU pool (whose AKS driver install is off); existing: the
                // nodes' own driver, the way GPU clusters ship (a second driver would fight the first).
                ("driver.enabled", component.IsAzure),
                ("toolkit.enabled", true),
                ("devicePlugin.enabled", true),
                // The namespace's Pod Security labels come from the platform (privileged, PodSecurity), not the chart.
                ("psa.enabled", false),
                // accelerator metrics (DCGM exporter) for the platform's Prometheus.
                ("dcgmExporter.enabled", true))
            .With("dcgmExporter.serviceMonitor.enabled", component.HasMonitoring);
        if (component.HasMonitoring)
            values = values.With("dcgmExporter.serviceMonitor.additionalLabels.release", WellKnown.PrometheusStackRelease);
        component.AddRelease(GpuOperatorRelease, GpuOperatorNamespace, Pins.GpuOperator, values,
            providesApiGroups: ["nvidia.com", "nfd.k8s-sigs.io"], createNamespace: false);
        component.Note($"The GPU operator's driver, toolkit and device plugin DaemonSets run privileged on GPU nodes only, so {GpuOperatorNamespace} is a privileged namespace; kubectl get pods -n {GpuOperatorNamespace} -o wide.");
    }

    private static void AddKueue(ComponentBuilder component)
    {
        var config = component.Config;
        component.AddPlatformNamespace(KueueNamespace);
        var values = HelmValues.From(
                ("controllerManager.manager.image.repository", Pins.KueueImageRepository),
                ("controllerManager.manager.image.tag", Pins.KueueImageTag),
                ("controllerManager.manager.image.pullPolicy", "IfNotPresent"),
                // Its webhook admits every Job: two replicas and a disruption budget keep job submission up during node drains.
                ("controllerManager.replicas", 2),
                ("controllerManager.podDisruptionBudget.enabled", true),
                ("controllerManager.podDisruptionBudget.minAvailable", 1))
            .With("enablePrometheus", component.HasMonitoring)
            .With("managerConfig.controllerManagerConfigYaml", ManagerConfig);
        if (component.Implements(AdvancedResourcesManagementName))
            values = values.With("controllerManager.manager.priorityClassName", AdvancedResourcesManagement.PlatformCritical);
        // After KubeRay: Kueue's ray.io integrations need its CRDs.
        component.AddRelease(KueueRelease, KueueNamespace, Pins.Kueue, values, providesApiGroups: [KueueApiGroup],
            dependsOn: [RayOperator.Release], createNamespace: false);

        component.AddObject(Flavor(DefaultFlavor, null));
        component.AddObject(Flavor(GpuFlavor, new JsonObject
        {
            ["nodeLabels"] = new JsonObject { [GpuNodeLabel] = GpuNodeLabelValue },
            ["tolerations"] = new JsonArray(new JsonObject
            {
                ["key"] = GpuTaintKey, ["operator"] = "Equal", ["value"] = GpuTaintValue, ["effect"] = "NoSchedule",
            }),
        }));
        foreach (var tenant in config.Tenants)
        {
            component.AddObject(ClusterQueue(tenant));
            component.AddObject(new CustomObject
            {
                ApiVersion = KueueApiVersion,
                Kind = "LocalQueue",
                Metadata = new V1ObjectMeta { Name = DefaultLocalQueue, NamespaceProperty = tenant.Name },
                Spec = new JsonObject { ["clusterQueue"] = ClusterQueueName(tenant.Name) },
            });
            component.AddObject(new V1ResourceQuota
            {
                ApiVersion = "v1",
                Kind = "ResourceQuota",
                Metadata = new V1ObjectMeta { Name = GpuQuotaName, NamespaceProperty = tenant.Name },
                Spec = new V1ResourceQuotaSpec
                {
                    Hard = new Dictionary<string, ResourceQuantity> { [$"requests.{GpuResource}"] = new(GpusFor(tenant.Tier).ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                },
            });
        }
        component.Note($"GPUs per tenant by tier: small {GpusFor(TenantTier.Small)}, medium {GpusFor(TenantTier.Medium)}, large {GpusFor(TenantTier.Large)} (ResourceQuota {GpuQuotaName} and the tenant's ClusterQueue). Borrowing within cohort {Cohort} is 0 while the ResourceQuotas are the hard cap: raise both together.");
    }

    private const string AdvancedResourcesManagementName = "Advanced Resources Management";

    /// <summary>How long an admitted Job's pods may take to be ready before Kueue evicts and requeues it (a GPU node from zero plus its driver take minutes).</summary>
    public const string PodsReadyTimeout = "20m";

    /// <summary>
    /// Kueue's configuration: the chart 0.19.2 default (values.yaml managerConfig.controllerManagerConfigYaml, the same
    /// ports, leader election and client limits) with three changes. waitForPodsReady on (config v1beta2: present means
    /// enabled): all or nothing — a Job whose pods are not all ready in time gives its quota back and is requeued, so two
    /// half-started gangs cannot hold each other's GPUs. Only batch/v1 Jobs are managed (the golden path's kind; no pod,
    /// Deployment or StatefulSet webhook on every pod) and KubeRay's RayJobs and RayClusters (RayOperator), and only in tenant namespaces (platform Jobs are never queued).
    /// </summary>
    public static readonly string ManagerConfig = $$"""
        apiVersion: config.kueue.x-k8s.io/v1beta2
        kind: Configuration
        health:
          healthProbeBindAddress: :8081
        metrics:
          bindAddress: :8443
        webhook:
          port: {{KueueWebhookPort}}
        leaderElection:
          leaderElect: true
          resourceName: c1f6bfd2.kueue.x-k8s.io
        controller:
          groupKindConcurrency:
            Job.batch: 5
            Pod: 5
            Workload.kueue.x-k8s.io: 10
            LocalQueue.kueue.x-k8s.io: 5
            ClusterQueue.kueue.x-k8s.io: 5
            ResourceFlavor.kueue.x-k8s.io: 1
        clientConnection:
          qps: 300
          burst: 500
        waitForPodsReady:
          timeout: {{PodsReadyTimeout}}
          blockAdmission: false
          requeuingStrategy:
            timestamp: Eviction
            backoffBaseSeconds: 60
            backoffMaxSeconds: 3600
        managedJobsNamespaceSelector:
          matchExpressions:
            - key: {{HardMultiTenancy.TenantLabel}}
              operator: Exists
        integrations:
          frameworks:
            - "batch/job"
            - "ray.io/rayjob"
            - "ray.io/raycluster"
        """;

    private static CustomObject Flavor(string name, JsonObject? spec) => new()
    {
        ApiVersion = KueueApiVersion,
        Kind = "ResourceFlavor",
        Metadata = new V1ObjectMeta { Name = name },
        Spec = spec ?? new JsonObject(),
    };

    /// <summary>
    /// A tenant's ClusterQueue: only its own namespace may submit (namespaceSelector on the tenant label, which tenants
    /// cannot set on other namespaces), its tier's CPU and memory (the same as its ResourceQuota, so Kueue never admits a
    /// Job whose pods the quota would refuse) and GPUs on the GPU flavor; lower-priority work of its own is preempted first.
    /// </summary>
    private static CustomObject ClusterQueue(Tenant tenant)
    {
        var quota = BasicResourcesManagement.QuotaFor(tenant.Tier);
        var gpus = GpusFor(tenant.Tier).ToString(System.Globalization.CultureInfo.InvariantCulture);
        JsonObject Resource(string name, string nominal) => new()
        {
            ["name"] = name, ["nominalQuota"] = nominal, ["borrowingLimit"] = "0",
        };
        JsonObject FlavorQuota(string flavor, string gpu) => new()
        {
            ["name"] = flavor,
            ["resources"] = new JsonArray(Resource("cpu", quota.RequestsCpu), Resource("memory", quota.RequestsMemory), Resource(GpuResource, gpu)),
        };
        return new CustomObject
        {
            ApiVersion = KueueApiVersion,
            Kind = "ClusterQueue",
            Metadata = new V1ObjectMeta { Name = ClusterQueueName(tenant.Name) },
            Spec = new JsonObject
            {
                ["cohortName"] = Cohort,
                ["namespaceSelector"] = new JsonObject
                {
                    ["matchLabels"] = new JsonObject { [HardMultiTenancy.TenantLabel] = tenant.Name },
                },
                ["queueingStrategy"] = "BestEffortFIFO",
                ["preemption"] = new JsonObject { ["withinClusterQueue"] = "LowerPriority", ["reclaimWithinCohort"] = "Never" },
                // CPU-only work tries the default flavor first; a GPU request fits only the GPU flavor (0 GPUs on default).
                ["resourceGroups"] = new JsonArray(new JsonObject
                {
                    ["coveredResources"] = new JsonArray("cpu", "memory", GpuResource),
                    ["flavors"] = new JsonArray(FlavorQuota(DefaultFlavor, "0"), FlavorQuota(GpuFlavor, gpus)),
                }),
            },
        };
    }
}
