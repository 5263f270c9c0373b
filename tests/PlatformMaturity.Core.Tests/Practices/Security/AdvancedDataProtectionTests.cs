using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Security;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>Advanced Data Protection: secrets from a vault (Key Vault CSI on azure, external-secrets on existing), host encryption.</summary>
public sealed class AdvancedDataProtectionTests
{
    [Fact]
    public void On_existing_external_secrets_serves_a_cluster_secret_store_to_the_tenants()
    {
        var graph = Compose(Existing(3));
        var release = graph.Release(AdvancedDataProtection.ReleaseName);
        Assert.Equal(Pins.ExternalSecrets, release.Chart);
        Assert.Equal(2, release.Values.Get("replicaCount"));
        Assert.Equal(true, release.Values.Get("podDisruptionBudget.enabled"));
        Assert.Contains("external-secrets.io", release.ProvidesApiGroups);

        var store = graph.Object("ClusterSecretStore", null, AdvancedDataProtection.StoreName);
        Assert.Contains(release.Name, store.DependsOn);
        var spec = ((CustomObject)store.Object).Spec!;
        Assert.Equal(AdvancedDataProtection.SecretsNamespace, spec["provider"]!["kubernetes"]!["remoteNamespace"]!.GetValue<string>());
        Assert.Equal(Tenants.Select(t => t.Name), spec["conditions"]![0]!["namespaces"]!.AsArray().Select(n => n!.GetValue<string>()));
        // The default store reads through a service account that may read Secrets of one namespace only.
        Assert.NotNull(graph.Object("RoleBinding", AdvancedDataProtection.SecretsNamespace, AdvancedDataProtection.StoreServiceAccount));
    }

    [Fact]
    public void A_configured_provider_is_used_as_it_is()
    {
        const string vault = """{"vault":{"auth":{"kubernetes":{"mountPath":"kubernetes","role":"eso"}},"path":"secret","server":"https://vault.example.com","version":"v2"}}""";
        var graph = Compose(Existing(3) with { SecretStoreProvider = vault });
        var spec = ((CustomObject)graph.Object("ClusterSecretStore", null, AdvancedDataProtection.StoreName).Object).Spec!;
        Assert.Equal(JsonNode.Parse(vault)!.ToJsonString(), spec["provider"]!.ToJsonString());
        Assert.DoesNotContain(graph.Resources, r => r.Name.Contains(AdvancedDataProtection.SecretsNamespace, StringComparison.Ordinal));
        Assert.Empty(graph.SchemaErrors());
    }

    [Fact]
    public void On_azure_key_vault_csi_rotates_secrets_with_workload_identity_and_nodes_encrypt_at_host()
    {
        var cluster = Compose(Azure(3)).Cluster();
        Assert.Equal(new KeyVaultSecretsProvider(true, "2m"), cluster.KeyVaultSecretsProvider);
        Assert.Equal(true, cluster.OidcIssuerEnabled);
        Assert.Equal(true, cluster.WorkloadIdentityEnabled);
        Assert.Equal(true, cluster.DefaultNodePool.HostEncryptionEnabled);
        Assert.Equal("Advanced Data Protection", cluster.ProvenanceOf("DefaultNodePool.HostEncryptionEnabled").Source);
        Assert.False(Compose(Azure(3)).HasRelease(AdvancedDataProtection.ReleaseName));
    }

    [Fact]
    public void From_level_4_it_keeps_the_platform_key_vault_that_basic_secrets_management_created()
    {
        var level3 = Compose(Azure(3));
        Assert.Equal("basic-secrets-management", level3.OwnerOf(BasicSecretsManagement.KeyVaultName).Id);
        var level4 = Compose(Azure(4));
        var vault = Assert.IsType<KeyVault>(level4.Resource(BasicSecretsManagement.KeyVaultName));
        Assert.Equal("advanced-data-protection", level4.OwnerOf(vault.Name).Id);
        Assert.True(vault.PurgeProtectionEnabled);
        Assert.Contains(level4.ComponentOf("Advanced Data Protection").Predecessors, p => p.Id == "basic-secrets-management");
    }

    [Fact]
    public void Level_2_reads_no_secrets_from_a_vault()
    {
        Assert.False(Compose(Existing(2)).HasRelease(AdvancedDataProtection.ReleaseName));
        Assert.Null(Compose(Azure(2)).Cluster().KeyVaultSecretsProvider);
    }
}
