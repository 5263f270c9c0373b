using PlatformMaturity.Config;

namespace PlatformMaturity.Composition;

/// <summary>
/// Whether a target's kubelets serve certificates the cluster CA signed, so that scrapers of the kubelet (metrics-server,
/// Prometheus) can verify them instead of skipping TLS verification. Decided per target, in this one place.
/// </summary>
public static class KubeletServingCertificates
{
    /// <summary>
    /// AKS: kubelet serving certificate rotation (on by default from Kubernetes 1.27, the minimum here is newer) has each
    /// kubelet request its serving certificate from the cluster CA, which every pod trusts through its service-account
    /// ca.crt. Existing clusters: kubeadm, kind and minikube default to a self-signed serving certificate per kubelet
    /// (serverTLSBootstrap off), which nothing can verify.
    /// </summary>
    public static bool SignedByClusterCa(DeploymentTarget target) => target == DeploymentTarget.Azure;

    /// <summary>The README note of a consumer that scrapes kubelets.</summary>
    public static string Reason(DeploymentTarget target, string consumer) => SignedByClusterCa(target)
        ? $"{consumer} verifies the kubelets' TLS certificates: AKS kubelets serve certificates signed by the cluster CA " +
          "(kubelet serving certificate rotation; nodes carry the label kubernetes.azure.com/kubelet-serving-ca=cluster)."
        : $"{consumer} skips TLS verification of the kubelets only: on an existing cluster kubelets serve self-signed certificates " +
          "by default (kubeadm, kind, minikube), which no CA can verify. Where kubelets use serverTLSBootstrap with " +
          "certificates from the cluster CA, verification can be turned on.";
}
