using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Planning;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Rendering;

namespace PlatformMaturity.Core.Tests.Practices.Availability;

/// <summary>Multi-cluster Platform: the fleet, its staged upgrades, the version-triggered run, cluster labels and the hub runbook.</summary>
public sealed class MultiClusterPlatformTests
{
    /// <summary>A Level 5 azure stack as a user writes it: three clusters in two regions, the third a GPU member beside the primary.</summary>
    private const string AzureStack = """
        config:
          platform:level: 5
          platform:target: azure
          platform:environment: prod
          platform:kubernetesVersion: "1.34"
          platform:skuTier: Standard
          platform:nodeCount: 3
          platform:adminGroupObjectIds: [33333333-3333-3333-3333-333333333333]
          platform:tenants: [{name: team-a, group: 11111111-1111-1111-1111-111111111111, tier: small}]
          platform:clusters:
          - {name: primary, region: westeurope, zones: ["1", "2", "3"]}
          - {name: secondary, region: northeurope, zones: ["1", "2", "3"]}
          - {name: gpu, region: westeurope, zones: ["1", "2", "3"], capabilities: [gpu], nodePools: {user: {vmSize: Standard_NC4as_T4_v3}}}
        """;

    internal static PlatformConfig Parse(string text, string stack = "fleet")
    {
        var result = PlatformConfigParser.Parse(StackFile.Parse(text, stack, "test"));
        Assert.True(result.Config is not null, string.Join("\n", result.Problems.Select(p => p.Message)));
        return result.Config!;
    }

    [Fact]
    public void Every_cluster_joins_the_fleet_in_its_regions_update_group_and_upgrades_wait_one_region_at_a_time()
    {
        var graph = Composer.Default.Compose(Parse(AzureStack));
        var fleet = Assert.Single(graph.Resources.OfType<KubernetesFleetManager>());
        Assert.Equal("westeurope", fleet.Location);
        var clusters = graph.Resources.OfType<KubernetesCluster>().ToList();
        Assert.Equal(3, clusters.Count);

        var members = graph.Resources.OfType<FleetMember>().ToList();
        Assert.Equal(clusters.Select(c => c.Name).Order(), members.Select(m => m.Cluster).Order());
        Assert.All(members, m => Assert.Equal(fleet.Name, m.Fleet));
        Assert.Equal(members.Select(m => clusters.Single(c => c.Name == m.Cluster).Location), members.Select(m => m.Group));

        // One stage per region, the hub's region last, a wait after every stage but the last.
        var strategy = Assert.Single(graph.Resources.OfType<FleetUpdateStrategy>());
        Assert.Equal([["northeurope"], ["westeurope"]], strategy.Stages.Select(s => s.Groups.ToArray()));
        Assert.Equal([MultiClusterPlatform.WaitBetweenRegionsSeconds, (int?)null], strategy.Stages.Select(s => s.AfterStageWaitInSeconds));
        Assert.Equal(members.Select(m => m.Group).Distinct().Order(), strategy.Stages.SelectMany(s => s.Groups).Order());

        // Only the fleet upgrades Kubernetes: no member has its own channel, and no version change reaches the clusters.
        Assert.All(clusters, c => Assert.Null(c.AutomaticUpgradeChannel));
        Assert.All(clusters, c => Assert.True(c.KubernetesVersionByFleet));
        var run = Assert.Single(graph.Resources.OfType<FleetUpdateRun>());
        Assert.Equal((strategy.Name, "Full", "1.34"), (run.Strategy, run.UpgradeType, run.KubernetesVersion));
        Assert.All(members, m => Assert.Contains(m.Name, run.DependsOn));
    }

    [Fact]
    public void A_new_kubernetes_version_creates_a_new_update_run_and_changes_nothing_else_of_the_fleet()
    {
        var before = Composer.Default.Compose(Parse(AzureStack));
        var after = Composer.Default.Compose(Parse(AzureStack.Replace("\"1.34\"", "\"1.35\"", StringComparison.Ordinal)));
        var oldRun = Assert.Single(before.Resources.OfType<FleetUpdateRun>());
        var newRun = Assert.Single(after.Resources.OfType<FleetUpdateRun>());
        Assert.NotEqual(oldRun.Name, newRun.Name);
        Assert.Equal("1.35", newRun.KubernetesVersion);
        Assert.DoesNotContain(after.Resources, r => r.Name == oldRun.Name);
        string Fleet(PlatformGraph g) => string.Join("\n", g.Resources.Where(r => r is KubernetesFleetManager or FleetMember or FleetUpdateStrategy)
            .SelectMany(r => ResourceSettings.Flatten(r)).Select(s => $"{s.Key}={s.Value}"));
        Assert.Equal(Fleet(before), Fleet(after));
    }

    [Fact]
    public void Below_level_5_there_is_no_fleet_and_clusters_keep_their_own_upgrade_channel()
    {
        var graph = Composer.Default.Compose(Core.Tests.Composition.TestConfigs.Azure(4) with
        {
            Clusters = [new ClusterMember { Name = "weu", Region = "westeurope" }, new ClusterMember { Name = "neu", Region = "northeurope" }],
        });
        Assert.Empty(graph.Resources.OfType<KubernetesFleetManager>());
        Assert.All(graph.Resources.OfType<KubernetesCluster>(), c => Assert.Equal(("stable", false), (c.AutomaticUpgradeChannel, c.KubernetesVersionByFleet)));
        Assert.Null(MultiClusterPlatform.Of(graph));
    }

