using System.Text.Json.Serialization;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Graph;

/// <summary>
/// Source-generated JSON metadata for the graph's own resource records (Kubernetes objects use the client library's
/// context). Flattening a resource into settings serialises it; built by reflection, that metadata cost a short-lived
/// pmctl more than composing the graph did. Every concrete <see cref="GraphResource"/> other than
/// <see cref="KubernetesResource"/> is listed (a test keeps the list complete).
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConfigSecret))]
[JsonSerializable(typeof(HelmRelease))]
[JsonSerializable(typeof(BudgetResourceGroup))]
[JsonSerializable(typeof(ContainerRegistry))]
[JsonSerializable(typeof(DiagnosticSetting))]
[JsonSerializable(typeof(LogAnalyticsWorkspaceTable))]
[JsonSerializable(typeof(KubernetesFleetManager))]
[JsonSerializable(typeof(FleetMember))]
[JsonSerializable(typeof(FleetUpdateStrategy))]
[JsonSerializable(typeof(FleetUpdateRun))]
[JsonSerializable(typeof(FrontDoorProfile))]
[JsonSerializable(typeof(FrontDoorEndpoint))]
[JsonSerializable(typeof(FrontDoorOriginGroup))]
[JsonSerializable(typeof(FrontDoorOrigin))]
[JsonSerializable(typeof(FrontDoorRoute))]
[JsonSerializable(typeof(KeyVault))]
[JsonSerializable(typeof(KubernetesCluster))]
[JsonSerializable(typeof(KubernetesClusterNodePool))]
[JsonSerializable(typeof(LogAnalyticsWorkspace))]
[JsonSerializable(typeof(PolicyAssignment))]
[JsonSerializable(typeof(ResourceGroup))]
[JsonSerializable(typeof(ResourceGroupPolicyAssignment))]
[JsonSerializable(typeof(RoleAssignment))]
[JsonSerializable(typeof(GroupRoleAssignment))]
[JsonSerializable(typeof(StorageAccount))]
[JsonSerializable(typeof(StorageContainer))]
[JsonSerializable(typeof(UserAssignedIdentity))]
[JsonSerializable(typeof(FederatedIdentityCredential))]
[JsonSerializable(typeof(VirtualNetwork))]
[JsonSerializable(typeof(Subnet))]
[JsonSerializable(typeof(VirtualNetworkPeering))]
internal sealed partial class GraphJsonContext : JsonSerializerContext;
