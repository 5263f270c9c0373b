using CsCheck;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Config;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Delivery;

/// <summary>Golden Paths from Level 4: the CloudNativePG operator for stateful golden paths, never before the seed allows state.</summary>
public sealed class PostgresOperatorTests
{
    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Level_4_runs_the_pinned_cloudnative_pg_operator_and_level_3_does_not(DeploymentTarget target)
    {
        Assert.False(Compose(For(target, 3)).HasRelease(PostgresOperator.OperatorRelease));
        var graph = Compose(For(target, 4));
        var cnpg = graph.Release(PostgresOperator.OperatorRelease);
        Assert.Equal(Pins.CloudNativePg, cnpg.Chart);
        Assert.Equal(PostgresOperator.Namespace, cnpg.Namespace);
        Assert.Contains(PostgresOperator.ApiGroup, cnpg.ProvidesApiGroups);
        Assert.Equal(true, cnpg.Values.Get("rbac.aggregateClusterRoles"));
        Assert.Equal(4, cnpg.Provenance.Level);
        Assert.Equal("golden-paths", graph.OwnerOf(cnpg.Name).Id);
        Assert.Equal("restricted", graph.Object("Namespace", null, PostgresOperator.Namespace).Labels()[PodSecurity.Enforce]);
        // The Barman Cloud plugin issues its certificates with cert-manager, which the platform installs with it.
        var plugin = graph.Release(PostgresOperator.PluginRelease);
        Assert.Contains(PostgresOperator.PluginApiGroup, plugin.ProvidesApiGroups);
        Assert.Contains(PlatformCertManager.Release, plugin.DependsOn);
        Assert.Equal(Pins.CertManager, graph.Release(PlatformCertManager.Release).Chart);
        Assert.Equal(4, graph.Release(PlatformCertManager.Release).Provenance.Level);
    }

    [Theory]
    [InlineData(DeploymentTarget.Azure)]
    [InlineData(DeploymentTarget.Existing)]
    public void A_stack_with_its_own_cert_manager_gets_the_plugin_and_no_second_cert_manager(DeploymentTarget target)
    {
        // platform:gatewayClusterIssuer names the stack's own ClusterIssuer: its cert-manager serves the plugin too.
        var graph = Compose(For(target, 5) with { GatewayHostname = "apps.example.com", GatewayClusterIssuer = "letsencrypt" });
        Assert.False(graph.HasRelease(PlatformCertManager.Release));
        Assert.DoesNotContain(PlatformCertManager.Release, graph.Release(PostgresOperator.PluginRelease).DependsOn);
        Assert.Contains(PostgresOperator.PluginApiGroup, graph.Release(PostgresOperator.PluginRelease).ProvidesApiGroups);
    }

