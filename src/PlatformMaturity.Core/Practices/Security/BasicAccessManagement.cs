using PlatformMaturity.Composition;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Security;

/// <summary>Level 1: one platform-admin identity and no tenant RBAC (the seed's Level 1 don't).</summary>
public sealed class BasicAccessManagement : PracticeComponent
{
    public override string Practice => "Basic Access Management";

    public override Implementation Implementation => new(
        Existing: "Cluster-admin access through the kubeconfig you deploy with; no tenant RBAC at Level 1",
        Azure: "AKS local admin account (Kubernetes RBAC on, local accounts enabled) for the platform team; no tenant RBAC at Level 1");

    public override void Build(ComponentBuilder component)
    {
        if (component.IsAzure)
        {
            component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
            {
                RoleBasedAccessControlEnabled = true,
                LocalAccountDisabled = false,
            });
            component.Note("Get the admin kubeconfig with: az aks get-credentials --resource-group <group> --name <cluster> --admin");
        }
        else
        {
            component.Note("The platform uses the credentials of your kubeconfig's current (or configured) context; keep them to the platform team.");
        }
        component.Note("No RoleBindings for tenants yet: the seed keeps RBAC out of Level 1.");
    }
}
