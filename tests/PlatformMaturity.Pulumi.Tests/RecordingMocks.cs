using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi.Testing;

namespace PlatformMaturity.PulumiHost.Tests;

/// <summary>
/// Pulumi mocks that record every registration (type, name, inputs) and answer with the inputs plus the outputs
/// the program reads: AKS kubeconfig, kubelet identity and OIDC issuer, identity ids, the client config.
/// </summary>
public sealed class RecordingMocks : IMocks
{
    public const string TenantId = "00000000-0000-0000-0000-00000000ab01";
    public const string KubeletObjectId = "kubelet-object-id";

    private readonly ConcurrentQueue<MockResourceArgs> _registered = new();

    public IReadOnlyList<MockResourceArgs> Registered => [.. _registered];

    public static string KubeconfigOf(string clusterResource) => $"apiVersion: v1\nkind: Config\ncurrent-context: {clusterResource}\n";

    public static string OidcIssuerOf(string clusterResource) => $"https://oidc.example/{clusterResource}/";

    public static string IdOf(string resource) => $"{resource}-id";

    /// <summary>The login server the mocks give a container registry (Azure generates it from the registry's name).</summary>
    public static string LoginServerOf(string registryResource) => $"{registryResource}1a2b3c.azurecr.io";

    public MockResourceArgs Single(string type, string name) =>
        Assert.Single(Registered, r => r.Type == type && r.Name == name);

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        _registered.Enqueue(args);
        var name = args.Name!;
        var state = args.Inputs.ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);
        // Azure resources Pulumi names itself (registry, key vault, ...) get a name, as the provider would give them.
        state.TryAdd("name", $"{name}-azure-name");
        switch (args.Type)
        {
            case "azure:containerservice/kubernetesCluster:KubernetesCluster":
                state["kubeConfigRaw"] = KubeconfigOf(name);
                state["kubeAdminConfigRaw"] = KubeconfigOf(name);
                state["kubeletIdentity"] = ImmutableDictionary<string, object>.Empty
                    .Add("objectId", KubeletObjectId).Add("clientId", "kubelet-client-id").Add("userAssignedIdentityId", "");
                state["oidcIssuerUrl"] = OidcIssuerOf(name);
                state["fqdn"] = FqdnOf(name);
                state["kubeConfigs"] = ImmutableArray.Create<object>(ImmutableDictionary<string, object>.Empty
                    .Add("host", $"https://{FqdnOf(name)}:443").Add("clusterCaCertificate", CaOf(name)));
                break;
            case "azure:containerservice/registry:Registry":
                state["loginServer"] = LoginServerOf(name);
                break;
            case "azure:authorization/userAssignedIdentity:UserAssignedIdentity":
                state["principalId"] = $"{name}-principal-id";
                state["clientId"] = $"{name}-client-id";
                state["tenantId"] = TenantId;
                break;
        }
        return Task.FromResult<(string? id, object state)>((IdOf(name), state));
    }

    /// <summary>The API server host name the mocks give an AKS cluster.</summary>
    public static string FqdnOf(string name) => $"{name}.hcp.westeurope.azmk8s.io";

    /// <summary>The (base64) CA certificate the mocks give an AKS cluster.</summary>
    public static string CaOf(string name) => $"{name}-ca-data";

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Token switch
    {
        "azure:core/getClientConfig:getClientConfig" => ImmutableDictionary<string, object>.Empty
            .Add("clientId", "deployer-client-id")
            .Add("objectId", "deployer-object-id")
            .Add("subscriptionId", "00000000-0000-0000-0000-0000000000s1")
            .Add("tenantId", TenantId)
            .Add("id", "client-config"),
        _ => args.Args,
    });
}
