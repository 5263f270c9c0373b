namespace PlatformMaturity.Graph;

/// <summary>A Helm chart pinned to one version. Repository is an https URL, or empty for an oci:// chart name.</summary>
public sealed record HelmChart(string Repository, string Name, string Version)
{
    public bool IsOci => Name.StartsWith("oci://", StringComparison.Ordinal);
}
