using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>Levels 3–5: the cluster adds nodes when pods cannot be scheduled and removes idle ones, within configured bounds.</summary>
public sealed class ClusterAutoscaling : PracticeComponent
{
    public override string Practice => "Cluster Autoscaling";

    public override Implementation Implementation => new(
        Existing: "Not applicable: node autoscaling depends on the provider of the existing cluster's nodes",
        Azure: "AKS cluster autoscaler on the system node pool between platform:nodeMinCount and platform:nodeMaxCount and on the user node pool between platform:userNodeMinCount and platform:userNodeMaxCount, balancing similar node groups and picking the least-waste pool");

    public override string? NotApplicableReason(DeploymentTarget target) => target == DeploymentTarget.Existing
        ? "adding and removing nodes is provider-specific (a cloud's node groups, Cluster API, Karpenter); enable the autoscaler your cluster's provider offers"
        : null;

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
        {
            DefaultNodePool = cluster.DefaultNodePool with
            {
                AutoScalingEnabled = true,
                MinCount = config.NodeMinCount,
                MaxCount = config.NodeMaxCount,
            },
            AutoScalerProfile = new AutoScalerProfile
            {
                BalanceSimilarNodeGroups = true,
                Expander = "least-waste",
                ScaleDownUnneeded = "10m",
            },
        });
        if (component.Existing<KubernetesClusterNodePool>().Any(p => p.Name == WellKnown.UserNodePool))
        {
            component.Contribute<KubernetesClusterNodePool>(WellKnown.UserNodePool, pool => pool with
            {
                Pool = pool.Pool with { AutoScalingEnabled = true, MinCount = config.UserNodeMinCount, MaxCount = config.UserNodeMaxCount },
            });
            component.Note($"The user node pool tenant workloads run on scales between {config.UserNodeMinCount} and {config.UserNodeMaxCount} nodes ({ConfigKeys.UserNodeMinCount.FullName}, {ConfigKeys.UserNodeMaxCount.FullName}).");
        }
        component.Note($"The system node pool scales between {config.NodeMinCount} and {config.NodeMaxCount} nodes ({ConfigKeys.NodeMinCount.FullName}, {ConfigKeys.NodeMaxCount.FullName}); nodes idle for 10 minutes are removed.");
        component.Note("See why a pod waits for a node: kubectl describe pod <pod> -n <tenant> (events from cluster-autoscaler), and kubectl get configmap cluster-autoscaler-status -n kube-system -o yaml.");
    }
}
