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

    /// <summary>General-purpose VM size of the system node pool.</summary>
    public const string AksSystemNodeVmSize = "Standard_D4ds_v5";

    /// <summary>OS of AKS nodes (Azure Linux 2.0 is retired).</summary>
    public const string AksOsSku = "AzureLinux3";

    /// <summary>Pod Security Standards version the namespace labels refer to (matches the schemas' Kubernetes version).</summary>
    public const string PodSecurityVersion = "v1.32";

    public static readonly HelmChart MetricsServer = new("https://kubernetes-sigs.github.io/metrics-server/", "metrics-server", "3.13.1");

    /// <summary>metrics-server image tag: the chart's appVersion, set explicitly so the image is pinned here too.</summary>
    public const string MetricsServerImageTag = "v0.8.1";

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
}
