using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.GitOps;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Security;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// The fleet's Argo CD hub (Multi-cluster Platform, Level 5; DESIGN-fleet-hub.md): the first member's Argo CD. Why the
/// first: Pulumi names it without a prefix and it already holds the platform's root Application, so the hub adds
/// registrations to an Argo CD that exists, and moving the hub is the runbook's reordering of platform:clusters.
/// Every other member joins it as a cluster Secret labelled with <see cref="MultiClusterPlatform.Labels"/>; tenant
/// ApplicationSets place apps through a cluster generator on those labels (<see cref="TenantPlacement"/>). Each
/// member's own Argo CD keeps applying the member's platform components from its folder of the GitOps tree (Level 4's
/// hand-over stays as it is, so 4→5 moves no live object to another applier), and its in-cluster Secret carries the
/// member's labels and bridge annotations as before.
/// </summary>
/// <remarks>
/// Authentication without static credentials. azure: members are Entra-only (local accounts off from Level 4), so the
/// Secret's config runs Argo CD's own exec plugin <c>argocd-k8s-auth azure</c> with <c>AAD_LOGIN_METHOD=workloadidentity</c>
/// (argoproj/argo-cd docs/operator-manual/declarative-setup.md, "AKS"; cmd/argocd-k8s-auth/commands/azure.go of v3: workload
/// identity login by default, the AKS server application id by default, AAD_ENVIRONMENT_NAME read; the image of v3.4.4,
/// chart 10.1.1's appVersion, carries argocd-k8s-auth): a user-assigned identity federated
/// with the application controller's and the server's service accounts on every cluster (the copies make a standby's
/// Argo CD able to take over without a new identity), the chart's <c>controller/server.serviceAccount.annotations</c>
/// and <c>podLabels</c> (keys in tests/TestData/chart-values/argo-cd-10.1.1.keys), and the role
/// "Azure Kubernetes Service RBAC Cluster Admin" on each cluster (Azure RBAC for Kubernetes, Advanced Access Management).
/// existing: Pulumi cannot read credentials out of a kubeconfig, so members join with <c>argocd cluster add &lt;context&gt;</c>
/// and the same labels (<see cref="AddCommand"/>), which the runbook and the plan print.
/// </remarks>
internal static class FleetHub
{
    public const string IdentityName = "argocd-hub-identity";
    public const string ControllerServiceAccount = "argocd-application-controller";
    public const string ServerServiceAccount = "argocd-server";
    public const string ControllerFederation = "argocd-hub-controller-federation";
    public const string ServerFederation = "argocd-hub-server-federation";
    public const string ClusterAdminAssignment = "argocd-hub-cluster-admin";
    public const string ClusterAdminRole = "Azure Kubernetes Service RBAC Cluster Admin";

    /// <summary>Name of the hub's cluster Secret registering a member.</summary>
    public static string SecretName(string key) => $"cluster-{key}";

    public static void Add(ComponentBuilder component)
    {
        var config = component.Config;
        var refs = ClusterMembers.Refs(config);
        // The hub's own registration (the in-cluster Secret) joins with the first member's labels.
        component.ContributeObject<V1Secret>(ComponentBuilder.KubernetesName(InClusterSecretShape()), secret =>
        {
            foreach (var (key, value) in MultiClusterPlatform.Labels(config, config.Members[0]))
                secret.Metadata.Labels[key] = value;
        });
        AddStandbyRegistrations(component, refs);
        for (var i = 1; i < config.Members.Length; i++)
        {
            if (!config.IsAzure)
            {
                component.Note($"Join '{config.Members[i].Name}' to the hub (once, from a shell with both contexts): {AddCommand(config, config.Members[i])}");
                continue;
            }
            var (secret, fromAzure) = MemberSecret(config, config.Members[i], refs[i]);
            secret.Metadata.Labels = StandardLabels.Apply(secret.Metadata.Labels, config, component.Provenance);
            component.Add(new KubernetesResource
            {
                Name = ComponentBuilder.KubernetesName(secret), Provenance = component.Provenance, Cluster = ClusterRef.PrimaryKey,
                Object = secret, TextFromAzure = fromAzure, PrimaryOnly = true,
                DependsOn = [GitOpsPlatformManagement.ReleaseName, ClusterAdminAssignment],
            });
        }
        component.Note($"Argo CD hub: {config.Members[0].Name}; members join as cluster Secrets in {GitOpsPlatformManagement.Namespace} labelled {string.Join(", ", LabelKeys(config))}; tenant apps are placed by a cluster generator on those labels (general apps never on a member with a capability). Check: kubectl get secrets -n {GitOpsPlatformManagement.Namespace} -l {GitOpsBridge.SecretTypeLabel}=cluster --show-labels");
    }

