using PlatformMaturity.Graph;
using Pulumi;
using K8s = Pulumi.Kubernetes;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>A graph Helm release as a real Helm release (Pulumi.Kubernetes.Helm.V3.Release): history, hooks, helm ls.</summary>
internal static class HelmReleaseMapper
{
    public static K8s.Helm.V3.Release Map(HelmRelease release, MappingContext context, PlatformComponent parent) =>
        new(release.Name, Args(release), context.Options(release, parent, context.Providers.For(release.Cluster)));

    internal static K8s.Types.Inputs.Helm.V3.ReleaseArgs Args(HelmRelease release) => new()
    {
        // The Helm release name, as the graph names it (not Pulumi's auto-name with a random suffix).
        Name = release.ReleaseName,
        Chart = release.Chart.Name,
        Version = release.Chart.Version,
        RepositoryOpts = Repository(release.Chart),
        Namespace = release.Namespace,
        CreateNamespace = release.CreateNamespace,
        Atomic = release.Atomic,
        Timeout = release.TimeoutSeconds,
        Values = PulumiValues.Of(release.Values),
    };

    /// <summary>The chart repository; none for an oci:// chart, whose name is the full reference.</summary>
    private static Input<K8s.Types.Inputs.Helm.V3.RepositoryOptsArgs>? Repository(HelmChart chart)
    {
        if (chart.IsOci)
            return null;
        return new K8s.Types.Inputs.Helm.V3.RepositoryOptsArgs { Repo = chart.Repository };
    }
}
