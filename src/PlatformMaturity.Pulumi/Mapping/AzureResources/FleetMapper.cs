using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;
using FleetInputs = Pulumi.Azure.ContainerService.Inputs;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// The fleet (Pulumi.Azure.ContainerService, pulumi-azure v6.39.0 sdk/dotnet/ContainerService): KubernetesFleetManagerArgs
/// (Name, ResourceGroupName, Location, Tags; HubProfile left unset: azurerm v4 removed the block), FleetMemberArgs (Name,
/// KubernetesFleetId, KubernetesClusterId, Group), FleetUpdateStrategyArgs (Name, KubernetesFleetManagerId, Stages of
/// FleetUpdateStrategyStageArgs: Name, Groups of FleetUpdateStrategyStageGroupArgs.Name, AfterStageWaitInSeconds) and
/// FleetUpdateRunArgs (Name, KubernetesFleetManagerId, FleetUpdateStrategyId, ManagedClusterUpdate of
/// FleetUpdateRunManagedClusterUpdateArgs: Upgrade {Type, KubernetesVersion}, NodeImageSelection {Type}).
/// </summary>
internal static class FleetMapper
{
    public static PulumiAzure.ContainerService.KubernetesFleetManager Map(KubernetesFleetManager fleet, MappingContext context, PlatformComponent parent) =>
        new(fleet.Name, new PulumiAzure.ContainerService.KubernetesFleetManagerArgs
        {
            Name = fleet.FleetName,
            ResourceGroupName = context.Refs.NameOf(fleet.ResourceGroup),
            Location = fleet.Location,
            Tags = In.Map(fleet.Tags),
        }, context.Options(fleet, parent));

    public static PulumiAzure.ContainerService.FleetMember Map(FleetMember member, MappingContext context, PlatformComponent parent) =>
        new(member.Name, new PulumiAzure.ContainerService.FleetMemberArgs
        {
            Name = member.MemberName,
            KubernetesFleetId = context.Refs.Resolve(new AzureRef(member.Fleet, AzureOutput.Id)),
            KubernetesClusterId = context.Refs.Resolve(new AzureRef(member.Cluster, AzureOutput.Id)),
            Group = member.Group,
        }, context.Options(member, parent));

    public static PulumiAzure.ContainerService.FleetUpdateStrategy Map(FleetUpdateStrategy strategy, MappingContext context, PlatformComponent parent) =>
        new(strategy.Name, new PulumiAzure.ContainerService.FleetUpdateStrategyArgs
        {
            Name = strategy.StrategyName,
            KubernetesFleetManagerId = context.Refs.Resolve(new AzureRef(strategy.Fleet, AzureOutput.Id)),
            Stages = strategy.Stages.Select(stage => new FleetInputs.FleetUpdateStrategyStageArgs
            {
                Name = stage.Name,
                Groups = stage.Groups.Select(group => new FleetInputs.FleetUpdateStrategyStageGroupArgs { Name = group }).ToList(),
                AfterStageWaitInSeconds = In.Opt(stage.AfterStageWaitInSeconds),
            }).ToList(),
        }, context.Options(strategy, parent));

    public static PulumiAzure.ContainerService.FleetUpdateRun Map(FleetUpdateRun run, MappingContext context, PlatformComponent parent) =>
        new(run.Name, new PulumiAzure.ContainerService.FleetUpdateRunArgs
        {
            Name = run.RunName,
            KubernetesFleetManagerId = context.Refs.Resolve(new AzureRef(run.Fleet, AzureOutput.Id)),
            FleetUpdateStrategyId = context.Refs.Resolve(new AzureRef(run.Strategy, AzureOutput.Id)),
            ManagedClusterUpdate = new FleetInputs.FleetUpdateRunManagedClusterUpdateArgs
            {
                Upgrade = new FleetInputs.FleetUpdateRunManagedClusterUpdateUpgradeArgs { Type = run.UpgradeType, KubernetesVersion = In.Opt(run.KubernetesVersion) },
                NodeImageSelection = In.Block(run.NodeImageSelection, selection =>
                    new FleetInputs.FleetUpdateRunManagedClusterUpdateNodeImageSelectionArgs { Type = selection }),
            },
        }, context.Options(run, parent));
}
