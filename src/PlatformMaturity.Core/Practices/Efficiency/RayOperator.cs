using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>
/// Level 5 AI operator (Just-in-time Capacity): the KubeRay operator (chart kuberay-operator 1.7.0), which reconciles
/// RayCluster, RayJob and RayService (ray.io/v1) into head and worker pods — distributed training, tuning and serving
/// for tenants. Its RayJobs and RayClusters are Kueue workloads (Kueue's ray.io integrations in
/// <see cref="JustInTimeCapacity.ManagerConfig"/>), so they wait in the tenant's queue for its GPU quota like Jobs do.
/// </summary>
public static class RayOperator
{
    public const string Release = "kuberay-operator";
    public const string Namespace = "kuberay";
    public const string ApiGroup = "ray.io";

    /// <summary>The operator's pods (chart 1.7.0 kuberay-operator.labels, nameOverride kuberay-operator).</summary>
    public static readonly (string Key, string Value)[] OperatorPods = [("app.kubernetes.io/name", "kuberay-operator")];

    public static void Add(ComponentBuilder component)
    {
        component.AddPlatformNamespace(Namespace);
        // Keys checked at chart 1.7.0 (tests/TestData/chart-values/kuberay-operator-1.7.0.keys).
        var values = HelmValues.From(
                // Ray's pods belong to tenants: the operator watches all namespaces (chart default) and needs no webhook.
                ("singleNamespaceInstall", false),
                ("metrics.enabled", true))
            .With("metrics.serviceMonitor.enabled", component.HasMonitoring);
        if (component.HasMonitoring)
            values = values.With("metrics.serviceMonitor.additionalLabels.release", WellKnown.PrometheusStackRelease);
        component.AddRelease(Release, Namespace, Pins.KubeRayOperator, values,
            providesApiGroups: [ApiGroup], createNamespace: false);
        component.Note($"Ray for tenants (KubeRay {Pins.KubeRayOperator.Version}): a RayJob labelled {JustInTimeCapacity.QueueLabel}: {JustInTimeCapacity.DefaultLocalQueue} waits in the tenant's queue; kubectl get rayclusters,rayjobs,rayservices -A.");
    }
}