    /// <summary>Azure's blob container name rule: 3–63 lowercase letters, digits and hyphens, letter or digit at both ends, no "--".</summary>
    private static bool IsAzureContainerName(string name) =>
        name.Length is >= 3 and <= 63 && System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9]+(-[a-z0-9]+)*$");

    [Theory]
    [InlineData("team-a", "postgres-team-a")]
    [InlineData("a", "postgres-a")]
    // Longest tenant that still fits as it is: 9 + 54 = 63.
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz12", "postgres-abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz12")]
    public void A_tenant_whose_container_name_azure_accepts_keeps_postgres_tenant(string tenant, string expected) =>
        Assert.Equal(expected, PostgresOperator.BackupContainer(tenant));

    /// <summary>
    /// Tenant names are DNS labels (up to 63 characters, consecutive hyphens allowed); Azure container names are not.
    /// Every DNS label maps to a valid container name, the same one every time, and different tenants never share one.
    /// </summary>
    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz123")]
    [InlineData("a123456789b123456789c123456789d123456789e123456789f123456789xyz")]
    [InlineData("team--a")]
    [InlineData("a---------------------------------------------------------------b")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxy-zzzzzzzzzzzzz")]
    public void A_long_or_double_hyphen_tenant_maps_to_a_valid_container_name_with_a_hash(string tenant)
    {
        var name = PostgresOperator.BackupContainer(tenant);
        Assert.True(IsAzureContainerName(name), $"'{name}' is not a valid Azure container name");
        Assert.StartsWith("postgres-", name, StringComparison.Ordinal);
        Assert.Equal(name, PostgresOperator.BackupContainer(tenant));
        Assert.Matches("-[0-9a-f]{8}$", name);
    }

    [Fact]
    public void Every_dns_label_tenant_gets_a_valid_container_name_and_no_two_share_one()
    {
        var label = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"].Array[1, 63]
            .Select(chars => new string(chars))
            .Where(n => char.IsLetterOrDigit(n[0]) && char.IsLetterOrDigit(n[^1]));
        label.Sample(tenant => IsAzureContainerName(PostgresOperator.BackupContainer(tenant)), iter: 2000);
        label.Select(label).Where(p => p.Item1 != p.Item2).Sample(p => PostgresOperator.BackupContainer(p.Item1) != PostgresOperator.BackupContainer(p.Item2), iter: 2000);
        // The adversarial pair: equal up to the cut, different after it.
        var prefix = new string('a', 50);
        Assert.NotEqual(PostgresOperator.BackupContainer(prefix + "-one"), PostgresOperator.BackupContainer(prefix + "-two"));
        Assert.NotEqual(PostgresOperator.BackupContainer("team--a"), PostgresOperator.BackupContainer("team-a"));
    }

    /// <summary>
    /// Tenancy of PostgreSQL backups on azure: each tenant's clusters run as its own federated service account, whose
    /// identity may touch its own container and no other; the account holding every container takes no shared keys.
    /// </summary>
    [Fact]
    public void On_azure_each_tenant_gets_a_backup_container_only_its_own_federated_identity_may_use()
    {
        var graph = Compose(For(DeploymentTarget.Azure, 4));
        var account = Assert.IsType<StorageAccount>(graph.Resource(BasicDisasterRecovery.StorageAccountName));
        Assert.False(account.SharedAccessKeyEnabled);
        var scopes = new List<string>();
        foreach (var tenant in Tenants.Select(t => t.Name))
        {
            var container = Assert.IsType<StorageContainer>(graph.Resource(PostgresOperator.BackupContainerResource(tenant)));
            Assert.Equal(PostgresOperator.BackupContainer(tenant), container.ContainerName);
            Assert.Equal(new AzureRef(BasicDisasterRecovery.StorageAccountName, AzureOutput.Id), container.StorageAccount);

            var federation = Assert.IsType<FederatedIdentityCredential>(graph.Resource(PostgresOperator.BackupFederation(tenant)));
            Assert.Equal(PostgresOperator.BackupIdentity(tenant), federation.Identity);
            Assert.Equal($"system:serviceaccount:{tenant}:{PostgresOperator.BackupServiceAccount}", federation.Subject);

            // The role is scoped to the tenant's container, not the account: nothing of another tenant's is readable.
            var roles = graph.Resources.OfType<RoleAssignment>().Where(r => r.PrincipalId == new AzureRef(PostgresOperator.BackupIdentity(tenant), AzureOutput.PrincipalId)).ToList();
            var role = Assert.Single(roles);
            Assert.Equal(new AzureRef(PostgresOperator.BackupContainerResource(tenant), AzureOutput.Id), role.Scope);
            Assert.Equal("Storage Blob Data Contributor", role.RoleDefinitionName);
            scopes.Add(role.Scope.Resource);

            var serviceAccount = graph.Resources.OfType<KubernetesResource>()
                .Single(r => r.Object is V1ServiceAccount && r.Object.Metadata.Name == PostgresOperator.BackupServiceAccount && r.Object.Metadata.NamespaceProperty == tenant);
            Assert.Equal(new AzureRef(PostgresOperator.BackupIdentity(tenant), AzureOutput.ClientId).Placeholder,
                serviceAccount.Object.Metadata.Annotations[WorkloadIdentity.ClientIdAnnotation]);
            Assert.Contains(new AzureRef(PostgresOperator.BackupIdentity(tenant), AzureOutput.ClientId), serviceAccount.TextFromAzure);
        }
        Assert.Equal(scopes.Count, scopes.Distinct().Count());
    }

    [Fact]
    public void On_existing_and_below_level_4_no_backup_identity_is_made()
    {
        Assert.DoesNotContain(Compose(For(DeploymentTarget.Existing, 4)).Resources, r => r.Name.StartsWith("postgres-backup", StringComparison.Ordinal));
        Assert.DoesNotContain(Compose(For(DeploymentTarget.Azure, 3)).Resources, r => r.Name.StartsWith("postgres-backup", StringComparison.Ordinal));
    }
}
