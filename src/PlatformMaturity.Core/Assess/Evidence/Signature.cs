namespace PlatformMaturity.Assess.Evidence;

/// <summary>
/// How a platform component shows on any cluster, whoever installed it: the charts that install it (helm.sh/chart
/// on its workloads, or a Helm release of that name), the names its workloads carry (app.kubernetes.io/name or
/// k8s-app, as managed add-ons label them) and the CRDs it brings.
/// </summary>
public sealed record Signature(string Component, IReadOnlyList<string> Charts, IReadOnlyList<string> Workloads, IReadOnlyList<string> Definitions)
{
    public static Signature Of(string component, string[]? charts = null, string[]? workloads = null, string[]? definitions = null) =>
        new(component, charts ?? [], workloads ?? [], definitions ?? []);
}

/// <summary>A component found on the cluster and the objects that show it.</summary>
public sealed record Sighting(string Component, IReadOnlyList<string> Evidence)
{
    public override string ToString() => $"{Component} ({string.Join(", ", Evidence.Take(3))}{(Evidence.Count > 3 ? $", +{Evidence.Count - 3}" : "")})";
}

/// <summary>The signatures of the components the rules look for, defined once.</summary>
public static class Components
{
    public static readonly Signature TrivyOperator = Signature.Of("Trivy Operator", ["trivy-operator"], ["trivy-operator"], ["vulnerabilityreports.aquasecurity.github.io"]);
    public static readonly Signature Kubescape = Signature.Of("Kubescape", ["kubescape-operator"], ["kubescape"], ["vulnerabilitymanifests.spdx.softwarecomposition.kubescape.io"]);
    public static readonly Signature DefenderSensor = Signature.Of("Microsoft Defender sensor", workloads: ["microsoft-defender-collector-ds", "microsoft-defender-publisher-ds"]);
    public static readonly Signature Prometheus = Signature.Of("Prometheus", ["kube-prometheus-stack", "prometheus", "victoria-metrics-k8s-stack"], ["prometheus", "kube-prometheus-stack-prometheus-operator", "prometheus-operator", "prometheus-server"], ["prometheuses.monitoring.coreos.com"]);
    public static readonly Signature AzureMonitor = Signature.Of("Azure Monitor agents (Container Insights / managed Prometheus)", workloads: ["ama-logs", "ama-metrics", "ama-metrics-node"]);
    public static readonly Signature LogPipeline = Signature.Of("Loki / Alloy / Fluent Bit / Vector", ["loki", "alloy", "promtail", "fluent-bit", "fluentd", "vector", "opentelemetry-collector", "elastic-agent"], ["loki", "alloy", "promtail", "fluent-bit", "fluentd", "vector", "ama-logs"]);
    public static readonly Signature MetricsServer = Signature.Of("metrics-server", ["metrics-server"], ["metrics-server"]);
    public static readonly Signature Keda = Signature.Of("KEDA", ["keda"], ["keda-operator", "keda"], ["scaledobjects.keda.sh"]);
    public static readonly Signature Vpa = Signature.Of("Vertical Pod Autoscaler", ["vpa", "vertical-pod-autoscaler"], ["vpa-recommender", "vpa"], ["verticalpodautoscalers.autoscaling.k8s.io"]);
    public static readonly Signature ClusterAutoscaler = Signature.Of("cluster autoscaler", ["cluster-autoscaler"], ["cluster-autoscaler"]);
    public static readonly Signature Karpenter = Signature.Of("Karpenter / node auto-provisioning", ["karpenter"], ["karpenter"], ["nodepools.karpenter.sh"]);
    public static readonly Signature GpuDevices = Signature.Of("NVIDIA GPU operator / device plugin", ["gpu-operator", "nvidia-device-plugin"], ["gpu-operator", "nvidia-device-plugin-daemonset"], ["clusterpolicies.nvidia.com"]);
    public static readonly Signature Kueue = Signature.Of("Kueue", ["kueue"], ["kueue-controller-manager"], ["clusterqueues.kueue.x-k8s.io"]);
    public static readonly Signature Kaito = Signature.Of("KAITO (AI toolchain operator)", ["workspace", "kaito-workspace"], ["workspace", "kaito-workspace"], ["inferencesets.kaito.sh", "workspaces.kaito.sh"]);
    public static readonly Signature KServe = Signature.Of("KServe", ["kserve", "kserve-crd"], ["kserve-controller-manager"], ["inferenceservices.serving.kserve.io"]);
    public static readonly Signature KubeRay = Signature.Of("KubeRay operator", ["kuberay-operator"], ["kuberay-operator"], ["rayclusters.ray.io", "rayjobs.ray.io"]);
    public static readonly Signature CertManager = Signature.Of("cert-manager", ["cert-manager"], ["cert-manager", "cert-manager-webhook", "cert-manager-cainjector"], ["certificates.cert-manager.io"]);
    public static readonly Signature KedaHttpAddOn = Signature.Of("KEDA HTTP add-on", ["keda-add-ons-http"], ["keda-add-ons-http-interceptor"], ["interceptorroutes.http.keda.sh"]);
    public static readonly Signature ExternalSecrets = Signature.Of("External Secrets Operator", ["external-secrets"], ["external-secrets"], ["clustersecretstores.external-secrets.io", "externalsecrets.external-secrets.io"]);
    public static readonly Signature SecretsStoreCsi = Signature.Of("Secrets Store CSI driver", ["secrets-store-csi-driver", "csi-secrets-store-provider-azure"], ["secrets-store-csi-driver", "csi-secrets-store-provider-azure", "aks-secrets-store-csi-driver"], ["secretproviderclasses.secrets-store.csi.x-k8s.io"]);
    public static readonly Signature VaultInjector = Signature.Of("Vault agent injector", ["vault"], ["vault-agent-injector"]);
    public static readonly Signature Velero = Signature.Of("Velero", ["velero"], ["velero"], ["schedules.velero.io"]);
    public static readonly Signature ArgoRollouts = Signature.Of("Argo Rollouts", ["argo-rollouts"], ["argo-rollouts"], ["rollouts.argoproj.io"]);
    public static readonly Signature Flagger = Signature.Of("Flagger", ["flagger"], ["flagger"], ["canaries.flagger.app"]);
    public static readonly Signature OtelOperator = Signature.Of("OpenTelemetry Operator", ["opentelemetry-operator"], ["opentelemetry-operator"], ["instrumentations.opentelemetry.io"]);
    public static readonly Signature TraceBackend = Signature.Of("Tempo / Jaeger", ["tempo", "tempo-distributed", "jaeger"], ["tempo", "jaeger"]);
    public static readonly Signature ArgoCd = Signature.Of("Argo CD", ["argo-cd"], ["argocd-application-controller", "argocd-server"], ["applications.argoproj.io"]);
    public static readonly Signature Flux = Signature.Of("Flux", ["flux2"], ["kustomize-controller", "helm-controller"], ["kustomizations.kustomize.toolkit.fluxcd.io"]);
    public static readonly Signature Istio = Signature.Of("Istio", ["istiod", "base", "istio-base"], ["istiod"], ["peerauthentications.security.istio.io"]);
    public static readonly Signature Linkerd = Signature.Of("Linkerd", ["linkerd-control-plane"], ["linkerd-destination", "linkerd-identity"]);
    public static readonly Signature Falco = Signature.Of("Falco", ["falco"], ["falco"]);
    public static readonly Signature Tetragon = Signature.Of("Tetragon", ["tetragon"], ["tetragon"], ["tracingpolicies.cilium.io"]);
    public static readonly Signature ChaosMesh = Signature.Of("Chaos Mesh", ["chaos-mesh"], ["chaos-controller-manager"], ["podchaos.chaos-mesh.org"]);
    public static readonly Signature Litmus = Signature.Of("LitmusChaos", ["litmus"], ["chaos-operator-ce", "litmus"], ["chaosengines.litmuschaos.io"]);
    public static readonly Signature Goldilocks = Signature.Of("Goldilocks", ["goldilocks"], ["goldilocks-controller", "goldilocks-dashboard"]);
    public static readonly Signature OpenCost = Signature.Of("OpenCost / Kubecost", ["opencost", "cost-analyzer"], ["opencost", "kubecost-cost-analyzer", "cost-analysis-agent"]);
    public static readonly Signature IngressControllers = Signature.Of("ingress controller", ["ingress-nginx", "traefik", "gateway-helm", "contour", "haproxy-ingress", "kong"], ["ingress-nginx", "traefik", "envoy-gateway", "contour", "kong"]);
    public static readonly Signature Backstage = Signature.Of("Backstage", ["backstage"], ["backstage"]);
    public static readonly Signature Capsule = Signature.Of("Capsule", ["capsule"], ["capsule"], ["tenants.capsule.clastix.io"]);
    public static readonly Signature Hubble = Signature.Of("Hubble (Cilium flow logs)", workloads: ["hubble-relay", "retina-agent"]);
    public static readonly Signature Cilium = Signature.Of("Cilium", ["cilium"], ["cilium", "cilium-agent", "cilium-operator"], ["ciliumnetworkpolicies.cilium.io"]);
    public static readonly Signature Sloth = Signature.Of("Sloth", ["sloth"], ["sloth"], ["prometheusservicelevels.sloth.slok.dev"]);
    public static readonly Signature Pyrra = Signature.Of("Pyrra", ["pyrra"], ["pyrra"], ["servicelevelobjectives.pyrra.dev"]);
    public static readonly Signature Kyverno = Signature.Of("Kyverno", ["kyverno"], ["kyverno-admission-controller", "kyverno"], ["clusterpolicies.kyverno.io"]);
    public static readonly Signature SigstorePolicyController = Signature.Of("Sigstore policy-controller", ["policy-controller"], ["policy-controller-webhook"], ["clusterimagepolicies.policy.sigstore.dev"]);
    public static readonly Signature WorkloadIdentityWebhook = Signature.Of("workload identity webhook", ["workload-identity-webhook"], ["azure-wi-webhook-controller-manager", "pod-identity-webhook"]);
}
