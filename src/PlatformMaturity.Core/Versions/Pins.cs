using PlatformMaturity.Graph;

namespace PlatformMaturity.Versions;

/// <summary>
/// Every chart, image and platform version the tool deploys, pinned in this one place (never "latest").
/// NuGet package versions are pinned in Directory.Packages.props. Sources: ../shared/REFERENCE.md.
/// </summary>
public static class Pins
{
    /// <summary>AKS Kubernetes version for new clusters (major.minor; AKS picks the newest patch).</summary>
    public const string AksKubernetesVersion = "1.34";

    /// <summary>The oldest Kubernetes minor version the tool accepts for AKS (older minors are out of AKS support).</summary>
    public const string AksMinimumKubernetesVersion = "1.32";

    /// <summary>General-purpose VM size of the system node pool.</summary>
    public const string AksSystemNodeVmSize = "Standard_D4ds_v5";

    /// <summary>General-purpose VM size of the user node pool tenant workloads run on.</summary>
    public const string AksUserNodeVmSize = "Standard_D4ds_v5";

    /// <summary>
    /// Default VM size of the Level 5 GPU node pool (Just-in-time Capacity): the smallest NC-family size with an NVIDIA
    /// GPU (one T4), so an idle platform costs nothing (the pool scales from zero) and a first model fits.
    /// </summary>
    public const string AksGpuNodeVmSize = "Standard_NC4as_T4_v3";

    /// <summary>OS of AKS nodes (Azure Linux 2.0 is retired).</summary>
    public const string AksOsSku = "AzureLinux3";

    /// <summary>Pod Security Standards version the namespace labels refer to (matches the schemas' Kubernetes version).</summary>
    public const string PodSecurityVersion = "v1.32";

    public static readonly HelmChart MetricsServer = new("https://kubernetes-sigs.github.io/metrics-server/", "metrics-server", "3.13.1");

    /// <summary>metrics-server image tag: the chart's appVersion, set explicitly so the image is pinned here too.</summary>
    public const string MetricsServerImageTag = "v0.8.1";

    /// <summary>
    /// Envoy Gateway, the platform gateway from Level 1 (chart version = release; oci://docker.io/envoyproxy/gateway-helm).
    /// Its crds subchart installs the Gateway API CRDs it bundles (<see cref="GatewayApiVersion"/>) and its own.
    /// Source: envoyproxy/gateway tag v1.9.0 (39763b1c), charts/gateway-helm.
    /// </summary>
    public static readonly HelmChart EnvoyGateway = new("", "oci://docker.io/envoyproxy/gateway-helm", "v1.9.0");

    /// <summary>Gateway API bundle the pinned Envoy Gateway chart installs (bundle-version annotation of its CRDs).</summary>
    public const string GatewayApiVersion = "v1.6.1";

    /// <summary>Envoy Gateway controller image; its shutdown manager sidecar in the proxy pods runs the same image.</summary>
    public const string EnvoyGatewayImage = "docker.io/envoyproxy/gateway:v1.9.0";

    /// <summary>The Envoy proxy image Envoy Gateway v1.9.0 defaults to (api/v1alpha1/shared_types.go DefaultEnvoyProxyImage).</summary>
    public const string EnvoyProxyImage = "docker.io/envoyproxy/envoy:distroless-v1.39.0";

    /// <summary>The rate-limit service image of the v1.9.0 chart (runs only when a rate-limit policy asks for it).</summary>
    public const string EnvoyRateLimitImage = "docker.io/envoyproxy/ratelimit:17b1956c";

    // Levels 2-3, Availability and Delivery. Chart versions pin their default images; images the charts
    // do not provide (Velero plugins) are pinned below.

    /// <summary>Prometheus operator, Prometheus, Alertmanager, kube-state-metrics, node-exporter, Grafana.</summary>
    public static readonly HelmChart KubePrometheusStack = new("https://prometheus-community.github.io/helm-charts", "kube-prometheus-stack", "88.5.3");

