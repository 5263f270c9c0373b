using System.Text.Json.Nodes;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Rendering;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Core.Tests.Practices.Availability;

/// <summary>Fault-tolerant Workload Distribution: the global entry, its health check on every gateway, spread proxies.</summary>
public sealed class FaultTolerantWorkloadDistributionTests
{
    private static PlatformConfig TwoRegions(int level = 4) => Core.Tests.Composition.TestConfigs.Azure(level) with
    {
        Zones = ["1", "2", "3"],
        Clusters = [new ClusterMember { Name = "weu", Region = "westeurope", Zones = ["1", "2", "3"] }, new ClusterMember { Name = "neu", Region = "northeurope", Zones = ["1", "2", "3"] }],
    };

    [Fact]
    public void Front_door_has_one_origin_per_member_on_its_regional_gateway_and_probes_the_gateway_health_path()
    {
        var graph = Composer.Default.Compose(TwoRegions());
        var origins = graph.Resources.OfType<FrontDoorOrigin>().ToList();
        Assert.Equal(["test-gateway.westeurope.cloudapp.azure.com", "test-gateway.northeurope.cloudapp.azure.com"], origins.Select(o => o.HostName));
        var group = Assert.Single(graph.Resources.OfType<FrontDoorOriginGroup>());
        Assert.Equal(FaultTolerantWorkloadDistribution.HealthPath, group.HealthProbe.Path);
        var route = Assert.Single(graph.Resources.OfType<FrontDoorRoute>());
        Assert.Equal(origins.Select(o => o.Name), route.Origins);
        Assert.All(origins, o => Assert.Contains(o.Name, route.DependsOn));

        // Every cluster's gateway answers the probe and carries the DNS label the origins use.
        foreach (var cluster in graph.Clusters)
        {
            var policy = graph.Resources.OfType<KubernetesResource>().Single(k => k.Cluster == cluster.Key && k.Kind == "ClientTrafficPolicy");
            Assert.Equal(FaultTolerantWorkloadDistribution.HealthPath, ((CustomObject)policy.Object).Spec!["healthCheck"]!["path"]!.GetValue<string>());
            var proxy = (CustomObject)graph.Resources.OfType<KubernetesResource>().Single(k => k.Cluster == cluster.Key && k.Kind == "EnvoyProxy").Object;
            var service = proxy.Spec!["provider"]!["kubernetes"]!["envoyService"]!;
            Assert.Equal("test-gateway", service["annotations"]![FaultTolerantWorkloadDistribution.AzureDnsLabelAnnotation]!.GetValue<string>());
            var spread = proxy.Spec!["provider"]!["kubernetes"]!["envoyDeployment"]!["pod"]!["topologySpreadConstraints"]!.AsArray();
            Assert.Equal(["topology.kubernetes.io/zone", "kubernetes.io/hostname"], spread.Select(s => s!["topologyKey"]!.GetValue<string>()));
        }
    }

    [Fact]
    public void Below_level_4_there_is_no_global_entry_and_the_gateway_is_unchanged()
    {
        var graph = Composer.Default.Compose(Core.Tests.Composition.TestConfigs.Azure(3));
        Assert.Empty(graph.Resources.OfType<FrontDoorProfile>());
        Assert.DoesNotContain(graph.Resources.OfType<KubernetesResource>(), k => k.Kind == "ClientTrafficPolicy");
    }

    [Fact]
    public void On_existing_the_gateway_answers_health_checks_and_the_entry_is_left_to_its_owner()
    {
        var graph = Composer.Default.Compose(Core.Tests.Composition.TestConfigs.Existing(4));
        Assert.Empty(graph.Resources.OfType<AzureResource>());
        Assert.Single(graph.Resources.OfType<KubernetesResource>(), k => k.Kind == "ClientTrafficPolicy" && k.Namespace == graph.Config.IngressNamespace);
        Assert.Contains(graph.Component("fault-tolerant-workload-distribution")!.Notes, n => n.Contains(FaultTolerantWorkloadDistribution.HealthPath));
    }

    [Fact]
    public void Every_object_of_every_member_validates_against_the_schemas()
    {
        var graph = Composer.Default.Compose(TwoRegions());
        var errors = ManifestRenderer.Render(graph)
            .Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) && f.Path.Contains('/') && !f.Path.EndsWith(ManifestRenderer.KustomizationFile, StringComparison.Ordinal)
                && !f.Path.EndsWith("/" + ManifestRenderer.ReleaseFile, StringComparison.Ordinal) && !f.Path.EndsWith("/" + ManifestRenderer.ValuesFile, StringComparison.Ordinal))
            .SelectMany(f => SchemaValidator.ValidateYaml(f.Content)).ToList();
        Assert.Empty(errors);
        Assert.Contains(ManifestRenderer.Render(graph), f => f.Path.StartsWith("cluster-neu/", StringComparison.Ordinal));
    }
}