    /// <summary>
    /// A warm standby (azure): the standby's Argo CD holds the same registrations of every other cluster, hub included.
    /// They are inert (no ApplicationSet on the standby selects them: the tenants' are on the hub only) until the runbook
    /// applies the tenants' ApplicationSets there; the standby already signs in as the hub identity (its copies of the
    /// federation and the role assignments), so failing over needs no credential.
    /// </summary>
    private static void AddStandbyRegistrations(ComponentBuilder component, ImmutableArray<ClusterRef> refs)
    {
        var config = component.Config;
        if (!config.IsAzure || MultiClusterPlatform.Standby(config) is not { } standby)
            return;
        var at = refs[config.Members.IndexOf(standby)].Key;
        for (var i = 0; i < config.Members.Length; i++)
        {
            if (config.Members[i] == standby)
                continue;
            var (secret, fromAzure) = MemberSecret(config, config.Members[i], refs[i]);
            secret.Metadata.Labels = StandardLabels.Apply(secret.Metadata.Labels, config, component.Provenance);
            component.Add(new KubernetesResource
            {
                Name = ComponentBuilder.KubernetesName(secret, at), Provenance = component.Provenance, Cluster = at,
                Object = secret, TextFromAzure = fromAzure,
                DependsOn = [ClusterMembers.CopyName(at, GitOpsPlatformManagement.ReleaseName), ClusterMembers.CopyName(at, ClusterAdminAssignment)],
            });
        }
    }

    /// <summary>Every label key a member joins the hub with (what selectors may use).</summary>
    public static IEnumerable<string> LabelKeys(PlatformConfig config) =>
        config.Members.SelectMany(m => MultiClusterPlatform.Labels(config, m).Keys).Append(GitOpsBridge.PlatformLabel).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static V1Secret InClusterSecretShape() => new()
    {
        Kind = "Secret",
        Metadata = new V1ObjectMeta { Name = GitOpsBridge.ClusterSecretName, NamespaceProperty = GitOpsPlatformManagement.Namespace },
    };

    /// <summary>
    /// Whether Argo CD gets the hub's Azure identity: an azure fleet of several members. Identity-based Access Control
    /// (Level 5) owns it like every platform workload identity: Argo CD's release reads it and the members' copies of its
    /// federated credential and role assignment name it, and neither Argo CD nor a member may own what the other needs.
    /// </summary>
    public static bool HasIdentity(ComponentBuilder component) =>
        component.Config.IsAzure && component.Config.Members.Length > 1 && component.Implements(WellKnown.MultiClusterPlatform)
        && component.Implements(WellKnown.IdentityBasedAccessControl);

    /// <summary>The Argo CD chart values that give the controller and the server the hub identity (workload identity).</summary>
    public static HelmValues IdentityValues(HelmValues values) => values
        .With($"controller.podLabels.\"{WorkloadIdentity.UseLabel}\"", "true")
        .With($"server.podLabels.\"{WorkloadIdentity.UseLabel}\"", "true");

    public static IReadOnlyDictionary<string, AzureRef> IdentityValuesFromAzure => new Dictionary<string, AzureRef>
    {
        [$"controller.serviceAccount.annotations.\"{WorkloadIdentity.ClientIdAnnotation}\""] = new AzureRef(IdentityName, AzureOutput.ClientId),
        [$"server.serviceAccount.annotations.\"{WorkloadIdentity.ClientIdAnnotation}\""] = new AzureRef(IdentityName, AzureOutput.ClientId),
    };

    /// <summary>The hub's identity: federated with the controller's and the server's service accounts, cluster admin through Azure RBAC.</summary>
    public static void AddIdentity(ComponentBuilder component)
    {
        WorkloadIdentity.Add(component, IdentityName, ControllerFederation, GitOpsPlatformManagement.Namespace, ControllerServiceAccount);
        component.Add(new FederatedIdentityCredential
        {
            Name = ServerFederation, Provenance = component.Provenance, Identity = IdentityName,
            Cluster = Foundation.ClusterName, Subject = $"system:serviceaccount:{GitOpsPlatformManagement.Namespace}:{ServerServiceAccount}",
            // Azure refuses concurrent writes of federated credentials of one identity.
            DependsOn = [ControllerFederation],
        });
        // Scoped to the first cluster, so every member's copy is scoped to the member (ClusterMembers).
        component.Add(new RoleAssignment
        {
            Name = ClusterAdminAssignment, Provenance = component.Provenance,
            Scope = new AzureRef(Foundation.ClusterName, AzureOutput.Id), RoleDefinitionName = ClusterAdminRole,
            PrincipalId = new AzureRef(IdentityName, AzureOutput.PrincipalId),
        });
    }

