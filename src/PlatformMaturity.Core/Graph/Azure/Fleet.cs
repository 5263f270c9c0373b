using System.Collections.Immutable;

namespace PlatformMaturity.Graph.Azure;

/// <summary>
/// An Azure Kubernetes Fleet Manager without a hub cluster (Pulumi.Azure.ContainerService.KubernetesFleetManager; azurerm
/// v4, which Pulumi.Azure 6.39 wraps, no longer sends hub_profile): it coordinates its members' upgrades, and Argo CD
/// places the applications.
/// </summary>
public sealed record KubernetesFleetManager : AzureResource
{
    public required string FleetName { get; init; }

    /// <summary>Graph name of the resource group.</summary>
    public required string ResourceGroup { get; init; }

    public required string Location { get; init; }

    public override IEnumerable<string> References => [ResourceGroup];
}

/// <summary>An AKS cluster joined to a fleet (Pulumi.Azure.ContainerService.FleetMember), in an update group.</summary>
public sealed record FleetMember : AzureResource
{
    public required string MemberName { get; init; }

    /// <summary>Graph name of the fleet manager (KubernetesFleetId).</summary>
    public required string Fleet { get; init; }

    /// <summary>Graph name of the member's AKS cluster (KubernetesClusterId).</summary>
    public required string Cluster { get; init; }

    /// <summary>The update group the strategy's stages name (Group).</summary>
    public required string Group { get; init; }

    public override IEnumerable<string> References => [Fleet, Cluster];
}

/// <summary>One stage of a fleet update strategy: the groups upgraded together, then a wait before the next stage.</summary>
public sealed record FleetUpdateStage(string Name, ImmutableArray<string> Groups, int? AfterStageWaitInSeconds);

/// <summary>A fleet's staged upgrade order (Pulumi.Azure.ContainerService.FleetUpdateStrategy).</summary>
public sealed record FleetUpdateStrategy : AzureResource
{
    public required string StrategyName { get; init; }

    /// <summary>Graph name of the fleet manager (KubernetesFleetManagerId).</summary>
    public required string Fleet { get; init; }

    public required ImmutableArray<FleetUpdateStage> Stages { get; init; }

    public override IEnumerable<string> References => [Fleet];
}

/// <summary>
/// One upgrade of every member through the strategy's stages (Pulumi.Azure.ContainerService.FleetUpdateRun). Azure starts
/// the run when the resource is created, so a new run is a new resource: its graph name carries the target version.
/// </summary>
public sealed record FleetUpdateRun : AzureResource
{
    public required string RunName { get; init; }

    /// <summary>Graph name of the fleet manager (KubernetesFleetManagerId).</summary>
    public required string Fleet { get; init; }

    /// <summary>Graph name of the update strategy (FleetUpdateStrategyId).</summary>
    public required string Strategy { get; init; }

    /// <summary>ManagedClusterUpdate.Upgrade.Type: Full (control plane and nodes) or NodeImageOnly.</summary>
    public required string UpgradeType { get; init; }

    /// <summary>ManagedClusterUpdate.Upgrade.KubernetesVersion (required for Full).</summary>
    public string? KubernetesVersion { get; init; }

    /// <summary>ManagedClusterUpdate.NodeImageSelection.Type: Latest or Consistent; null for the service default.</summary>
    public string? NodeImageSelection { get; init; }

    public override IEnumerable<string> References => [Fleet, Strategy];
}
