using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Security;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>Network Traffic Auditing (Level 5): ACNS flow logs on azure, Hubble on existing Cilium clusters, n/a elsewhere.</summary>
public sealed class NetworkTrafficAuditingTests
{
    private static PlatformConfig Azure5 => Azure(5) with
    {
        Tenants = [new("team-a", null, TenantTier.Small), new("team-b", null, TenantTier.Large)],
        ApiServerAuthorizedIpRanges = ["203.0.113.0/24"],
    };

    private static IReadOnlyList<KubernetesResource> FlowLogs(PlatformGraph graph) =>
        [.. graph.Resources.OfType<KubernetesResource>().Where(r => r.Kind == NetworkTrafficAuditing.Kind)];

    private static JsonObject Spec(KubernetesResource resource) =>
        Assert.IsType<JsonObject>(Assert.IsType<CustomObject>(resource.Object).Spec);

    private static IEnumerable<string> Values(JsonNode? array) => array?.AsArray().Select(v => v!.GetValue<string>()) ?? [];

    [Fact]
    public void On_azure_ACNS_observability_is_switched_on_on_the_cilium_data_plane()
    {
        var cluster = PracticeGraphs.ComposeWithMonitoring(Azure5).Cluster();
        Assert.Equal("cilium", cluster.NetworkProfile!.NetworkDataPlane);
        Assert.True(cluster.NetworkProfile.AdvancedNetworking!.ObservabilityEnabled);
        Assert.Contains("acn.azure.com", cluster.AddOnApiGroups);
        // Below Level 5 nothing is recorded.
        Assert.Null(PracticeGraphs.ComposeWithMonitoring(Azure(4)).Cluster().NetworkProfile!.AdvancedNetworking);
    }

    [Fact]
    public void Denied_flows_are_stored_everywhere_and_all_flows_of_platform_and_each_tenant_namespace()
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(Azure5);
        var logs = FlowLogs(graph).ToDictionary(r => r.ObjectName);
        Assert.Equal(
            new[] { NetworkTrafficAuditing.DeniedFlowsLog, NetworkTrafficAuditing.PlatformFlowsLog, NetworkTrafficAuditing.TenantFlowsLog("team-a"), NetworkTrafficAuditing.TenantFlowsLog("team-b") }.Order(),
            logs.Keys.Order());
        Assert.All(logs.Values, l => Assert.Null(l.Namespace));

        // Denied: no source or destination restriction, only the dropped verdict.
        var denied = Assert.Single(Spec(logs[NetworkTrafficAuditing.DeniedFlowsLog])["includefilters"]!.AsArray())!.AsObject();
        Assert.Null(denied["from"]);
        Assert.Null(denied["to"]);
        Assert.Equal(["dropped"], Values(denied["verdict"]));

        // A tenant's flows both ways (from and to must both match within one filter), allowed and dropped.
        var tenant = Spec(logs[NetworkTrafficAuditing.TenantFlowsLog("team-a")])["includefilters"]!.AsArray().Select(f => f!.AsObject()).ToList();
        Assert.Equal(2, tenant.Count);
        foreach (var (filter, side) in tenant.Zip(new[] { "from", "to" }))
        {
            var expression = Assert.Single(filter[side]!["labelSelector"]!["matchExpressions"]!.AsArray())!;
            Assert.Equal(NetworkTrafficAuditing.NamespaceLabel, expression["key"]!.GetValue<string>());
            Assert.Equal(["team-a"], Values(expression["values"]));
            Assert.Equal(NetworkTrafficAuditing.AllVerdicts, Values(filter["verdict"]));
        }

        var platform = Spec(logs[NetworkTrafficAuditing.PlatformFlowsLog])["includefilters"]!.AsArray()[0]!["from"]!["labelSelector"]!["matchExpressions"]![0]!["values"];
        Assert.Contains("kube-system", Values(platform));
        Assert.Contains("monitoring", Values(platform));
        Assert.DoesNotContain("team-a", Values(platform));
    }

    [Fact]
    public void The_flow_log_objects_validate_and_the_manual_switch_is_documented_with_its_check()
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(Azure5);
        Assert.Empty(FlowLogs(graph).SelectMany(r => PlatformMaturity.Tests.Shared.SchemaValidator.ValidateYaml(PlatformMaturity.Rendering.Yaml.Of(r.Object))));
        var notes = string.Join("\n", graph.ComponentOf(NetworkTrafficAuditing.PracticeName).Notes);
        Assert.Contains("--enable-container-network-logs", notes);
        Assert.Contains("--enable-high-log-scale-mode", notes);
        Assert.Contains("Verify: az aks show", notes);
        Assert.Contains(graph.Cluster().ClusterName, notes);
    }

    [Fact]
    public void On_existing_it_applies_only_where_the_config_says_cilium_runs()
    {
        var without = PracticeGraphs.ComposeWithMonitoring(Existing(5)).Status(NetworkTrafficAuditing.PracticeName);
        Assert.Equal(PracticeState.NotApplicable, without.State);
        Assert.Contains(ConfigKeys.Cilium.FullName, without.Detail);

        var graph = PracticeGraphs.ComposeWithMonitoring(Existing(5) with { Cilium = true });
        Assert.Equal(PracticeState.Implemented, graph.Status(NetworkTrafficAuditing.PracticeName).State);
        Assert.Empty(FlowLogs(graph));
        Assert.Contains(graph.ComponentOf(NetworkTrafficAuditing.PracticeName).Notes, n => n.Contains("hubble observe --verdict DROPPED", StringComparison.Ordinal));
    }

    [Fact]
    public void Platform_cilium_is_read_on_existing_stacks()
    {
        var raw = RawConfig.Empty("s").With(ConfigKeys.Level, "5").With(ConfigKeys.Target, "existing");
        Assert.False(PlatformConfigParser.Parse(raw).Config!.Cilium);
        var result = PlatformConfigParser.Parse(raw.With(ConfigKeys.Cilium, true));
        Assert.True(result.Config?.Cilium, string.Join("; ", result.Problems));
    }
}
