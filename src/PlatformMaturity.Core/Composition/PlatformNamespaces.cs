namespace PlatformMaturity.Composition;

/// <summary>Namespaces the platform's own components use at any level; tenants may not take these names.</summary>
public static class PlatformNamespaces
{
    public const string KubeSystem = "kube-system";
    public const string KubePublic = "kube-public";

    private static readonly HashSet<string> All = new(StringComparer.Ordinal)
    {
        "platform-system", "monitoring", "trivy-system", "kyverno", "argocd", "argo-rollouts", "keda", "keda-http", "vpa",
        "velero", "chaos-mesh", "opencost", "cert-manager", "external-secrets", "falco", "opentelemetry-operator-system",
        "loki", "alloy", "tempo", "backstage", "istio-system", "aks-istio-system", "capsule-system", "goldilocks", "kueue-system",
        "gpu-operator", "dataprotection-microsoft", "platform-secrets", "gateway-system", "dr-restore-test", "cnpg-system",
        Practices.Availability.CrossRegionRestoreDrill.DrillNamespace, Practices.Availability.CrossRegionRestoreDrill.ScratchNamespace,
    };

    public static bool IsPlatformNamespace(string name) => All.Contains(name);

    /// <summary>Every platform namespace name plus kube-system, sorted (e.g. to scope platform alert rules).</summary>
    public static IEnumerable<string> WithKubeSystem => All.Append(KubeSystem).Order(StringComparer.Ordinal);
}
