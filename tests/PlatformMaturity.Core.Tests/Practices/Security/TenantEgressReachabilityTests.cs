using System.Net;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Security;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>
/// Advanced Traffic Filtering, computed from the rendered NetworkPolicies of a Level 4 platform: a tenant pod (any
/// labels a tenant picks) reaches its own namespace, DNS, the mesh control plane and its allow-list, and nothing of
/// another tenant or of the internet beyond it. Staged, nothing is dropped yet.
/// </summary>
public sealed class TenantEgressReachabilityTests
{
    private static readonly IReadOnlyDictionary<string, string> AnyApp = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "shop" };

    private static PlatformConfig Level4(DeploymentTarget target, params string[] staged) =>
        For(target, 4) with { EgressAllowList = ["203.0.113.0/24", "api.example.com"], Staged = [.. staged] };

    private static NetworkPolicyEvaluator Evaluator(PlatformConfig config) =>
        NetworkPolicyEvaluator.Of(Compose(config), "kube-system", AllTrafficEncrypted.ControlPlaneNamespace(config));

    public static TheoryData<DeploymentTarget> Targets => new() { DeploymentTarget.Existing, DeploymentTarget.Azure };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Promoted_a_tenant_pod_reaches_only_its_namespace_dns_the_mesh_and_its_allow_list(DeploymentTarget target)
    {
        var config = Level4(target);
        var policies = Evaluator(config);
        var fromA = new Source("team-a", AnyApp);

        Assert.True(policies.Reaches(fromA, new Endpoint("team-a", "shop", 8080, AnyApp)));
        Assert.False(policies.Reaches(fromA, new Endpoint("team-b", "shop", 8080, AnyApp)), "another tenant's pods");
        Assert.False(policies.Reaches(new Source("team-b", AnyApp), new Endpoint("team-a", "shop", 8080, AnyApp)), "another tenant's pods");
        var dns = new Endpoint("kube-system", "kube-dns", 53, new Dictionary<string, string> { ["k8s-app"] = "kube-dns" });
        Assert.True(policies.EgressAllows(fromA, dns, null, 53, "UDP"));
        Assert.True(policies.EgressAllows(fromA, dns, null, 53, "TCP"));
        var istiod = new Endpoint(AllTrafficEncrypted.ControlPlaneNamespace(config), "istiod", AdvancedTrafficFiltering.MeshControlPlanePort, new Dictionary<string, string> { ["app"] = "istiod" });
        Assert.True(policies.EgressAllows(fromA, istiod, null, istiod.Port));

        Assert.True(policies.EgressAllows(fromA, null, IPAddress.Parse("203.0.113.9"), 443), "the allow-list's range");
        Assert.False(policies.EgressAllows(fromA, null, IPAddress.Parse("198.51.100.7"), 443), "the internet outside the allow-list");
        Assert.False(policies.EgressAllows(fromA, null, IPAddress.Parse("8.8.8.8"), 53, "UDP"), "DNS servers outside the cluster");
    }

    [Fact]
    public void Without_an_allow_list_nothing_outside_the_cluster_is_reachable()
    {
        var policies = Evaluator(For(DeploymentTarget.Existing, 4));
        Assert.False(policies.EgressAllows(new Source("team-a", AnyApp), null, IPAddress.Parse("203.0.113.9"), 443));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Staged_nothing_is_dropped_yet(DeploymentTarget target)
    {
        var policies = Evaluator(Level4(target, Enforcements.EgressDefaultDeny));
        Assert.True(policies.EgressAllows(new Source("team-a", AnyApp), null, IPAddress.Parse("198.51.100.7"), 443));
        Assert.True(policies.EgressAllows(new Source("team-a", AnyApp), new Endpoint("team-b", "shop", 8080, AnyApp), null, 8080));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Mesh_access_is_by_identity_audited_while_staged_and_allowed_only_to_the_tenant_and_gateway_once_promoted(DeploymentTarget target)
    {
        static CustomObject Policy(PlatformConfig config) => (CustomObject)Compose(config).Resources.OfType<KubernetesResource>()
            .Single(r => r.Object is CustomObject { Kind: "AuthorizationPolicy" } o && o.Metadata.NamespaceProperty == "team-a").Object;

        var promoted = Policy(Level4(target));
        Assert.Equal("ALLOW", promoted.Spec!["action"]!.GetValue<string>());
        var namespaces = promoted.Spec["rules"]![0]!["from"]![0]!["source"]!["namespaces"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Equal(["team-a", Level4(target).IngressNamespace], namespaces);

        var staged = Policy(Level4(target, Enforcements.MeshAuthorization));
        Assert.Equal("AUDIT", staged.Spec!["action"]!.GetValue<string>());
    }

    [Fact]
    public void Host_names_of_the_allow_list_become_service_entries_in_each_tenant_namespace()
    {
        var entries = Compose(Level4(DeploymentTarget.Existing)).Resources.OfType<KubernetesResource>()
            .Select(r => r.Object).OfType<CustomObject>().Where(o => o.Kind == "ServiceEntry").ToList();
        Assert.Equal(["team-a", "team-b"], entries.Select(e => e.Metadata.NamespaceProperty).Order());
        Assert.All(entries, e => Assert.Equal("api.example.com", e.Spec!["hosts"]![0]!.GetValue<string>()));
    }
}
