using k8s.Models;
using PlatformMaturity.Config;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Security;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>Basic Access Management: no tenant RBAC at Level 1; from Level 2 team edit rights, auditor view rights, Entra ID on azure.</summary>
public sealed class BasicAccessManagementTests
{
    [Theory]
    [InlineData(DeploymentTarget.Existing, 2)]
    [InlineData(DeploymentTarget.Azure, 2)]
    [InlineData(DeploymentTarget.Existing, 3)]
    [InlineData(DeploymentTarget.Azure, 4)]
    public void Each_tenant_group_gets_the_edit_role_in_its_namespace(DeploymentTarget target, int level)
    {
        var graph = Compose(For(target, level));
        foreach (var tenant in Tenants)
        {
            var binding = graph.Typed<V1RoleBinding>("RoleBinding", tenant.Name, BasicAccessManagement.TenantBindingName);
            Assert.Equal(("ClusterRole", "edit"), (binding.RoleRef.Kind, binding.RoleRef.Name));
            var subject = Assert.Single(binding.Subjects);
            Assert.Equal(("Group", tenant.Group), (subject.Kind, subject.Name));
            Assert.Equal(2, graph.Object("RoleBinding", tenant.Name, BasicAccessManagement.TenantBindingName).Provenance.Level);
        }
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Level_1_binds_nobody(DeploymentTarget target)
    {
        var graph = Compose(For(target, 1) with { AuditorGroup = "auditors" });
        Assert.DoesNotContain(graph.Resources, r => r.Kind is "RoleBinding" or "ClusterRoleBinding");
        if (target == DeploymentTarget.Azure)
            Assert.Null(graph.Cluster().AzureActiveDirectoryRoleBasedAccessControl);
    }

    [Fact]
    public void Auditors_get_the_view_role_cluster_wide_when_configured()
    {
        var graph = Compose(Existing(2) with { AuditorGroup = "platform-auditors" });
        var binding = graph.Typed<V1ClusterRoleBinding>("ClusterRoleBinding", null, BasicAccessManagement.AuditorBindingName);
        Assert.Equal("view", binding.RoleRef.Name);
        Assert.Equal("platform-auditors", Assert.Single(binding.Subjects).Name);

        var without = Compose(Existing(2));
        Assert.DoesNotContain(without.Resources, r => r.Kind == "ClusterRoleBinding");
        Assert.Contains(without.ComponentOf("Basic Access Management").Notes, n => n.Contains(ConfigKeys.AuditorGroup.FullName));
    }

    [Fact]
    public void On_azure_level_2_integrates_entra_id_with_the_configured_admin_groups()
    {
        var admins = new[] { "5f0c7a1e-1b0e-4a8e-9d2a-0c7f5b4e1a11" };
        var cluster = Compose(Azure(2) with { AdminGroupObjectIds = [.. admins] }).Cluster();
        var aad = Assert.IsType<AzureActiveDirectoryRbac>(cluster.AzureActiveDirectoryRoleBasedAccessControl);
        Assert.Equal(admins, aad.AdminGroupObjectIds);
        Assert.Equal(false, aad.AzureRbacEnabled);
        Assert.Equal(false, cluster.LocalAccountDisabled);
        var provenance = cluster.ProvenanceOf("AzureActiveDirectoryRoleBasedAccessControl.AdminGroupObjectIds[0]");
        Assert.Equal(("Basic Access Management", 2), (provenance.Source, provenance.Level));
    }
}
