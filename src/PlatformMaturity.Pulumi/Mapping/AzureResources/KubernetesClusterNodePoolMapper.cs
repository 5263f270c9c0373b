using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;
using AksInputs = Pulumi.Azure.ContainerService.Inputs;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// An extra node pool of an AKS cluster (Pulumi.Azure.ContainerService.KubernetesClusterNodePool), e.g. the user pool
/// tenant workloads run on. A null in the record leaves the argument unset, so the provider's default applies.
/// </summary>
internal static class KubernetesClusterNodePoolMapper
{
    public static PulumiAzure.ContainerService.KubernetesClusterNodePool Map(KubernetesClusterNodePool pool, MappingContext context, PlatformComponent parent) =>
        new(pool.Name, Args(pool, context.Refs), Options(pool, context, parent));

    /// <summary>
    /// An autoscaled pool's node count belongs to the cluster autoscaler once the pool exists: Pulumi sets it at
    /// creation only, so a later pulumi up does not undo the autoscaler's decisions.
    /// </summary>
    internal static Pulumi.CustomResourceOptions Options(KubernetesClusterNodePool pool, MappingContext context, PlatformComponent parent)
    {
        var options = context.Options(pool, parent);
        if (pool.Pool.AutoScalingEnabled)
            options.IgnoreChanges = ["nodeCount"];
        return options;
    }

    internal static PulumiAzure.ContainerService.KubernetesClusterNodePoolArgs Args(KubernetesClusterNodePool pool, AzureOutputs refs)
    {
        var settings = pool.Pool;
        var args = new PulumiAzure.ContainerService.KubernetesClusterNodePoolArgs
        {
            Name = settings.Name,
            KubernetesClusterId = refs.Resolve(new AzureRef(pool.Cluster, AzureOutput.Id)),
            Mode = pool.Mode,
            VmSize = settings.VmSize,
            NodeCount = settings.NodeCount,
            OsSku = settings.OsSku,
            AutoScalingEnabled = settings.AutoScalingEnabled,
            MinCount = In.Opt(settings.MinCount),
            MaxCount = In.Opt(settings.MaxCount),
            HostEncryptionEnabled = In.Opt(settings.HostEncryptionEnabled),
            NodePublicIpEnabled = In.Opt(settings.NodePublicIpEnabled),
            TemporaryNameForRotation = In.Opt(settings.TemporaryNameForRotation),
            // gpu_driver (Pulumi.Azure 6.39.0 KubernetesClusterNodePoolArgs.GpuDriver: "Install" or "None").
            GpuDriver = In.Opt(pool.GpuDriver),
            // priority, eviction_policy, spot_max_price (Pulumi.Azure 6.39.0 KubernetesClusterNodePoolArgs.Priority "Regular"/"Spot",
            // EvictionPolicy "Delete"/"Deallocate", SpotMaxPrice Input<double>, -1 for the on-demand price): a spot pool.
            Priority = In.Opt(pool.Priority),
            EvictionPolicy = In.Opt(pool.EvictionPolicy),
            SpotMaxPrice = In.Opt(pool.SpotMaxPrice),
            UpgradeSettings = In.Block(settings.MaxSurge, surge => new AksInputs.KubernetesClusterNodePoolUpgradeSettingsArgs { MaxSurge = surge }),
            Tags = In.Map(pool.Tags),
        };
        // An empty list would be a regional pool too, but leaving it unset keeps "not set" distinct from "set to none".
        if (!settings.Zones.IsDefaultOrEmpty)
            args.Zones = settings.Zones.ToArray();
        if (settings.Subnet is { } subnet)
            args.VnetSubnetId = refs.Resolve(new AzureRef(subnet, AzureOutput.Id));
        if (!pool.NodeTaints.IsDefaultOrEmpty)
            args.NodeTaints = pool.NodeTaints.ToArray();
        if (!pool.NodeLabels.IsEmpty)
            args.NodeLabels = In.Map(pool.NodeLabels);
        return args;
    }
}