    public static readonly HelmChart ArgoRollouts = new("https://argoproj.github.io/argo-helm", "argo-rollouts", "2.41.0");

    /// <summary>
    /// Argo CD v3.4.4 (the chart's appVersion), the GitOps engine from Level 4; its redis-ha subchart is 4.38.0.
    /// Source: argoproj/argo-helm tag argo-cd-10.1.1, charts/argo-cd (Chart.yaml, values.yaml).
    /// </summary>
    public static readonly HelmChart ArgoCd = new("https://argoproj.github.io/argo-helm", "argo-cd", "10.1.1");

    /// <summary>
    /// Kyverno v1.19.0 (the chart's appVersion), installed from Level 4 only for image signature verification
    /// (ImageValidatingPolicy, policies.kyverno.io/v1). Source: kyverno/kyverno tag kyverno-chart-3.9.0, charts/kyverno.
    /// </summary>
    public static readonly HelmChart Kyverno = new("https://kyverno.github.io/kyverno/", "kyverno", "3.9.0");

    /// <summary>Velero 1.18 (the chart's appVersion).</summary>
    public static readonly HelmChart Velero = new("https://vmware-tanzu.github.io/helm-charts", "velero", "12.1.0");

    /// <summary>Object-store plugin for Azure Blob storage, the line matching Velero 1.18.</summary>
    public const string VeleroPluginForAzureImage = "velero/velero-plugin-for-microsoft-azure:v1.14.2";

    /// <summary>Object-store plugin for S3 and S3-compatible stores, the line matching Velero 1.18.</summary>
    public const string VeleroPluginForAwsImage = "velero/velero-plugin-for-aws:v1.14.0";

    public static readonly HelmChart OpenTelemetryOperator = new("https://open-telemetry.github.io/opentelemetry-helm-charts", "opentelemetry-operator", "0.122.0");

    /// <summary>
    /// The collector the platform runs: the otelcol-k8s distribution at the version the operator chart 0.122.0 defaults
    /// to (manager.collectorImage.tag 0.158.0). Its components are listed in Practices/Availability/otelcol-k8s-components.yaml.
    /// </summary>
    public const string OpenTelemetryCollectorImage = OpenTelemetryCollectorRepository + ":" + OpenTelemetryCollectorVersion;

    public const string OpenTelemetryCollectorRepository = "ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-k8s";

    /// <summary>Version of the collector distribution (its release tag is v + this).</summary>
    public const string OpenTelemetryCollectorVersion = "0.158.0";

    /// <summary>
    /// OpenTelemetry auto-instrumentation images, set on every Instrumentation (see TenantPodImages): the defaults of
    /// operator 0.158.0, chart 0.122.0's appVersion (open-telemetry/opentelemetry-operator tag v0.158.0:
    /// internal/config/config.go for the repositories, versions.txt for the tags). Move them with the chart.
    /// </summary>
    public static class AutoInstrumentation
    {
        public const string Java = "ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.30.0";

        public const string NodeJs = "ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-nodejs:0.78.0";

        public const string Python = "ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-python:0.64b0";

        public const string DotNet = "ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-dotnet:1.16.0";
    }

    /// <summary>Tempo single binary (moved to grafana-community on 2026-01-30).</summary>
    public static readonly HelmChart Tempo = new("https://grafana-community.github.io/helm-charts", "tempo", "1.26.7");

    /// <summary>Loki OSS (moved to grafana-community on 2026-03-16; 18.x names the single binary mode Monolithic).</summary>
    public static readonly HelmChart Loki = new("https://grafana-community.github.io/helm-charts", "loki", "18.11.0");

