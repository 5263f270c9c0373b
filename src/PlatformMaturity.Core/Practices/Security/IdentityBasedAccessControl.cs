using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// Level 5: every workload that reaches a cloud API does so as its own identity, never with a stored credential.
/// Platform components already do (Velero and Loki through federated user-assigned identities on azure, Velero through
/// a projected service-account token and an assumed role on existing); this practice adds the same to the tenant
/// service accounts listed in a tenant's <c>workloadIdentities</c> and reports the inventory.
/// </summary>
public sealed class IdentityBasedAccessControl : PracticeComponent
{
    /// <summary>Graph name of a tenant service account's user-assigned identity.</summary>
    public static string IdentityName(string tenant, string serviceAccount) => $"wi-{tenant}-{serviceAccount}";

    /// <summary>Graph name of the federated credential tying the identity to the service account.</summary>
    public static string FederationName(string tenant, string serviceAccount) => $"{IdentityName(tenant, serviceAccount)}-federation";

    public override string Practice => WellKnown.IdentityBasedAccessControl;

    public override Implementation Implementation => new(
        Existing: "Projected, audience-bound, expiring service-account tokens: Velero assumes the role of platform:backupRoleArn with one (no stored key); tenant pods project a token for their cloud's STS, whose role trusts this cluster's issuer; mesh identities (SPIFFE) between services where the mesh runs",
        Azure: "OIDC issuer and workload identity on AKS; a user-assigned identity and a federated credential per platform component that reaches Azure (Velero, Loki) and per tenant service account of workloadIdentities (the client id in stack output workloadIdentities, for the app's golden path to annotate its service account); no keys, no client secrets, storage accounts without shared keys");

    public override void Build(ComponentBuilder component)
    {
        if (component.IsAzure)
        {
            component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
            {
                OidcIssuerEnabled = true,
                WorkloadIdentityEnabled = true,
            });
        }
        // The fleet's Argo CD hub reaches the members as a workload identity too (Multi-cluster Platform's FleetHub).
        if (Availability.FleetHub.HasIdentity(component))
            Availability.FleetHub.AddIdentity(component);
        foreach (var tenant in component.Config.Tenants)
        {
            foreach (var serviceAccount in tenant.WorkloadIdentities)
                AddTenantIdentity(component, tenant.Name, serviceAccount);
        }

        var federated = component.Existing<FederatedIdentityCredential>().Where(f => f.Cluster is not null).Select(f => f.Subject).Order(StringComparer.Ordinal).ToList();
        if (component.IsAzure)
        {
            component.Note(federated.Count == 0
                ? "No service account is federated with an Entra identity yet."
                : $"Service accounts federated with Entra identities (no stored credential): {string.Join(", ", federated)}.");
            component.Note("A tenant pod uses its identity when labelled azure.workload.identity/use=true and run as the annotated service account; grant the identity roles on what it needs: az role assignment create --assignee <principal id> --role <role> --scope <resource id>.");
        }
        else
        {
            component.Note("A tenant pod reaches its cloud without a stored key by projecting a service-account token (volume projected.sources.serviceAccountToken with the STS audience) and exchanging it for a role that trusts this cluster's issuer (kubectl get --raw /.well-known/openid-configuration).");
        }
        component.Note("No static cloud credential is kept in the cluster: no Secret or Helm value holds an access key, client secret, account key or credentials file.");
    }

    /// <summary>
    /// On azure the identity and its federated credential; the ServiceAccount itself belongs to the app (its golden path
    /// renders it, annotated with --set identity-client-id), so the platform and the app never both own it. The client
    /// id is a stack output. On existing the trust is on the cloud's side (a role trusting this cluster's issuer).
    /// </summary>
    private static void AddTenantIdentity(ComponentBuilder component, string tenant, string serviceAccount)
    {
        if (!component.IsAzure)
            return;
        WorkloadIdentity.Add(component, IdentityName(tenant, serviceAccount), FederationName(tenant, serviceAccount), tenant, serviceAccount);
        component.Note($"{tenant}/{serviceAccount} is federated with identity {IdentityName(tenant, serviceAccount)}: pmctl app new <path> {serviceAccount} --stack <stack> --set identity-client-id=$(pulumi stack output {WorkloadIdentitiesOutput} --json | jq -r '.\"{tenant}/{serviceAccount}\"').");
    }

    /// <summary>Stack output: "tenant/service-account" → the client id of its identity (azure).</summary>
    public const string WorkloadIdentitiesOutput = "workloadIdentities";
}
