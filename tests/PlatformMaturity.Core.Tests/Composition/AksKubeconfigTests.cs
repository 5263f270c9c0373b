using PlatformMaturity.Graph.Azure;
using YamlDotNet.RepresentationModel;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>
/// The user kubeconfig AKS issues with Entra ID (kubelogin exec, device code) becomes one an unattended pulumi up can
/// use, the way kubelogin convert-kubeconfig does it; kubeconfigs without kubelogin are left alone.
/// </summary>
public sealed class AksKubeconfigTests
{
    private const string UserKubeconfig = """
        apiVersion: v1
        clusters:
        - cluster:
            certificate-authority-data: Q0E=
            server: https://aks-test.hcp.westeurope.azmk8s.io:443
          name: aks-test
        contexts:
        - context:
            cluster: aks-test
            user: clusterUser_rg_aks-test
          name: aks-test
        current-context: aks-test
        kind: Config
        users:
        - name: clusterUser_rg_aks-test
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              args:
              - get-token
              - --environment
              - AzurePublicCloud
              - --server-id
              - 6dae42f8-4368-4678-94ff-3960e28e3630
              - --client-id
              - 80faf920-1908-4b52-b5ef-a8e7bedfc67a
              - --tenant-id
              - 11111111-2222-3333-4444-555555555555
              - --login
              - devicecode
              command: kubelogin
              env: null
              provideClusterInfo: false
        """;

    private static YamlMappingNode Exec(string kubeconfig)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(kubeconfig));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var user = (YamlMappingNode)((YamlSequenceNode)root["users"])[0];
        return (YamlMappingNode)((YamlMappingNode)user["user"])["exec"];
    }

    private static List<string> Args(YamlMappingNode exec) => [.. ((YamlSequenceNode)exec["args"]).Select(a => ((YamlScalarNode)a).Value!)];

    [Fact]
    public void Azure_cli_login_keeps_only_the_server_id_and_never_prompts()
    {
        var exec = Exec(AksKubeconfig.NonInteractive(UserKubeconfig));
        Assert.Equal(["get-token", "--server-id", "6dae42f8-4368-4678-94ff-3960e28e3630", "--login", "azurecli"], Args(exec));
        Assert.Equal("Never", ((YamlScalarNode)exec["interactiveMode"]).Value);
        Assert.Equal("kubelogin", ((YamlScalarNode)exec["command"]).Value);
    }

    [Fact]
    public void Workload_identity_login_keeps_client_and_tenant()
    {
        var args = Args(Exec(AksKubeconfig.NonInteractive(UserKubeconfig, "workloadidentity")));
        Assert.Contains("--client-id", args);
        Assert.Contains("--tenant-id", args);
        Assert.Equal(["--login", "workloadidentity"], args[^2..]);
        Assert.Single(args, a => a == "--login");
    }

    [Fact]
    public void The_rest_of_the_kubeconfig_is_kept()
    {
        var converted = AksKubeconfig.NonInteractive(UserKubeconfig);
        Assert.Contains("server: https://aks-test.hcp.westeurope.azmk8s.io:443", converted, StringComparison.Ordinal);
        Assert.Contains("current-context: aks-test", converted, StringComparison.Ordinal);
        Assert.Contains("certificate-authority-data: Q0E=", converted, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kubeconfig_without_kubelogin_is_unchanged()
    {
        const string certificates = "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-certificate-data: Q0U=\n    client-key-data: S0U=\n";
        Assert.Equal(certificates, AksKubeconfig.NonInteractive(certificates));
        Assert.Equal("apiVersion: v1\nkind: Config\ncurrent-context: aks\n", AksKubeconfig.NonInteractive("apiVersion: v1\nkind: Config\ncurrent-context: aks\n"));
    }
}