    public static readonly HelmChart Alloy = new("https://grafana.github.io/helm-charts", "alloy", "1.11.1");
    /// <summary>trivy-operator (app 0.32.0, Trivy 0.72.0). Trivy releases 0.69.4-0.69.6 were malicious (March 2026): images go by digest.</summary>
    public static readonly HelmChart TrivyOperator = new("https://aquasecurity.github.io/helm-charts/", "trivy-operator", "0.34.0");

    /// <summary>mirror.gcr.io/aquasec/trivy-operator, tag and digest (the chart appends it to the repository after ':').</summary>
    public const string TrivyOperatorImageTag = "0.32.0@sha256:d4a61c4607e2931bd2615bf3bcf8912669d11d194c44c77edd413e6301b50c5b";

    /// <summary>mirror.gcr.io/aquasec/trivy (the scanner trivy-operator runs, and the one CI pipelines should run), tag and digest.</summary>
    public const string TrivyImageTag = "0.72.0@sha256:cffe3f5161a47a6823fbd23d985795b3ed72a4c806da4c4df16266c02accdd6f";

    /// <summary>The Trivy scanner image by digest, for CI steps outside the cluster.</summary>
    public const string TrivyImage = "mirror.gcr.io/aquasec/trivy:" + TrivyImageTag;

    /// <summary>external-secrets 2.9 (its support matrix names Kubernetes 1.36; check the existing cluster's version).</summary>
    public static readonly HelmChart ExternalSecrets = new("https://charts.external-secrets.io", "external-secrets", "2.9.0");

    /// <summary>external-secrets controller, webhook and cert-controller image tag (the chart's appVersion).</summary>
    public const string ExternalSecretsImageTag = "v2.9.0";

    /// <summary>
    /// Istio's charts (base, cni, istiod) for the existing target's mesh, from istio/istio tag 1.30.3 (manifests/charts);
    /// the chart repository serves them under these names at the release version.
    /// </summary>
    public static readonly HelmChart IstioBase = new("https://istio-release.storage.googleapis.com/charts", "base", "1.30.3");

    public static readonly HelmChart IstioCni = new("https://istio-release.storage.googleapis.com/charts", "cni", "1.30.3");

    public static readonly HelmChart Istiod = new("https://istio-release.storage.googleapis.com/charts", "istiod", "1.30.3");

    /// <summary>
    /// The AKS Istio add-on revision used when platform:meshRevision is unset. asm-1-27 is the revision REFERENCE.md
    /// records; check az aks mesh get-revisions for the region, as AKS retires old revisions.
    /// </summary>
    public const string AksIstioRevision = "asm-1-27";

    /// <summary>Falco chart (falcosecurity/charts tag falco-9.1.0, app 0.44.1) with its falcosidekick subchart (0.12.x).</summary>
    public static readonly HelmChart Falco = new("https://falcosecurity.github.io/charts", "falco", "9.1.0");

    public static readonly HelmChart Keda = new("https://kedacore.github.io/charts", "keda", "2.20.2");

    /// <summary>KEDA operator, metrics API server and webhooks image tag (the chart's appVersion).</summary>
    public const string KedaImageTag = "2.20.2";

    /// <summary>Fairwinds vpa chart (the official chart is not production-ready); 5.x needs Kubernetes 1.28+.</summary>
    public static readonly HelmChart Vpa = new("https://charts.fairwinds.com/stable", "vpa", "5.0.0");

    /// <summary>VPA recommender image tag (the chart's appVersion).</summary>
    public const string VpaImageTag = "1.7.1";

    /// <summary>Per-tenant Prometheus query proxy enforcing namespace="&lt;tenant&gt;" (prometheus-community/prom-label-proxy tag v0.14.0, commit c68b3c8, 2026-06-23).</summary>
    public const string PromLabelProxyImage = "quay.io/prometheuscommunity/prom-label-proxy:v0.14.0";

