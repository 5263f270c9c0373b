using PlatformMaturity.Graph;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Composition;

/// <summary>
/// cert-manager, which several platform components need for their webhook and mTLS certificates (the Barman Cloud
/// plugin from Level 4, KServe at Level 5). The first component that needs it installs it; later ones depend on that
/// release. A stack that names its own ClusterIssuer (platform:gatewayClusterIssuer) runs its own cert-manager: a second
/// install would fight it over the CRDs and webhooks, so the platform installs none there and uses the stack's.
/// </summary>
public static class PlatformCertManager
{
    public const string Release = "cert-manager";
    public const string Namespace = "cert-manager";
    public const string ApiGroup = "cert-manager.io";

    /// <summary>cert-manager's webhook pods and port (chart v1.21.1 webhook-deployment.yaml labels, webhook.securePort).</summary>
    public static readonly (string Key, string Value)[] WebhookPods = [("app.kubernetes.io/component", "webhook"), ("app.kubernetes.io/instance", Release)];

    public const int WebhookPort = 10250;

    /// <summary>
    /// Makes cert-manager available to <paramref name="component"/>: installs it unless the platform already does or the
    /// stack runs its own. Returns the releases to depend on (none when the stack's own cert-manager serves).
    /// </summary>
    public static string[] Ensure(ComponentBuilder component, Provenance? provenance = null)
    {
        if (component.Config.GatewayClusterIssuer is not null)
            return [];
        if (component.Existing<HelmRelease>().Any(r => r.ReleaseName == Release && r.Namespace == Namespace))
            return [Release];
        component.AddPlatformNamespace(Namespace, provenance);
        // Keys checked at chart v1.21.1 (tests/TestData/chart-values/cert-manager-v1.21.1.keys).
        component.AddRelease(Release, Namespace, Pins.CertManager, HelmValues.From(("crds.enabled", true), ("crds.keep", true)), provenance,
            providesApiGroups: [ApiGroup, "acme.cert-manager.io"], createNamespace: false);
        component.Note($"cert-manager {Pins.CertManager.Version} (namespace {Namespace}) issues the platform components' webhook and TLS certificates; a stack with its own cert-manager sets platform:gatewayClusterIssuer and the platform installs none.");
        return [Release];
    }
}
