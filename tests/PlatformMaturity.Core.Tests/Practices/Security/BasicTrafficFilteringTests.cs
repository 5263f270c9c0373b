using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Practices.Security;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>Basic Traffic Filtering: per tenant default-deny ingress with the allowed sources; Cilium on azure.</summary>
public sealed class BasicTrafficFilteringTests
{
    [Theory]
    [InlineData(DeploymentTarget.Existing, 2)]
    [InlineData(DeploymentTarget.Azure, 2)]
    [InlineData(DeploymentTarget.Existing, 3)]
    public void Each_tenant_denies_ingress_by_default(DeploymentTarget target, int level)
    {
        var graph = Compose(For(target, level));
        foreach (var tenant in Tenants)
        {
            var deny = graph.Typed<V1NetworkPolicy>("NetworkPolicy", tenant.Name, BasicTrafficFiltering.DefaultDenyIngress);
            Assert.Empty(deny.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
            Assert.Equal(["Ingress"], deny.Spec.PolicyTypes);
            Assert.Null(deny.Spec.Ingress);
        }
        Assert.Equal(Tenants.Length, graph.Resources.Count(r => r.Name.EndsWith("-" + BasicTrafficFiltering.DefaultDenyIngress, StringComparison.Ordinal)));
    }

    [Fact]
    public void Tenants_admit_their_own_namespace_and_the_ingress_namespace_only()
    {
        var graph = Compose(Existing(2) with { IngressNamespace = "envoy-gateway-system" });
        var same = graph.Typed<V1NetworkPolicy>("NetworkPolicy", "team-a", BasicTrafficFiltering.AllowSameNamespace);
        var peer = Assert.Single(Assert.Single(same.Spec.Ingress).FromProperty);
        Assert.NotNull(peer.PodSelector);
        Assert.Null(peer.NamespaceSelector);

        var ingress = graph.Typed<V1NetworkPolicy>("NetworkPolicy", "team-a", BasicTrafficFiltering.AllowFromIngress);
        var from = Assert.Single(Assert.Single(ingress.Spec.Ingress).FromProperty);
        Assert.Equal("envoy-gateway-system", from.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
    }

    [Fact]
    public void Dns_egress_is_allowed_for_pods_that_opt_into_egress_isolation_and_egress_stays_open_otherwise()
    {
        var graph = Compose(Existing(2));
        var dns = graph.Typed<V1NetworkPolicy>("NetworkPolicy", "team-b", BasicTrafficFiltering.AllowDnsEgress);
        Assert.Equal(BasicTrafficFiltering.EgressIsolationValue, dns.Spec.PodSelector.MatchLabels[BasicTrafficFiltering.EgressIsolationLabel]);
        var rule = Assert.Single(dns.Spec.Egress);
        Assert.Equal(["UDP", "TCP"], rule.Ports.Select(p => p.Protocol));
        Assert.All(rule.Ports, p => Assert.Equal("53", p.Port.Value));
        // Level 2 does not deny egress by default (Advanced Traffic Filtering does, at Level 4).
        var egressForAll = graph.Resources.OfType<Graph.KubernetesResource>()
            .Select(r => r.Object).OfType<V1NetworkPolicy>()
            .Where(p => p.Spec.PolicyTypes.Contains("Egress") && (p.Spec.PodSelector.MatchLabels is null || p.Spec.PodSelector.MatchLabels.Count == 0));
        Assert.Empty(egressForAll);
    }

    [Fact]
    public void Prometheus_may_scrape_tenants_when_the_platform_runs_it()
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(Existing(2));
        var monitoring = graph.Typed<V1NetworkPolicy>("NetworkPolicy", "team-a", BasicTrafficFiltering.AllowFromMonitoring);
        Assert.Equal(WellKnown.MonitoringNamespace, Assert.Single(Assert.Single(monitoring.Spec.Ingress).FromProperty).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
    }

    [Fact]
    public void On_azure_cilium_enforces_the_policies_on_the_azure_cni_overlay_the_cluster_had_from_level_1()
    {
        var cluster = Compose(Azure(2)).Cluster();
        var network = Assert.IsType<Graph.Azure.NetworkProfile>(cluster.NetworkProfile);
        Assert.Equal(("azure", "overlay", "cilium", "cilium"), (network.NetworkPlugin, network.NetworkPluginMode, network.NetworkDataPlane, network.NetworkPolicy));
        // Set at creation: changing the plugin or data plane later would make Azure replace the cluster.
        Assert.Equal(Graph.Provenance.Foundation, cluster.ProvenanceOf("NetworkProfile.NetworkPolicy"));
        Assert.Equal(network, Compose(Azure(1)).Cluster().NetworkProfile);
    }

    [Fact]
    public void While_default_deny_is_staged_nothing_is_dropped_and_promotion_isolates_the_tenant()
    {
        var staged = Compose(Existing(2) with { Staged = [Enforcements.NetworkDefaultDeny] });
        Assert.DoesNotContain(staged.Resources, r => r.Name == $"networkpolicy-team-a-{BasicTrafficFiltering.DefaultDenyIngress}");
        Assert.Contains(staged.Resources, r => r.Name == $"networkpolicy-team-a-{BasicTrafficFiltering.AllowSameNamespace}");
        Assert.Contains(staged.Component("basic-traffic-filtering")!.Notes, n => n.Contains("--promote"));

        // From the tenant's side: another tenant's pod still connects while staged (the allow policies alone would
        // already drop it), and is dropped once promoted.
        var target = new Endpoint(Tenants[0].Name, "app", 8080, new Dictionary<string, string> { ["app"] = "shop" });
        var neighbour = new Source(Tenants[1].Name);
        Assert.True(NetworkPolicyEvaluator.Of(staged).Allows(neighbour, target));
        var promoted = Compose(Existing(2));
        Assert.Contains(promoted.Resources, r => r.Name == $"networkpolicy-team-a-{BasicTrafficFiltering.DefaultDenyIngress}");
        Assert.False(NetworkPolicyEvaluator.Of(promoted).Allows(neighbour, target));
        Assert.True(NetworkPolicyEvaluator.Of(promoted).Allows(new Source(Tenants[0].Name), target));
    }
}