    /// <summary>curl for the Job that creates the tenants' Grafana orgs through Grafana's HTTP API (curl 8.15.0; runs as a non-root user).</summary>
    public const string CurlImage = "docker.io/curlimages/curl:8.15.0";
    // Level 4, Efficiency and Availability (per-cluster components). Sources: the charts' repositories at the tags named;
    // every value key set is checked against tests/TestData/chart-values/<chart>-<version>.keys.

    /// <summary>
    /// CSI snapshot controller for clusters that do not bundle one (existing target; AKS runs its own through
    /// StorageProfile.SnapshotControllerEnabled). piraeusdatastore/helm-charts charts/snapshot-controller 5.2.0 at
    /// 5d733d8c (app v8.6.0, registry.k8s.io/sig-storage/snapshot-controller), with the snapshot.storage.k8s.io CRDs.
    /// </summary>
    public static readonly HelmChart SnapshotController = new("https://piraeus.io/helm-charts/", "snapshot-controller", "5.2.0");

    /// <summary>Sloth, SLO → Prometheus rules (slok/sloth tag sloth-helm-chart-0.16.0, image ghcr.io/slok/sloth:v0.16.0).</summary>
    public static readonly HelmChart Sloth = new("https://slok.github.io/sloth", "sloth", "0.16.0");

    /// <summary>Sloth image tag (the chart's image.tag at 0.16.0).</summary>
    public const string SlothImageTag = "v0.16.0";

    /// <summary>Chaos Mesh (chaos-mesh/chaos-mesh tag chart-2.8.3; the in-repo Chart.yaml is templated, images.tag v2.8.3).</summary>
    public static readonly HelmChart ChaosMesh = new("https://charts.chaos-mesh.org", "chaos-mesh", "2.8.3");

    /// <summary>Chaos Mesh images (the chart's images.tag at 2.8.3), set explicitly so the version is pinned here.</summary>
    public const string ChaosMeshImageTag = "v2.8.3";

    /// <summary>Capsule (projectcapsule/capsule tag v0.14.0, charts/capsule; the chart version is set to the tag by its release workflow, OCI only).</summary>
    public static readonly HelmChart Capsule = new("", "oci://ghcr.io/projectcapsule/charts/capsule", "0.14.0");

    /// <summary>Capsule's image (the chart defaults manager.image.tag to v + appVersion, which the in-repo Chart.yaml leaves 0.0.0).</summary>
    public const string CapsuleImageTag = "v0.14.0";

    /// <summary>Tag of clastix/kubectl for Capsule's hook jobs: the chart otherwise derives v&lt;major&gt;.&lt;minor&gt; from the cluster (capsule.jobsTagKubeVersion).</summary>
    public const string CapsuleJobsKubectlTag = "v1.34";

    /// <summary>busybox for the production chaos gate (httpd and wget applets of the official image's default build).</summary>
    public const string BusyboxImage = "docker.io/library/busybox:1.37.0";

    /// <summary>OpenCost (opencost/opencost-helm-chart tag opencost-2.5.17, app 1.120.1).</summary>
    public static readonly HelmChart OpenCost = new("https://opencost.github.io/opencost-helm-chart", "opencost", "2.5.17");

    /// <summary>Goldilocks dashboards over VPA recommendations (FairwindsOps/charts stable/goldilocks 11.0.0 at 00e3c8fa, app v4.16.1).</summary>
    public static readonly HelmChart Goldilocks = new("https://charts.fairwinds.com/stable", "goldilocks", "11.0.0");

    /// <summary>Goldilocks controller and dashboard image tag (the chart's image.tag at 11.0.0).</summary>
    public const string GoldilocksImageTag = "v4.16.1";

    /// <summary>CloudNativePG operator (cloudnative-pg/charts tag cloudnative-pg-v0.29.0, operator 1.30.0; the in-tree barmanObjectStore is removed in 1.31).</summary>
    public static readonly HelmChart CloudNativePg = new("https://cloudnative-pg.github.io/charts", "cloudnative-pg", "0.29.0");

