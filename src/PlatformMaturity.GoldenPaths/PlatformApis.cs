using System.Collections.Immutable;
using PlatformMaturity.Graph;

namespace PlatformMaturity.GoldenPaths;

/// <summary>
/// The Kubernetes API groups an app's objects can use on a platform: the groups every cluster serves, and the
/// groups whose CRDs the platform's graph installs (Helm releases that declare them, CRD objects, AKS add-ons).
/// </summary>
public static class PlatformApis
{
    /// <summary>API groups the Kubernetes API server serves itself (no CRD needed); "" is the core group (v1).</summary>
    public static readonly ImmutableHashSet<string> BuiltIn = ImmutableHashSet.Create(StringComparer.Ordinal,
        "", "apps", "batch", "autoscaling", "policy", "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io",
        "scheduling.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "node.k8s.io", "admissionregistration.k8s.io",
        "apiextensions.k8s.io", "certificates.k8s.io", "events.k8s.io", "flowcontrol.apiserver.k8s.io", "resource.k8s.io");

    /// <summary>The API group of an apiVersion: "apps/v1" → "apps", "v1" → "".</summary>
    public static string GroupOf(string apiVersion) =>
        apiVersion.LastIndexOf('/') is var slash and >= 0 ? apiVersion[..slash] : "";

    /// <summary>The CRD groups the graph installs, on any of its clusters.</summary>
    public static ImmutableHashSet<string> Installed(PlatformGraph graph) => InstalledApiGroups.Of(graph.Resources);
}
