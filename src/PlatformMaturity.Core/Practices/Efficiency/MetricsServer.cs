using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>
/// metrics-server on the existing target (AKS has it built in). Manual Application Scaling installs it for kubectl top;
/// Basic and then Advanced Application Autoscaling take the same release over, so upgrades never reinstall it.
/// </summary>
public static class MetricsServer
{
    public const string ReleaseName = "metrics-server";

    /// <summary>Adds the release on the existing target; null on azure, where AKS runs metrics-server itself.</summary>
    public static HelmRelease? Add(ComponentBuilder component, Provenance? provenance = null)
    {
        if (component.IsAzure)
            return null;
        var values = HelmValues.From(
                ("image.tag", Pins.MetricsServerImageTag),
                ("replicas", 2),
                ("podDisruptionBudget.enabled", true),
                ("podDisruptionBudget.minAvailable", 1))
            .With("metrics.enabled", component.HasMonitoring)
            .With("serviceMonitor.enabled", component.HasMonitoring);
        // Only this target runs it (AKS has its own), and here kubelets may serve self-signed certificates.
        if (!KubeletServingCertificates.SignedByClusterCa(component.Config.Target))
            values = values.With("args", new[] { "--kubelet-insecure-tls" });
        component.Note(KubeletServingCertificates.Reason(component.Config.Target, "metrics-server"));
        if (component.HasMonitoring)
            values = values.With("serviceMonitor.additionalLabels.release", WellKnown.PrometheusStackRelease);
        return component.AddRelease(ReleaseName, PlatformNamespaces.KubeSystem, Pins.MetricsServer, values, provenance,
            dependsOn: component.HasMonitoring ? [WellKnown.PrometheusStackRelease] : null);
    }
}
