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