    [Fact]
    public void A_gpu_member_sharing_a_region_gets_its_own_cluster_name_and_gateway_label_and_counts_once_in_the_availability()
    {
        var graph = Composer.Default.Compose(Parse(AzureStack));
        var names = graph.Resources.OfType<KubernetesCluster>().Select(c => c.ClusterName).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(["fleet-gateway.westeurope.cloudapp.azure.com", "fleet-gateway.northeurope.cloudapp.azure.com", "fleet-gpu-gateway.westeurope.cloudapp.azure.com"],
            graph.Resources.OfType<FrontDoorOrigin>().Select(o => o.HostName));
        var labels = graph.Resources.OfType<KubernetesResource>().Where(k => k.Kind == "EnvoyProxy")
            .Select(k => ((CustomObject)k.Object).Spec!["provider"]!["kubernetes"]!["envoyService"]!["annotations"]![FaultTolerantWorkloadDistribution.AzureDnsLabelAnnotation]!.GetValue<string>() + "." + k.Cluster)
            .Order();
        Assert.Equal(["fleet-gateway.primary", "fleet-gateway.secondary", "fleet-gpu-gateway.gpu"], labels);

        // Counted once: the same figure as the two regional clusters alone.
        var twoRegions = Composer.Default.Compose(Parse(AzureStack[..AzureStack.IndexOf("  - {name: gpu", StringComparison.Ordinal)]));
        var target = AvailabilityModel.TargetFor(Composer.Default.Model, 5)!.Value;
        Assert.Equal(AvailabilityModel.Estimate(twoRegions, target).Value, AvailabilityModel.Estimate(graph, target).Value);
        Assert.Contains(AvailabilityModel.Estimate(graph, target).Arithmetic, l => l.Contains("shares westeurope", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(4, "capabilities: [gpu]", "Level 5")]
    [InlineData(5, "capabilities: [GPU]", "capability 'GPU'")]
    [InlineData(5, "zones: [\"1\"]", "like 'primary'")]
    public void Capabilities_only_at_level_5_and_a_shared_region_only_for_a_specialised_member(int level, string third, string problem)
    {
        var text = AzureStack.Replace("platform:level: 5", $"platform:level: {level}", StringComparison.Ordinal)
            .Replace("zones: [\"1\", \"2\", \"3\"], capabilities: [gpu], nodePools: {user: {vmSize: Standard_NC4as_T4_v3}}", third, StringComparison.Ordinal);
        var result = PlatformConfigParser.Parse(StackFile.Parse(text, "fleet", "test"));
        Assert.Null(result.Config);
        Assert.Contains(result.Problems, p => p.Key == ConfigKeys.Clusters.FullName && p.Message.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Members_join_the_hub_with_region_environment_and_capability_labels_and_the_runbook_names_hub_and_standby()
    {
        var config = Parse(AzureStack);
        var gpu = config.Members.Single(m => m.Name == "gpu");
        var labels = MultiClusterPlatform.Labels(config, gpu);
        Assert.Equal("westeurope", labels[MultiClusterPlatform.RegionLabel]);
        Assert.Equal("prod", labels[MultiClusterPlatform.EnvironmentLabel]);
        Assert.Equal("true", labels[MultiClusterPlatform.CapabilityLabel("gpu")]);
        Assert.DoesNotContain(MultiClusterPlatform.Labels(config, config.Members[0]).Keys, k => k.StartsWith("capability.", StringComparison.Ordinal));

        var graph = Composer.Default.Compose(config);
        var runbook = Assert.Single(ManifestRenderer.Render(graph), f => f.Path == $"multi-cluster-platform/{MultiClusterPlatform.HubRunbook}").Content;
        Assert.Contains("Argo CD runs on **primary** (westeurope)", runbook, StringComparison.Ordinal);
        Assert.Contains("When the hub's region is down", runbook, StringComparison.Ordinal);
        Assert.Contains("Standby: **secondary** (northeurope)", runbook, StringComparison.Ordinal);
        Assert.Contains("It is warm", runbook, StringComparison.Ordinal);
        Assert.Contains(FleetHub.IdentityName, runbook, StringComparison.Ordinal);

        var view = MultiClusterPlatform.Of(graph)!;
        Assert.Equal("fleet-fleet", view.FleetManager);
        Assert.Equal(["primary"], view.Members.Where(m => m.Hub).Select(m => m.Name));
        Assert.Contains("fleet_member_gpu", GraphDiagram.Mermaid(graph), StringComparison.Ordinal);
        Assert.Contains("cluster_fleet", GraphDiagram.Dot(graph), StringComparison.Ordinal);
    }

    [Fact]
    public void On_existing_the_members_are_contexts_with_region_labels_and_no_azure_fleet()
    {
        var config = Parse("""
            config:
              platform:level: 5
              platform:target: existing
              platform:clusters:
              - {name: primary, kubeContext: kind-a, availability: 99.5, region: eu-west}
              - {name: secondary, kubeContext: kind-b, availability: 99.5, region: eu-north}
              - {name: gpu, kubeContext: kind-gpu, availability: 99.5, region: eu-west, capabilities: [gpu]}
            """);
        var graph = Composer.Default.Compose(config);
        Assert.Empty(graph.Resources.OfType<AzureResource>());
        var view = MultiClusterPlatform.Of(graph)!;
        Assert.Null(view.FleetManager);
        Assert.Equal(["kind-a", "kind-b", "kind-gpu"], view.Members.Select(m => m.KubeContext));
        Assert.Equal("eu-north", view.Members[1].Labels[MultiClusterPlatform.RegionLabel]);
        Assert.Contains(graph.Component("multi-cluster-platform")!.Documents.Keys, k => k == MultiClusterPlatform.HubRunbook);
    }
}
