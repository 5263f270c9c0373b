using PlatformMaturity.Composition;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Availability;

/// <summary>From Level 1, carried: rely on Kubernetes' own self-healing, with enough nodes for it to work.</summary>
public sealed class KubernetesBuiltInResiliency : PracticeComponent
{
    /// <summary>Extra nodes a pool surges by during upgrades, so drained pods find room.</summary>
    public const string MaxSurge = "33%";

    public override string Practice => "Kubernetes Built-in Resiliency";

    public override Implementation Implementation => new(
        Existing: "Kubernetes self-healing (ReplicaSets, restarts, rescheduling); platform components run 2 replicas with PodDisruptionBudgets",
        Azure: "System node pool of at least 2 nodes (platform:nodeCount) that surges by a third during upgrades; platform components run 2 replicas");

    public override void Build(ComponentBuilder component)
    {
        if (component.IsAzure)
        {
            component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
            {
                DefaultNodePool = cluster.DefaultNodePool with { MaxSurge = MaxSurge },
            });
            if (component.Existing<KubernetesClusterNodePool>().Any(p => p.Name == WellKnown.UserNodePool))
                component.Contribute<KubernetesClusterNodePool>(WellKnown.UserNodePool, pool => pool with { Pool = pool.Pool with { MaxSurge = MaxSurge } });
        }
        component.Note("Run at least 2 replicas of anything that matters, with readiness and liveness probes, so a node or pod failure heals itself.");
    }
}
