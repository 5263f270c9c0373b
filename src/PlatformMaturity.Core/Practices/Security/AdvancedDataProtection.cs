using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Model;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// Levels 3–5 (supersedes Basic Secrets Management): workloads read secrets from a vault, not from Git. On azure the
/// Key Vault Secrets Store CSI driver with rotation and workload identity, and host encryption on the nodes; on
/// existing external-secrets with the platform's ClusterSecretStore.
/// </summary>
public sealed class AdvancedDataProtection : PracticeComponent
{
    public const string BasicPractice = "Basic Secrets Management";
    public const string ReleaseName = "external-secrets";
    public const string Namespace = "external-secrets";
    public const string StoreName = "platform";

    /// <summary>Where the default (Kubernetes provider) store reads secrets from.</summary>
    public const string SecretsNamespace = "platform-secrets";

    /// <summary>Service account the default store authenticates as; it may read Secrets in <see cref="SecretsNamespace"/> only.</summary>
    public const string StoreServiceAccount = "platform-secret-store";

    public const string SecretRotationInterval = "2m";

    public override string Practice => "Advanced Data Protection";

    public override Implementation Implementation => new(
        Existing: $"external-secrets (chart {Pins.ExternalSecrets.Version}, 2 replicas with PodDisruptionBudgets) and the ClusterSecretStore '{StoreName}' from platform:secretStore (default: the Kubernetes provider over the {SecretsNamespace} namespace), usable from tenant namespaces",
        Azure: $"Key Vault Secrets Store CSI driver with rotation every {SecretRotationInterval}, OIDC issuer and workload identity, host encryption on the system node pool; the platform Key Vault once Basic Secrets Management is superseded");

    public override void Build(ComponentBuilder component)
    {
        if (component.IsAzure)
            BuildAzure(component);
        else
            BuildExisting(component);
    }

