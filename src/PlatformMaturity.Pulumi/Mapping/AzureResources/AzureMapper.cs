using PlatformMaturity.Graph.Azure;
using Pulumi;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>Azure graph records to typed Pulumi.Azure resources, one mapper per resource family.</summary>
internal static class AzureMapper
{
    public static CustomResource Map(AzureResource resource, MappingContext context, PlatformComponent parent) => resource switch
    {
        ResourceGroup group => ResourceGroupMapper.Map(group, context, parent),
        KubernetesCluster cluster => KubernetesClusterMapper.Map(cluster, context, parent),
        KubernetesClusterNodePool pool => KubernetesClusterNodePoolMapper.Map(pool, context, parent),
        ContainerRegistry registry => ContainerRegistryMapper.Map(registry, context, parent),
        KeyVault vault => KeyVaultMapper.Map(vault, context, parent),
        LogAnalyticsWorkspace workspace => LogAnalyticsWorkspaceMapper.Map(workspace, context, parent),
        StorageAccount account => StorageMapper.Map(account, context, parent),
        StorageContainer container => StorageMapper.Map(container, context, parent),
        UserAssignedIdentity identity => IdentityMapper.Map(identity, context, parent),
        FederatedIdentityCredential credential => IdentityMapper.Map(credential, context, parent),
        RoleAssignment assignment => RoleAssignmentMapper.Map(assignment, context, parent),
        BudgetResourceGroup budget => BudgetMapper.Map(budget, context, parent),
        FrontDoorProfile profile => FrontDoorMapper.Map(profile, context, parent),
        FrontDoorEndpoint endpoint => FrontDoorMapper.Map(endpoint, context, parent),
        FrontDoorOriginGroup group => FrontDoorMapper.Map(group, context, parent),
        FrontDoorOrigin origin => FrontDoorMapper.Map(origin, context, parent),
        FrontDoorRoute route => FrontDoorMapper.Map(route, context, parent),
        PolicyAssignment assignment => PolicyAssignmentMapper.Map(assignment, context, parent),
        DiagnosticSetting setting => AuditLogMapper.Map(setting, context, parent),
        LogAnalyticsWorkspaceTable table => AuditLogMapper.Map(table, context, parent),
        _ => throw new NotSupportedException(
            $"the Pulumi program cannot map {resource.Kind} '{resource.Name}'; add a mapper in src/PlatformMaturity.Pulumi/Mapping/AzureResources"),
    };
}
