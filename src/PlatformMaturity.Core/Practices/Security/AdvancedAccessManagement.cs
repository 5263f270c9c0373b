using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// Level 5 (supersedes Basic Access Management). Access by persona: aggregated ClusterRoles for developers, auditors
/// and operators, bound to the identity provider's groups (tenant groups per namespace, the auditors' group, and the
/// just-in-time elevation group). On azure Azure RBAC authorizes Kubernetes requests too: the same groups get AKS
/// built-in roles on the cluster and on their namespaces, operators elevate by activating a PIM-eligible group
/// membership, and a break-glass path is documented.
/// </summary>
public sealed class AdvancedAccessManagement : PracticeComponent
{
    /// <summary>Label a ClusterRole carries to add its rules to a persona (aggregationRule selectors).</summary>
    public static string AggregateLabel(string persona) => $"platform.maturity/aggregate-to-{persona}";

    public const string Developer = "developer";
    public const string Auditor = "auditor";
    public const string Operator = "operator";

    /// <summary>The ClusterRole of a persona, aggregated from every ClusterRole carrying its label.</summary>
    public static string PersonaRole(string persona) => $"platform-persona-{persona}";

    /// <summary>The platform's own rules for a persona, aggregated into it beside the built-in roles.</summary>
    public static string PersonaBaseRole(string persona) => $"platform-persona-{persona}-base";

    /// <summary>RoleBinding of a tenant's group to the developer persona in its namespace (a new name: a binding's roleRef cannot change).</summary>
    public const string TenantBindingName = "tenant-developer";

    public const string AuditorBindingName = "platform-auditors";
    public const string ElevationBindingName = "platform-operators-elevated";

    /// <summary>AKS built-in roles (Azure RBAC for Kubernetes authorization).</summary>
    public const string AksClusterUserRole = "Azure Kubernetes Service Cluster User Role";
    public const string AksWriterRole = "Azure Kubernetes Service RBAC Writer";
    public const string AksReaderRole = "Azure Kubernetes Service RBAC Reader";
    public const string AksClusterAdminRole = "Azure Kubernetes Service RBAC Cluster Admin";

    public override string Practice => "Advanced Access Management";

    public override Implementation Implementation => new(
        Existing: "Aggregated ClusterRoles per persona (developer ⊇ edit, auditor ⊇ view plus RBAC reads, operator ⊇ admin plus nodes) bound to OIDC groups: each tenant's group in its namespace, platform:auditorGroup cluster-wide, platform:elevationGroup (granted just in time by the identity provider) cluster-wide",
        Azure: "Azure RBAC for Kubernetes authorization (azure_rbac_enabled) beside Kubernetes RBAC: per tenant group AKS RBAC Writer on its namespace and Cluster User on the cluster, AKS RBAC Reader for platform:auditorGroup, AKS RBAC Cluster Admin for the PIM-eligible platform:elevationGroup; the same persona ClusterRoles as on existing; a documented break-glass path");

    public override void Build(ComponentBuilder component)
    {
        AddPersonas(component);
        var config = component.Config;
        foreach (var tenant in config.Tenants.Where(t => t.Group is not null))
            component.AddObject(Binding(new V1RoleBinding { ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "RoleBinding", Metadata = new V1ObjectMeta { Name = TenantBindingName, NamespaceProperty = tenant.Name } }, Developer, tenant.Group!));
        if (config.AuditorGroup is { } auditors)
            component.AddObject(ClusterBinding(AuditorBindingName, Auditor, auditors));
        if (config.ElevationGroup is { } elevated)
            component.AddObject(ClusterBinding(ElevationBindingName, Operator, elevated));
        else
            component.Note($"No just-in-time elevation group ({ConfigKeys.ElevationGroup.FullName}): operators have no way to administer the cluster besides the admin groups and break-glass.");

        if (component.IsAzure)
            BuildAzure(component);
        else
            component.Note("Personas are bound to your identity provider's groups (the API server's --oidc-groups-claim); grant platform:elevationGroup membership for a limited time in the identity provider, never permanently.");
        component.Note($"Add rules to a persona by labelling a ClusterRole {AggregateLabel("<persona>")}=\"true\" (personas: {Developer}, {Auditor}, {Operator}); see the result: kubectl get clusterrole {PersonaRole(Developer)} -o yaml.");
        component.Note("Capsule: namespaces a team creates itself are covered by Kubernetes RBAC, not by namespace-scoped assignments made before they existed: Capsule binds the tenant's owners (its group) in every namespace of the Capsule tenant as it creates them" +
                       (component.IsAzure ? ", and AKS authorizes a request that either Azure RBAC or Kubernetes RBAC allows." : "."));
    }