    private static void BuildAzure(ComponentBuilder component)
    {
        // From Level 4 the basic practice is superseded: its Key Vault stays, now owned here (same name, aliased).
        if (!component.InEffect(BasicPractice))
        {
            var provenance = component.Since(MaturityModel.Default.Practice(BasicPractice).ListedAt[^1] + 1);
            component.Add(new KeyVault
            {
                Name = BasicSecretsManagement.KeyVaultName,
                Provenance = provenance,
                ResourceGroup = Foundation.ResourceGroupName,
                Location = component.Config.PrimaryRegion,
                Tags = StandardLabels.AzureTags(component.Config, provenance),
            });
        }
        component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
        {
            KeyVaultSecretsProvider = new KeyVaultSecretsProvider(SecretRotationEnabled: true, SecretRotationInterval),
            OidcIssuerEnabled = true,
            WorkloadIdentityEnabled = true,
            DefaultNodePool = cluster.DefaultNodePool with { HostEncryptionEnabled = true },
        });
        if (component.Existing<KubernetesClusterNodePool>().Any(p => p.Name == WellKnown.UserNodePool))
            component.Contribute<KubernetesClusterNodePool>(WellKnown.UserNodePool, pool => pool with { Pool = pool.Pool with { HostEncryptionEnabled = true } });
        component.Note("Host encryption needs the subscription feature once: az feature register --namespace Microsoft.Compute --name EncryptionAtHost (then az provider register -n Microsoft.Compute). Turning it on rotates the system node pool.");
        component.Note("A workload reads Key Vault secrets as files: a SecretProviderClass (provider azure, the vault's name and tenant id, clientID of a user-assigned identity) mounted through the secrets-store.csi.k8s.io CSI driver; rotated secrets appear within " + SecretRotationInterval + ".");
        component.Note("Workload identity: create a user-assigned identity with Key Vault Secrets User on the vault, federate it with the cluster's OIDC issuer for system:serviceaccount:<tenant>:<sa>, annotate the service account with azure.workload.identity/client-id and label the pods azure.workload.identity/use=true.");
    }

    private static void BuildExisting(ComponentBuilder component)
    {
        var config = component.Config;
        component.AddPlatformNamespace(Namespace);
        var values = HelmValues.From(
                ("installCRDs", true),
                ("image.tag", Pins.ExternalSecretsImageTag),
                ("webhook.image.tag", Pins.ExternalSecretsImageTag),
                ("certController.image.tag", Pins.ExternalSecretsImageTag),
                ("replicaCount", 2),
                ("leaderElect", true),
                ("podDisruptionBudget.enabled", true),
                ("webhook.replicaCount", 2),
                ("webhook.podDisruptionBudget.enabled", true),
                ("certController.replicaCount", 2),
                ("certController.podDisruptionBudget.enabled", true))
            .With("serviceMonitor.enabled", component.HasMonitoring);
        if (component.HasMonitoring)
            values = values.With("serviceMonitor.additionalLabels.release", WellKnown.PrometheusStackRelease);
        component.AddRelease(ReleaseName, Namespace, Pins.ExternalSecrets, values,
            providesApiGroups: ["external-secrets.io", "generators.external-secrets.io"],
            dependsOn: component.HasMonitoring ? [WellKnown.PrometheusStackRelease] : null,
            createNamespace: false);

        JsonObject provider;
        if (config.SecretStoreProvider is { } configured)
        {
            provider = JsonNode.Parse(configured)!.AsObject();
            component.Note($"The ClusterSecretStore '{StoreName}' uses the {provider.First().Key} provider from {ConfigKeys.SecretStore.FullName}.");
        }
        else
        {
            provider = AddKubernetesProviderStore(component);
        }

        var store = new CustomObject
        {
            ApiVersion = "external-secrets.io/v1",
            Kind = "ClusterSecretStore",
            Metadata = new V1ObjectMeta { Name = StoreName },
            Spec = new JsonObject { ["provider"] = provider },
        };
        if (!config.Tenants.IsDefaultOrEmpty)
        {
            // Only tenant namespaces may read through the platform's store.
            // From Level 5 teams create namespaces through Capsule: select the tenants' namespaces by their tenant label then.
            store.Spec["conditions"] = new JsonArray(Delivery.KubernetesLandingZone.SelfServiceNamespaces(config)
                ? new JsonObject { ["namespaceSelector"] = JsonNode.Parse(k8s.KubernetesJson.Serialize(PlatformObjects.TenantNamespaces(config))) }
                : new JsonObject { ["namespaces"] = new JsonArray([.. config.Tenants.Select(t => JsonValue.Create(t.Name))]) });
        }
        component.AddObject(store);
        component.Note($"Tenants fetch secrets with an ExternalSecret in their namespace: spec.secretStoreRef {{kind: ClusterSecretStore, name: {StoreName}}}, spec.data[].remoteRef.key = the secret's name in the store. The Secret it creates is never in Git.");
        component.Note($"Check the store: kubectl get clustersecretstore {StoreName} (READY True) and kubectl get externalsecret -n <tenant>.");
    }

    /// <summary>The default store: Secrets the platform team keeps in one namespace, read through a service account that may read nothing else.</summary>
    private static JsonObject AddKubernetesProviderStore(ComponentBuilder component)
    {
        component.AddPlatformNamespace(SecretsNamespace);
        component.AddObject(new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = new V1ObjectMeta { Name = StoreServiceAccount, NamespaceProperty = Namespace },
        });
        component.AddObject(new V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "Role",
            Metadata = new V1ObjectMeta { Name = StoreServiceAccount, NamespaceProperty = SecretsNamespace },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["secrets"], Verbs = ["get", "list", "watch"] }],
        });
        component.AddObject(new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "RoleBinding",
            Metadata = new V1ObjectMeta { Name = StoreServiceAccount, NamespaceProperty = SecretsNamespace },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = StoreServiceAccount },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = StoreServiceAccount, NamespaceProperty = Namespace }],
        });
        component.Note($"The store reads Secrets the platform team keeps in the {SecretsNamespace} namespace (kubectl create secret generic <name> -n {SecretsNamespace} --from-literal=<key>=<value>); every tenant may read them, so keep team-specific secrets in a vault and point {ConfigKeys.SecretStore.FullName} at it.");
        return new JsonObject
        {
            ["kubernetes"] = new JsonObject
            {
                ["remoteNamespace"] = SecretsNamespace,
                ["server"] = new JsonObject
                {
                    ["caProvider"] = new JsonObject
                    {
                        ["type"] = "ConfigMap",
                        ["name"] = "kube-root-ca.crt",
                        ["key"] = "ca.crt",
                        ["namespace"] = SecretsNamespace,
                    },
                },
                ["auth"] = new JsonObject
                {
                    ["serviceAccount"] = new JsonObject { ["name"] = StoreServiceAccount, ["namespace"] = Namespace },
                },
            },
        };
    }
}