    /// <summary>
    /// Backstage chart (backstage/charts tag backstage-2.8.2, d1d84e78, 2026-06-17; values.yaml and values.schema.json
    /// checked there). The chart has no appVersion and defaults to ghcr.io/backstage/backstage:latest: the image is the
    /// platform team's own, by digest, from platform:backstageImage.
    /// </summary>
    public static readonly HelmChart Backstage = new("https://backstage.github.io/charts", "backstage", "2.8.2");

    /// <summary>PostgreSQL of the developer portal's CloudNativePG Cluster (ghcr.io/cloudnative-pg/postgresql, standard image on Debian trixie), pinned instead of the operator's default.</summary>
    public const string BackstagePostgresImage = "ghcr.io/cloudnative-pg/postgresql:18.3-standard-trixie";

    /// <summary>Barman Cloud CNPG-I plugin, the successor of the in-tree object-store backups (cloudnative-pg/charts tag plugin-barman-cloud-v0.7.0, plugin v0.13.0).</summary>
    public static readonly HelmChart BarmanCloudPlugin = new("https://cloudnative-pg.github.io/charts", "plugin-barman-cloud", "0.7.0");

    /// <summary>
    /// The images in a postgres golden path's instance pods (see TenantPodImages): PostgreSQL itself (the postgres path's
    /// Cluster.spec.imageName; CloudNativePG 1.30.0's own default, pkg/versions/versions.go DefaultImageName), the operator
    /// image the instance manager is copied from (the bootstrap-controller init container: chart 0.29.0's appVersion),
    /// and the Barman Cloud sidecar the plugin injects (chart plugin-barman-cloud 0.7.0, sidecarImage at appVersion v0.13.0).
    /// Move them with the two charts.
    /// </summary>
    public static class Postgres
    {
        public const string Image = "ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie";

        public const string InstanceManagerImage = "ghcr.io/cloudnative-pg/cloudnative-pg:1.30.0";

        public const string BarmanCloudSidecarImage = "ghcr.io/cloudnative-pg/plugin-barman-cloud-sidecar:v0.13.0";
    }

    /// <summary>
    /// What the golden paths' CI workflows run: GitHub Actions pinned by commit SHA (the tag is the comment
    /// after #), and Trivy pinned by digest (0.72.0, the Trivy that trivy-operator 0.32.0 ships; releases
    /// 0.69.4–0.69.6 were compromised, so never by tag alone).
    /// </summary>
    public static class GoldenPathCi
    {
        public const string TrivyImage = "aquasec/trivy:0.72.0@sha256:cffe3f5161a47a6823fbd23d985795b3ed72a4c806da4c4df16266c02accdd6f";

        public const string Checkout = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2";

        public const string SetupBuildx = "docker/setup-buildx-action@e468171a9de216ec08956ac3ada2f0791b6bd435 # v3.11.1";

        public const string DockerLogin = "docker/login-action@74a5d142397b4f367a81961eba4e8cd7edddf772 # v3.4.0";

        public const string BuildPush = "docker/build-push-action@263435318d21b8e681c14492fe198d362a7d2c83 # v6.18.0";

        public const string AzureLogin = "azure/login@a457da9ea143d694b1b9c7c869ebb04ebe844ef5 # v2.3.0";

        public const string CosignInstaller = "sigstore/cosign-installer@d7d6e079ac29fd41e9a4c81c7a1b6e4e8b7fe1ec # v3.7.0";

        public const string UploadArtifact = "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2";
    }

    // Level 5, AI-ready capacity (Just-in-time Capacity, Advanced Application Autoscaling). Value keys checked against
    // tests/TestData/chart-values/<chart>-<version>.keys (sources in regenerate.sh).

    /// <summary>
    /// NVIDIA GPU operator (NVIDIA/gpu-operator tag v26.7.0, deployments/gpu-operator; published as chart v26.7.0 in
    /// the NGC Helm repository): driver, container toolkit, device plugin, GPU feature discovery and the DCGM exporter.
    /// </summary>
    public static readonly HelmChart GpuOperator = new("https://helm.ngc.nvidia.com/nvidia", "gpu-operator", "v26.7.0");