    private static void BuildAzure(ComponentBuilder component)
    {
        var config = component.Config;
        var admins = config.AdminGroupObjectIds;
        component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
        {
            RoleBasedAccessControlEnabled = true,
            AzureActiveDirectoryRoleBasedAccessControl = new AzureActiveDirectoryRbac
            {
                AzureRbacEnabled = true,
                AdminGroupObjectIds = admins,
                TenantId = cluster.AzureActiveDirectoryRoleBasedAccessControl?.TenantId,
            },
        });
        var cluster = new AzureRef(Foundation.ClusterName, AzureOutput.Id);
        foreach (var tenant in config.Tenants.Where(t => t.Group is not null))
        {
            Assign(component, $"aks-user-{tenant.Name}", cluster, "", AksClusterUserRole, tenant.Group!);
            Assign(component, $"aks-writer-{tenant.Name}", cluster, $"/namespaces/{tenant.Name}", AksWriterRole, tenant.Group!);
        }
        if (config.AuditorGroup is { } auditors)
        {
            Assign(component, "aks-user-auditors", cluster, "", AksClusterUserRole, auditors);
            Assign(component, "aks-reader-auditors", cluster, "", AksReaderRole, auditors);
        }
        if (config.ElevationGroup is { } elevated)
        {
            Assign(component, "aks-user-elevation", cluster, "", AksClusterUserRole, elevated);
            Assign(component, "aks-admin-elevation", cluster, "", AksClusterAdminRole, elevated);
            component.Note($"Just-in-time elevation: make group {elevated} a PIM for Groups group in Entra ID with eligible (never active) members and a short activation (e.g. 4h, justification and approval); an operator activates it (az rest or the portal: My roles → Groups), then az aks get-credentials and kubelogin, and has {AksClusterAdminRole} until it expires. PIM eligibility lives in Entra ID, not in this Pulumi program.");
        }
        component.Note($"Azure RBAC decides Kubernetes access beside Kubernetes RBAC: tenant groups hold {AksWriterRole} on their namespace only (az role assignment list --scope <cluster id>/namespaces/<tenant>).");
        component.Note("Break-glass (Entra ID unavailable or every admin locked out): a subscription Owner re-enables local accounts, az aks update -g <group> -n <cluster> --enable-local-accounts, takes the admin kubeconfig, az aks get-credentials -g <group> -n <cluster> --admin, fixes access, then disables them again with --disable-local-accounts and rotates the credential: az aks rotate-certs. Every step is in the Activity Log; keep two emergency accounts in " +
                       $"{ConfigKeys.AdminGroupObjectIds.FullName} excluded from conditional access for the case where only Entra sign-in works.");
    }

    private static void Assign(ComponentBuilder component, string name, AzureRef cluster, string suffix, string role, string group) =>
        component.Add(new GroupRoleAssignment
        {
            Name = name,
            Provenance = component.Provenance,
            Scope = cluster,
            ScopeSuffix = suffix,
            RoleDefinitionName = role,
            GroupObjectId = group,
        });

    /// <summary>
    /// Each persona aggregates a built-in role (and everything aggregated into it, including CRD roles charts label so)
    /// and the platform's own additions.
    /// </summary>
    private static void AddPersonas(ComponentBuilder component)
    {
        AddPersona(component, Developer, "rbac.authorization.k8s.io/aggregate-to-edit",
        [
            Rule(["monitoring.coreos.com"], ["servicemonitors", "podmonitors", "prometheusrules"], "get", "list", "watch"),
            Rule(["events.k8s.io"], ["events"], "get", "list", "watch"),
        ]);
        // view leaves out RBAC; auditors need to see who may do what.
        AddPersona(component, Auditor, "rbac.authorization.k8s.io/aggregate-to-view",
        [
            Rule(["rbac.authorization.k8s.io"], ["roles", "rolebindings", "clusterroles", "clusterrolebindings"], "get", "list", "watch"),
            Rule(["admissionregistration.k8s.io"], ["validatingadmissionpolicies", "validatingadmissionpolicybindings"], "get", "list", "watch"),
            Rule([""], ["namespaces", "nodes"], "get", "list", "watch"),
        ]);
        AddPersona(component, Operator, "rbac.authorization.k8s.io/aggregate-to-admin",
        [
            Rule([""], ["nodes"], "get", "list", "watch", "patch"),
            Rule([""], ["namespaces", "persistentvolumes"], "get", "list", "watch"),
            Rule(["storage.k8s.io"], ["storageclasses"], "get", "list", "watch"),
        ]);
    }

    private static void AddPersona(ComponentBuilder component, string persona, string builtInLabel, IList<V1PolicyRule> rules)
    {
        component.AddObject(new V1ClusterRole
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "ClusterRole",
            Metadata = new V1ObjectMeta { Name = PersonaRole(persona) },
            AggregationRule = new V1AggregationRule
            {
                ClusterRoleSelectors =
                [
                    new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [builtInLabel] = "true" } },
                    new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [AggregateLabel(persona)] = "true" } },
                ],
            },
        });
        component.AddObject(new V1ClusterRole
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "ClusterRole",
            Metadata = new V1ObjectMeta { Name = PersonaBaseRole(persona), Labels = new Dictionary<string, string> { [AggregateLabel(persona)] = "true" } },
            Rules = rules,
        });
    }

    private static V1PolicyRule Rule(string[] groups, string[] resources, params string[] verbs) =>
        new() { ApiGroups = groups, Resources = resources, Verbs = verbs };

    private static V1ClusterRoleBinding ClusterBinding(string name, string persona, string group) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRoleBinding",
        Metadata = new V1ObjectMeta { Name = name },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = PersonaRole(persona) },
        Subjects = [Group(group)],
    };

    private static V1RoleBinding Binding(V1RoleBinding binding, string persona, string group)
    {
        binding.RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = PersonaRole(persona) };
        binding.Subjects = [Group(group)];
        return binding;
    }

    private static Rbacv1Subject Group(string name) => new() { ApiGroup = "rbac.authorization.k8s.io", Kind = "Group", Name = name };
}
