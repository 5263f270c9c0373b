using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>
/// Level 5 inference (Just-in-time Capacity): the operator that turns an ml-inference app into GPU model-server pods.
/// azure — KAITO, the AI toolchain operator (chart workspace 0.12.0), whose InferenceSet (kaito.sh/v1beta1) has a
/// replica count and a scale subresource, so KEDA can scale it (a Workspace has a fixed count); existing — KServe
/// (chart v0.16.0, Standard deployment mode: plain Deployments, no Knative) with its InferenceService.
/// </summary>
/// <remarks>
/// Who provisions the GPU nodes of inference: the platform's GPU pool, not KAITO. KAITO runs in its BYO-nodes mode
/// (featureGates.disableNodeAutoProvisioning, nodeProvisioner byo): an InferenceSet selects the GPU pool's label and names
/// no instanceType, so its pods pend on the tainted pool and the cluster autoscaler starts a GPU node from zero, with
/// the driver, device plugin and feature discovery of the GPU operator — one owner for each node component. The AKS
/// add-on (KubernetesClusterArgs.AiToolchainOperatorEnabled, present in Pulumi.Azure 6.39) is left off on purpose: it
/// runs KAITO with its own node provisioner (gpu-provisioner creating GPU agent pools with AKS-installed drivers), a
/// second owner of GPU nodes and drivers beside the GPU pool and the GPU operator, and its feature gates are not
/// configurable. KAITO's own GPU feature discovery, NFD and device plugin are off (chart README "NVIDIA GPU Operator
/// Coexistence"): the GPU operator runs them, and two device plugins would advertise the same GPUs twice.
/// </remarks>
public static class ModelServing
{
    public const string KaitoRelease = "kaito-workspace";
    public const string KaitoNamespace = "kaito-workspace";
    public const string KaitoApiGroup = "kaito.sh";

    /// <summary>KAITO controller pods (chart 0.12.0 kaito.selectorLabels: the chart name and the release).</summary>
    public static readonly (string Key, string Value)[] KaitoPods = [("app.kubernetes.io/name", "workspace"), ("app.kubernetes.io/instance", KaitoRelease)];

    /// <summary>KAITO's admission webhook port (chart 0.12.0 webhook.port).</summary>
    public const int KaitoWebhookPort = 9443;

    public const string KServeCrdRelease = "kserve-crd";
    public const string KServeRelease = "kserve";
    public const string KServeNamespace = "kserve";
    public const string KServeApiGroup = "serving.kserve.io";

    /// <summary>KServe controller pods and webhook port (chart v0.16.0 templates/deployment.yaml).</summary>
    public static readonly (string Key, string Value)[] KServePods = [("control-plane", "kserve-controller-manager")];

    public const int KServeWebhookPort = 9443;

    /// <summary>
    /// KServe's deployment mode: Standard (v0.16.0 pkg/constants; formerly RawDeployment) makes a Deployment and Service
    /// per predictor, without Knative, so KEDA scales it like any other app.
    /// </summary>
    public const string KServeDeploymentMode = "Standard";

    /// <summary>The API group of the inference kind on a target (the ml-inference golden path renders that kind).</summary>
    public static string ApiGroupOn(bool azure) => azure ? KaitoApiGroup : KServeApiGroup;

    public static void Add(ComponentBuilder component)
    {
        if (component.IsAzure)
            AddKaito(component);
        else
            AddKServe(component);
    }

    private static void AddKaito(ComponentBuilder component)
    {
        component.AddPlatformNamespace(KaitoNamespace);
        // Keys checked at chart 0.12.0 (tests/TestData/chart-values/workspace-0.12.0.keys).
        var values = HelmValues.From(
            // BYO nodes: the platform's GPU pool (from zero, cluster autoscaler) is the only source of GPU nodes.
            ("featureGates.disableNodeAutoProvisioning", true),
            ("nodeProvisioner", "byo"),
            ("featureGates.enableInferenceSetController", true),
            // The GPU operator runs NFD, GPU feature discovery and the device plugin on the GPU pool.
            ("gpu-feature-discovery.nfd.enabled", false),
            ("gpu-feature-discovery.gfd.enabled", false),
            ("nvidiaDevicePlugin.enabled", false),
            // Azure Container Storage's local NVMe driver: the GPU pool's NC T4 sizes have no local NVMe, and its images pull Always.
            ("localCSIDriver.useLocalCSIDriver", false));
        component.AddRelease(KaitoRelease, KaitoNamespace, Pins.KaitoWorkspace, values,
            providesApiGroups: [KaitoApiGroup], dependsOn: [JustInTimeCapacity.GpuOperatorRelease], createNamespace: false);
        component.Note($"Inference (KAITO {Pins.KaitoWorkspace.Version}, BYO nodes): an InferenceSet selects {JustInTimeCapacity.GpuNodeLabel}={JustInTimeCapacity.GpuNodeLabelValue}, so its pods run on the GPU pool, which the cluster autoscaler starts from zero; KEDA scales the InferenceSet (kubectl get inferencesets,workspaces -n <tenant>). The AKS AI toolchain operator add-on stays off: it would provision its own GPU nodes and drivers.");
    }

    private static void AddKServe(ComponentBuilder component)
    {
        var certManager = PlatformCertManager.Ensure(component);
        component.AddPlatformNamespace(KServeNamespace);
        component.AddRelease(KServeCrdRelease, KServeNamespace, Pins.KServeCrd, HelmValues.Empty,
            providesApiGroups: [KServeApiGroup], createNamespace: false);
        // Keys checked at chart v0.16.0 (tests/TestData/chart-values/kserve-v0.16.0.keys).
        var values = HelmValues.From(
            ("kserve.controller.deploymentMode", KServeDeploymentMode),
            // The app's own HTTPRoute on the platform Gateway carries its traffic (ml-inference golden path); KServe creates no Ingress or route.
            ("kserve.controller.gateway.disableIngressCreation", true));
        component.AddRelease(KServeRelease, KServeNamespace, Pins.KServe, values,
            dependsOn: [.. certManager, KServeCrdRelease], createNamespace: false);
        component.Note($"Inference (KServe {Pins.KServe.Version}, {KServeDeploymentMode} mode): an InferenceService's predictor is a Deployment <name>-predictor on the GPU nodes, scaled by KEDA (kubectl get inferenceservices -n <tenant>); cert-manager ({Pins.CertManager.Version}) issues KServe's webhook certificate.");
    }
}
