using PlatformMaturity.Composition;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Entra workload identity for a platform component on AKS: a user-assigned identity its service account is
/// federated with, so the pod gets Azure tokens without stored credentials.
/// </summary>
internal static class WorkloadIdentity
{
    /// <summary>Service-account annotation naming the identity's client id.</summary>
    public const string ClientIdAnnotation = "azure.workload.identity/client-id";

    /// <summary>Pod label that makes the AKS webhook inject the token.</summary>
    public const string UseLabel = "azure.workload.identity/use";

    /// <summary>Adds the identity and its federated credential, and turns on the cluster's OIDC issuer and workload identity.</summary>
    public static void Add(ComponentBuilder component, string identity, string federation, string ns, string serviceAccount, Graph.Provenance? provenance = null)
    {
        var p = provenance ?? component.Provenance;
        component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
        {
            OidcIssuerEnabled = true,
            WorkloadIdentityEnabled = true,
        });
        component.Add(new UserAssignedIdentity
        {
            Name = identity,
            Provenance = p,
            ResourceGroup = Foundation.ResourceGroupName,
            Location = component.Config.PrimaryRegion,
            Tags = StandardLabels.AzureTags(component.Config, p),
        });
        component.Add(new FederatedIdentityCredential
        {
            Name = federation,
            Provenance = p,
            Identity = identity,
            Cluster = Foundation.ClusterName,
            Subject = $"system:serviceaccount:{ns}:{serviceAccount}",
        });
    }
}
