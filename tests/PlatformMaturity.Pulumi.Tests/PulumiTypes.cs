using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.PulumiHost.Tests;

/// <summary>The Pulumi type token each kind of graph resource must become (Pulumi.Azure / Pulumi.Kubernetes tokens).</summary>
public static class PulumiTypes
{
    public const string Provider = "pulumi:providers:kubernetes";

    public static string Of(GraphResource resource) => resource switch
    {
        ResourceGroup => "azure:core/resourceGroup:ResourceGroup",
        KubernetesCluster => "azure:containerservice/kubernetesCluster:KubernetesCluster",
        KubernetesClusterNodePool => "azure:containerservice/kubernetesClusterNodePool:KubernetesClusterNodePool",
        ContainerRegistry => "azure:containerservice/registry:Registry",
        KeyVault => "azure:keyvault/keyVault:KeyVault",
        LogAnalyticsWorkspace => "azure:operationalinsights/analyticsWorkspace:AnalyticsWorkspace",
        StorageAccount => "azure:storage/account:Account",
        StorageContainer => "azure:storage/container:Container",
        UserAssignedIdentity => "azure:authorization/userAssignedIdentity:UserAssignedIdentity",
        FederatedIdentityCredential => "azure:armmsi/federatedIdentityCredential:FederatedIdentityCredential",
        RoleAssignment => "azure:authorization/assignment:Assignment",
        BudgetResourceGroup => "azure:consumption/budgetResourceGroup:BudgetResourceGroup",
        FrontDoorProfile => "azure:cdn/frontdoorProfile:FrontdoorProfile",
        FrontDoorEndpoint => "azure:cdn/frontdoorEndpoint:FrontdoorEndpoint",
        FrontDoorOriginGroup => "azure:cdn/frontdoorOriginGroup:FrontdoorOriginGroup",
        FrontDoorOrigin => "azure:cdn/frontdoorOrigin:FrontdoorOrigin",
        FrontDoorRoute => "azure:cdn/frontdoorRoute:FrontdoorRoute",
        PolicyAssignment => "azure:core/resourcePolicyAssignment:ResourcePolicyAssignment",
        DiagnosticSetting => "azure:monitoring/diagnosticSetting:DiagnosticSetting",
        LogAnalyticsWorkspaceTable => "azure:loganalytics/workspaceTable:WorkspaceTable",
        HelmRelease => "kubernetes:helm.sh/v3:Release",
        KubernetesResource => "kubernetes:yaml/v2:ConfigGroup",
        ConfigSecret => "kubernetes:core/v1:Secret",
        _ => throw new ArgumentException($"no expected Pulumi type for {resource.GetType().Name}; add it here when the graph gains a kind"),
    };
}
