using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.PulumiHost.Mapping;

namespace PlatformMaturity.PulumiHost.Tests;

/// <summary>
/// Which AKS kubeconfig the host's Kubernetes provider reads: the admin one while local accounts are on with Entra ID,
/// the user one otherwise, which, once Platform Access Auditing disables local accounts, signs in with kubelogin
/// non-interactively (a device-code prompt would hang pulumi up).
/// </summary>
public sealed class KubeconfigSwitchTests
{
    private static KubernetesCluster Cluster(bool entraId, bool? localAccountDisabled) => new()
    {
        Name = Foundation.ClusterName,
        Provenance = Provenance.Foundation,
        ClusterName = "aks-test",
        ResourceGroup = "rg",
        Location = "westeurope",
        DnsPrefix = "test",
        KubernetesVersion = "1.34",
        DefaultNodePool = new NodePool { Name = "system", VmSize = "Standard_D4ds_v5", NodeCount = 3 },
        LocalAccountDisabled = localAccountDisabled,
        AzureActiveDirectoryRoleBasedAccessControl = entraId
            ? new AzureActiveDirectoryRbac { AdminGroupObjectIds = ["6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"] }
            : null,
    };

    [Theory]
    [InlineData(false, null, false)]
    [InlineData(true, false, true)]
    [InlineData(true, null, true)]
    [InlineData(true, true, false)]
    public void The_admin_kubeconfig_is_used_only_while_local_accounts_are_on_with_entra_id(bool entraId, bool? localAccountDisabled, bool admin) =>
        Assert.Equal(admin, KubernetesProviders.UsesAdminKubeconfig(Cluster(entraId, localAccountDisabled)));

    [Fact]
    public void The_user_kubeconfig_signs_in_without_a_prompt()
    {
        const string user = """
            apiVersion: v1
            kind: Config
            users:
            - name: clusterUser_rg_aks
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: kubelogin
                  args: [get-token, --environment, AzurePublicCloud, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630, --client-id, 80faf920-1908-4b52-b5ef-a8e7bedfc67a, --tenant-id, t1, --login, devicecode]
            """;
        var converted = AksKubeconfig.NonInteractive(user);
        Assert.DoesNotContain("devicecode", converted, StringComparison.Ordinal);
        Assert.Contains("azurecli", converted, StringComparison.Ordinal);
        Assert.Contains("interactiveMode: Never", converted, StringComparison.Ordinal);
    }
}
