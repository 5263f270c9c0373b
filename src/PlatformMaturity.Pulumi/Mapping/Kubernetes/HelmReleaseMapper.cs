using PlatformMaturity.Graph;
using Pulumi;
using K8s = Pulumi.Kubernetes;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>A graph Helm release as a real Helm release (Pulumi.Kubernetes.Helm.V3.Release): history, hooks, helm ls.</summary>
internal static class HelmReleaseMapper
{
    public static K8s.Helm.V3.Release Map(HelmRelease release, MappingContext context, PlatformComponent parent) =>
        new(release.Name, Args(release, context.Refs), context.Options(release, parent, context.Providers.For(release.Cluster)));

    internal static K8s.Types.Inputs.Helm.V3.ReleaseArgs Args(HelmRelease release, AzureOutputs refs) => new()
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
        Values = Values(release, refs),
    };

    /// <summary>The release's values, with the Azure outputs the graph names (e.g. an identity's client id) filled in once known.</summary>
    internal static InputMap<object> Values(HelmRelease release, AzureOutputs refs)
    {
        if (release.ValuesFromAzure.IsEmpty)
            return PulumiValues.Of(release.Values);
        var fromAzure = release.ValuesFromAzure.ToList();
        return Output.All(fromAzure.Select(v => refs.Resolve(v.Value)))
            .Apply(outputs => PulumiValues.Of(fromAzure
                .Select((v, i) => (Path: v.Key, Value: outputs[i]))
                .Aggregate(release.Values, (values, v) => values.WithAt(v.Path, v.Value))));
    }

    /// <summary>The chart repository; none for an oci:// chart, whose name is the full reference.</summary>
    private static Input<K8s.Types.Inputs.Helm.V3.RepositoryOptsArgs>? Repository(HelmChart chart)
    {
        if (chart.IsOci)
            return null;
        return new K8s.Types.Inputs.Helm.V3.RepositoryOptsArgs { Repo = chart.Repository };
    }
}
