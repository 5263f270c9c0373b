namespace PlatformMaturity.Assess.Evidence;

/// <summary>
/// The labels Helm and charts put on what they install: the contract the assessment reads (and the round-trip
/// tests write), defined once. Helm 3 stores each release revision as a Secret labelled owner=helm, name=&lt;release&gt;.
/// </summary>
public static class HelmLabels
{
    public const string ReleaseSecretType = "helm.sh/release.v1";
    public const string Owner = "owner";
    public const string OwnerHelm = "helm";
    public const string ReleaseName = "name";
    public const string Status = "status";
    public const string Revision = "version";

    /// <summary>"&lt;chart&gt;-&lt;version&gt;", set by nearly every chart's helpers.</summary>
    public const string Chart = "helm.sh/chart";
    public const string AppName = "app.kubernetes.io/name";
    public const string Instance = "app.kubernetes.io/instance";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string ManagedByHelm = "Helm";

    /// <summary>The label kube-system add-ons (and AKS add-ons) carry instead of app.kubernetes.io/name.</summary>
    public const string K8sApp = "k8s-app";

    /// <summary>The release Secret's name for a revision.</summary>
    public static string ReleaseSecretName(string release, int revision) => $"sh.helm.release.v1.{release}.v{revision}";

    /// <summary>The chart name of a helm.sh/chart value ("kube-prometheus-stack-88.5.3" → "kube-prometheus-stack").</summary>
    public static string? ChartName(string? chartLabel)
    {
        if (string.IsNullOrEmpty(chartLabel))
            return null;
        for (var i = chartLabel.Length - 1; i > 0; i--)
        {
            if (chartLabel[i] == '-' && i + 1 < chartLabel.Length && char.IsAsciiDigit(chartLabel[i + 1]))
            {
                // The version starts at the last '-' followed by a digit whose rest looks like a version.
                var rest = chartLabel[(i + 1)..];
                if (rest.Count(c => c == '.') >= 1 || rest.All(char.IsAsciiDigit))
                    return chartLabel[..i];
            }
        }
        return chartLabel;
    }
}
