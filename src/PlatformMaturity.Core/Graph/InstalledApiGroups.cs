using System.Collections.Immutable;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Graph;

/// <summary>
/// The CRD API groups a platform's resources install (Helm releases that declare them, CRD objects, AKS add-ons): what
/// golden paths' <c>requires: apiGroup</c> asks of the platform, for pmctl app new and the developer portal alike.
/// </summary>
public static class InstalledApiGroups
{
    public static ImmutableHashSet<string> Of(IEnumerable<GraphResource> resources)
    {
        var groups = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            switch (resource)
            {
                case HelmRelease release:
                    groups.UnionWith(release.ProvidesApiGroups);
                    break;
                // CRDs the platform defines itself (DORA Metrics' ChangeRecord).
                case KubernetesResource { Object: k8s.Models.V1CustomResourceDefinition crd }:
                    groups.Add(crd.Spec.Group);
                    break;
                // AKS add-ons install their CRDs with the cluster, without a Helm release in the graph.
                case KubernetesCluster { WorkloadAutoscalerProfile: { } autoscalers }:
                    if (autoscalers.KedaEnabled == true)
                        groups.Add("keda.sh");
                    if (autoscalers.VerticalPodAutoscalerEnabled == true)
                        groups.Add("autoscaling.k8s.io");
                    break;
            }
        }
        return groups.ToImmutable();
    }
}