    /// <summary>
    /// A member's cluster Secret on the hub (azure): its API server, its CA and the exec plugin that gets an Entra token
    /// through workload identity, and its labels; the Pulumi host fills in the Azure outputs.
    /// </summary>
    public static (V1Secret Secret, ImmutableArray<AzureRef> FromAzure) MemberSecret(PlatformConfig config, ClusterMember member, ClusterRef cluster)
    {
        var fqdn = new AzureRef(cluster.AksResource!, AzureOutput.Fqdn);
        var ca = new AzureRef(cluster.AksResource!, AzureOutput.ClusterCaCertificate);
        var clientId = new AzureRef(IdentityName, AzureOutput.ClientId);
        var labels = new Dictionary<string, string>(MultiClusterPlatform.Labels(config, member), StringComparer.Ordinal)
        {
            [GitOpsBridge.SecretTypeLabel] = "cluster",
            [GitOpsBridge.ClusterLabel] = cluster.Key,
            [GitOpsBridge.PlatformLabel] = config.Name,
        };
        var exec = new JsonObject
        {
            ["command"] = "argocd-k8s-auth",
            ["args"] = new JsonArray("azure"),
            ["env"] = new JsonObject
            {
                ["AAD_ENVIRONMENT_NAME"] = "AzurePublicCloud",
                ["AAD_LOGIN_METHOD"] = "workloadidentity",
                ["AZURE_CLIENT_ID"] = clientId.Placeholder,
            },
            ["apiVersion"] = "client.authentication.k8s.io/v1beta1",
        };
        var configJson = new JsonObject
        {
            ["execProviderConfig"] = exec,
            ["tlsClientConfig"] = new JsonObject { ["insecure"] = false, ["caData"] = ca.Placeholder },
        };
        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = SecretName(cluster.Key), NamespaceProperty = GitOpsPlatformManagement.Namespace, Labels = labels },
            Type = "Opaque",
            StringData = new Dictionary<string, string>
            {
                ["name"] = member.Name,
                ["server"] = $"https://{fqdn.Placeholder}:443",
                ["config"] = configJson.ToJsonString(),
            },
        };
        return (secret, [fqdn, ca, clientId]);
    }

    /// <summary>The command that registers an existing member with the hub under its name and labels.</summary>
    public static string AddCommand(PlatformConfig config, ClusterMember member)
    {
        var labels = MultiClusterPlatform.Labels(config, member).Append(KeyValuePair.Create(GitOpsBridge.PlatformLabel, config.Name))
            .OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => $"--label {l.Key}={l.Value}");
        return $"argocd cluster add {member.KubeContext ?? member.Name} --name {member.Name} {string.Join(" ", labels)} --upsert --yes";
    }

    /// <summary>
    /// The cluster generator that places a tenant's general apps: every cluster of this platform and environment that
    /// has none of the fleet's capabilities (a GPU member runs GPU workloads, which select its capability label).
    /// </summary>
    public static JsonObject TenantPlacement(PlatformConfig config)
    {
        var selector = new JsonObject
        {
            ["matchLabels"] = new JsonObject
            {
                [GitOpsBridge.PlatformLabel] = config.Name,
                [MultiClusterPlatform.EnvironmentLabel] = ConfigNames.Of(config.Environment),
            },
        };
        var capabilities = config.Members.SelectMany(m => m.Capabilities).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (capabilities.Count > 0)
            selector["matchExpressions"] = new JsonArray([.. capabilities.Select(c => (JsonNode)new JsonObject
            {
                ["key"] = MultiClusterPlatform.CapabilityLabel(c),
                ["operator"] = "DoesNotExist",
            })]);
        return new JsonObject { ["clusters"] = new JsonObject { ["selector"] = selector } };
    }

    /// <summary>The goTemplate expression of the generated cluster's member name (for Application names).</summary>
    public static string MemberTemplate => $"{{{{ index .metadata.labels \"{MultiClusterPlatform.MemberLabel}\" }}}}";

    /// <summary>Whether the hub places tenant apps: Multi-cluster Platform with Argo CD in the same graph.</summary>
    public static bool Places(ComponentBuilder component) =>
        component.Implements(WellKnown.MultiClusterPlatform) && component.Implements(GitOpsDelivery.Practice);
}