    /// <summary>GPU operator and validator image tag (the chart's appVersion at release; the in-repo Chart.yaml says main-latest).</summary>
    public const string GpuOperatorImageTag = "v26.7.0";

    /// <summary>Kueue, job queueing (kubernetes-sigs/kueue tag v0.19.2, charts/kueue; served v1beta2 is the storage version).</summary>
    public static readonly HelmChart Kueue = new("", "oci://registry.k8s.io/kueue/charts/kueue", "0.19.2");

    /// <summary>Kueue controller image: the release image (the chart's in-repo default is a staging registry with a moving tag).</summary>
    public const string KueueImageRepository = "registry.k8s.io/kueue/kueue";

    public const string KueueImageTag = "v0.19.2";

    /// <summary>
    /// KEDA HTTP add-on (kedacore/charts http-add-on 0.15.0 at c4b92e9, 2026-06-15): InterceptorRoute (v1beta1; the
    /// HTTPScaledObject is deprecated), interceptor proxy and external scaler.
    /// </summary>
    public static readonly HelmChart KedaHttpAddOn = new("https://kedacore.github.io/charts", "keda-add-ons-http", "0.15.0");

    /// <summary>The HTTP add-on's operator, interceptor and scaler image tag (the chart's appVersion; its images.tag default is empty).</summary>
    public const string KedaHttpAddOnImageTag = "0.15.0";

    /// <summary>
    /// KAITO, the AI toolchain operator (kaito-project/kaito tag v0.12.0, charts/kaito/workspace; Helm repository from
    /// website/docs/installation.md): Workspace and InferenceSet (kaito.sh/v1beta1) for model inference on azure.
    /// </summary>
    public static readonly HelmChart KaitoWorkspace = new("https://kaito-project.github.io/kaito/charts/kaito", "workspace", "0.12.0");

    /// <summary>KServe's CRDs (kserve/kserve tag v0.16.0, charts/kserve-crd): InferenceService for model inference on existing.</summary>
    public static readonly HelmChart KServeCrd = new("", "oci://ghcr.io/kserve/charts/kserve-crd", "v0.16.0");

    /// <summary>KServe's controller (kserve/kserve tag v0.16.0, charts/kserve-resources, published as oci://ghcr.io/kserve/charts/kserve; README).</summary>
    public static readonly HelmChart KServe = new("", "oci://ghcr.io/kserve/charts/kserve", "v0.16.0");

    /// <summary>
    /// cert-manager (cert-manager/cert-manager tag v1.21.1, deploy/charts/cert-manager): on existing only, for KServe,
    /// whose chart issues its webhook's serving certificate with a cert-manager Issuer (charts/kserve-resources certificate.yaml).
    /// </summary>
    public static readonly HelmChart CertManager = new("https://charts.jetstack.io", "cert-manager", "v1.21.1");

    /// <summary>KubeRay operator (ray-project/kuberay tag v1.7.0, helm-chart/kuberay-operator): RayCluster, RayJob, RayService (ray.io/v1).</summary>
    public static readonly HelmChart KubeRayOperator = new("https://ray-project.github.io/kuberay-helm/", "kuberay-operator", "1.7.0");

    /// <summary>
    /// NVIDIA's DRA driver for GPUs (NVIDIA/k8s-dra-driver-gpu tag v25.12.0, deployments/helm/nvidia-dra-driver-gpu), the
    /// newest release: NOT installed — checked and refused for the reason in Conformance/AiConformance.cs (dra_support).
    /// </summary>
    public static readonly HelmChart NvidiaDraDriverGpu = new("https://helm.ngc.nvidia.com/nvidia", "nvidia-dra-driver-gpu", "25.12.0");
}
