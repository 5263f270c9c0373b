using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// Levels 1–2 (carried to 4). Level 1: one platform-admin identity and no tenant RBAC (the seed's Level 1 don't).
/// From Level 2: each team edits its own namespace, auditors read everything, and on azure people sign in with Entra ID.
/// </summary>
public sealed class BasicAccessManagement : PracticeComponent
{
    /// <summary>The level that brings tenant RBAC (with Hard multi-tenancy); Level 1 has none by design.</summary>
    public const int RbacFromLevel = 2;

    /// <summary>Name of the RoleBinding in each tenant namespace that gives the team's group the built-in edit role.</summary>
    public const string TenantBindingName = "tenant-edit";

    /// <summary>Name of the ClusterRoleBinding that gives the auditors' group the built-in view role.</summary>
    public const string AuditorBindingName = "platform-auditors-view";

    public override string Practice => "Basic Access Management";

    public override Implementation Implementation => new(
        Existing: "Level 1: cluster-admin through the kubeconfig you deploy with, no tenant RBAC. From Level 2: per tenant a RoleBinding of the built-in edit role to the team's group, and the view role cluster-wide for platform:auditorGroup",
        Azure: "Level 1: the AKS local admin account (Kubernetes RBAC on), no tenant RBAC. From Level 2: Entra ID integration with platform:adminGroupObjectIds as cluster admins, per tenant a RoleBinding of edit to the team's Entra group, view cluster-wide for platform:auditorGroup");

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

        if (component.Level < RbacFromLevel)
        {
            component.Note("No RoleBindings for tenants yet: the maturity model keeps RBAC out of Level 1.");
            return;
        }
        if (component.IsAzure)
            IntegrateEntraId(component);
        BindTenants(component);
        BindAuditors(component);
    }

    /// <summary>Entra ID sign-in with Kubernetes RBAC deciding access; the local admin account stays as the platform team's way in until Level 4 audits access.</summary>
    private static void IntegrateEntraId(ComponentBuilder component)
    {
        var admins = component.Config.AdminGroupObjectIds;
        component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
        {
            AzureActiveDirectoryRoleBasedAccessControl = new AzureActiveDirectoryRbac
            {
                AzureRbacEnabled = false,
                AdminGroupObjectIds = admins,
            },
        }, component.Since(RbacFromLevel));
        component.Note("People sign in with Entra ID: az aks get-credentials --resource-group <group> --name <cluster>, then kubectl asks kubelogin for a token.");
        if (admins.IsDefaultOrEmpty)
            component.Note($"No Entra ID admin group is configured ({ConfigKeys.AdminGroupObjectIds.FullName}): only the local admin account administers the cluster. Set it before Level 4 disables local accounts.");
    }

    private static void BindTenants(ComponentBuilder component)
    {
        foreach (var tenant in component.Config.Tenants)
        {
            component.AddObject(new V1RoleBinding
            {
                ApiVersion = "rbac.authorization.k8s.io/v1",
                Kind = "RoleBinding",
                Metadata = new V1ObjectMeta { Name = TenantBindingName, NamespaceProperty = tenant.Name },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "edit" },
                Subjects = [Group(tenant.Group ?? throw new InvalidOperationException($"tenant {tenant.Name} has no group; from Level {RbacFromLevel} every tenant needs one"))],
            }, component.Since(RbacFromLevel));
        }
        component.Note("Each team's group may create and change workloads in its own namespace (built-in edit role), but not RBAC, quotas or other namespaces.");
    }

    private static void BindAuditors(ComponentBuilder component)
    {
        if (component.Config.AuditorGroup is not { } auditors)
        {
            component.Note($"No auditor group is configured ({ConfigKeys.AuditorGroup.FullName}): nobody has read-only access to the whole platform.");
            return;
        }
        component.AddObject(new V1ClusterRoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "ClusterRoleBinding",
            Metadata = new V1ObjectMeta { Name = AuditorBindingName },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "view" },
            Subjects = [Group(auditors)],
        }, component.Since(RbacFromLevel));
        component.Note("Auditors read every namespace through the built-in view role, which excludes Secrets.");
    }

    private static Rbacv1Subject Group(string name) => new() { ApiGroup = "rbac.authorization.k8s.io", Kind = "Group", Name = name };
}
