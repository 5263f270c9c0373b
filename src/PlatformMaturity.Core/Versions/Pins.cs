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
}
