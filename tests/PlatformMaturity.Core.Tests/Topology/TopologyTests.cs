using System.Text.Json.Nodes;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Planning;
using PlatformMaturity.Practices.Availability;

namespace PlatformMaturity.Core.Tests.Topology;

/// <summary>platform:clusters: parsing, one cluster subtree per member, and the availability arithmetic of the topology.</summary>
public sealed class TopologyTests
{
    private static RawConfig Azure(int level, JsonArray? clusters = null, string tier = "Standard")
    {
        var raw = RawConfig.Empty("topo")
            .With(ConfigKeys.Level, level)
            .With(ConfigKeys.Target, "azure")
            .With(ConfigKeys.Environment, "nonprod")
            .With(ConfigKeys.SkuTier, tier)
            .With(ConfigKeys.NodeCount, 3)
            .With(ConfigKeys.Tenants, new JsonArray(new JsonObject { ["name"] = "team-a", ["group"] = "00000000-0000-4000-8000-000000000001", ["tier"] = "small" }));
        // The single-cluster keys, or the members (whose zones are their own).
        return clusters is null
            ? raw.With(ConfigKeys.Regions, new JsonArray("westeurope")).With(ConfigKeys.Zones, new JsonArray("1", "2", "3"))
            : raw.With(ConfigKeys.Clusters, clusters);
    }

    private static JsonObject Member(string name, string region, params string[] zones) =>
        new() { ["name"] = name, ["region"] = region, ["zones"] = new JsonArray([.. zones.Select(z => JsonValue.Create(z))]) };

    private static PlatformConfig Parse(RawConfig raw)
    {
        var result = PlatformConfigParser.Parse(raw);
        Assert.True(result.IsValid, string.Join("\n", result.Problems.Select(p => p.ToString())));
        return result.Config!;
    }

    private static IEnumerable<string> Problems(RawConfig raw) => PlatformConfigParser.Parse(raw).Problems.Select(p => $"{p.Key}: {p.Message}");

    [Fact]
    public void A_stack_on_the_single_cluster_keys_is_a_list_of_one_with_the_graph_it_always_had()
    {
        var single = Parse(Azure(3));
        var listed = Parse(Azure(3, [Member("primary", "westeurope", "1", "2", "3")]));
        var member = Assert.Single(single.Members);
        Assert.Equal("westeurope", member.Region);
        var a = Composer.Default.Compose(single);
        var b = Composer.Default.Compose(listed);
        Assert.Equal(a.Components.Select(c => c.Id), b.Components.Select(c => c.Id));
        Assert.Equal(a.Resources.Select(r => r.Name), b.Resources.Select(r => r.Name));
        Assert.Equal(ClusterRef.PrimaryKey, Assert.Single(b.Clusters).Key);
    }

    [Fact]
    public void Each_member_gets_its_own_cluster_subtree_and_the_first_keeps_its_names()
    {
        var single = Composer.Default.Compose(Parse(Azure(4, [Member("weu", "westeurope", "1", "2", "3")])));
        var config = Parse(Azure(4, [Member("weu", "westeurope", "1", "2", "3"), Member("neu", "northeurope", "1", "2", "3")]));
        var graph = Composer.Default.Compose(config);

        Assert.Equal(["westeurope", "northeurope"], config.Regions.ToArray());
        Assert.Equal([ClusterRef.PrimaryKey, "neu"], graph.Clusters.Select(c => c.Key));
        // The first cluster's resources keep their names and components; the member's are new, in its own component.
        foreach (var resource in single.Resources)
            Assert.Equal(single.OwnerOf(resource.Name).Id, graph.OwnerOf(resource.Name).Id);
        var member = graph.Component("cluster-neu")!;
        var aks = Assert.Single(member.Resources.OfType<KubernetesCluster>());
        Assert.Equal(("neu-aks", "aks-topo-northeurope", "northeurope"), (aks.Name, aks.ClusterName, aks.Location));
        var first = (KubernetesCluster)graph.Resource(Foundation.ClusterName);
        Assert.Equal(first.AutomaticUpgradeChannel, aks.AutomaticUpgradeChannel);
        Assert.Equal(first.NetworkProfile, aks.NetworkProfile);
        // Every Kubernetes object of the first cluster exists on the member, bound to the member's cluster; objects made
        // per cluster by their practice (the cross-region drill names each cluster's peer) are marked primary-only there.
        var firstObjects = graph.Resources.OfType<KubernetesResource>().Where(k => k.Cluster == ClusterRef.PrimaryKey && !k.PrimaryOnly).Select(k => k.Name).ToHashSet();
        var memberObjects = member.Resources.OfType<KubernetesResource>().ToList();
        Assert.All(memberObjects, k => Assert.Equal("neu", k.Cluster));
        Assert.Equal(firstObjects.Select(n => $"neu-{n}").Order(), memberObjects.Select(k => k.Name).Order());
        Assert.Contains(member.Resources.OfType<KubernetesClusterNodePool>(), p => p.Cluster == "neu-aks");
        Assert.All(member.Resources.OfType<HelmRelease>(), r => Assert.Contains("neu-aks", r.DependsOn));
    }

    [Fact]
    public void Each_member_runs_level_4_security_itself_the_mesh_falco_the_admission_policies_and_its_own_audit_settings()
    {
        var config = Parse(Azure(4, [Member("weu", "westeurope", "1", "2", "3"), Member("neu", "northeurope", "1", "2", "3")]));
        var graph = Composer.Default.Compose(config);
        var member = graph.Component("cluster-neu")!;
        var aks = Assert.Single(member.Resources.OfType<KubernetesCluster>());
        // The Istio add-on and Azure Policy are settings of each cluster; the first cluster's travel with the copy.
        Assert.Equal(((KubernetesCluster)graph.Resource(Foundation.ClusterName)).ServiceMeshProfile, aks.ServiceMeshProfile);
        Assert.NotNull(aks.ServiceMeshProfile);
        Assert.True(aks.AzurePolicyEnabled);
        // Falco, the tenant PeerAuthentications and the compliance policies run on the member, bound to its cluster.
        Assert.Contains(member.Resources.OfType<HelmRelease>(), r => r.Name == "neu-falco" && r.Cluster == "neu");
        Assert.Contains(member.Resources.OfType<KubernetesResource>(), k => k.Kind == "PeerAuthentication" && k.Cluster == "neu" && k.Namespace == "team-a");
        Assert.Contains(member.Resources.OfType<KubernetesResource>(), k => k.Kind == "ValidatingAdmissionPolicyBinding" && k.Name.EndsWith(PlatformMaturity.Practices.Security.CompliancePoliciesEnforcement.RequiredLabelsPolicy, StringComparison.Ordinal));
        // The istio.io objects on the member wait for the member's cluster, whose add-on installs their CRDs.
        Assert.All(member.Resources.OfType<KubernetesResource>().Where(k => k.ApiGroup.EndsWith("istio.io", StringComparison.Ordinal)), k => Assert.Contains("neu-aks", k.DependsOn));
        // The baseline assignment and the audit log setting target the member's own cluster, not the first one.
        var assignment = Assert.Single(member.Resources.OfType<PolicyAssignment>());
        Assert.Equal(new AzureRef("neu-aks", AzureOutput.Id), assignment.ResourceId);
        var audit = Assert.Single(member.Resources.OfType<DiagnosticSetting>());
        Assert.Equal(new AzureRef("neu-aks", AzureOutput.Id), audit.TargetResourceId);
        Assert.Equal(((DiagnosticSetting)graph.Resource(PlatformMaturity.Practices.Security.PlatformAccessAuditing.DiagnosticSettingName)).LogAnalyticsWorkspaceId, audit.LogAnalyticsWorkspaceId);
    }

    [Fact]
    public void A_member_backs_up_under_its_own_prefix_so_two_clusters_never_write_the_same_backup_names()
    {
        var graph = Composer.Default.Compose(Parse(Azure(4, [Member("weu", "westeurope", "1", "2", "3"), Member("neu", "northeurope", "1", "2", "3")])));
        HelmValues First(string name) => (HelmValues)((System.Collections.Immutable.ImmutableArray<object?>)((HelmRelease)graph.Resource(name)).Values.Get("configuration.backupStorageLocation")!)[0]!;
        Assert.False(First("velero").Entries.ContainsKey("prefix"));
        // Beside the first cluster's location, not inside it: Velero marks a location whose root holds foreign directories
        // Unavailable (pkg/persistence/object_store.go IsValid), and the first cluster writes at its container's root.
        Assert.Equal(BasicDisasterRecovery.BlobContainer, First("velero").Entries["bucket"]);
        Assert.Equal(BasicDisasterRecovery.MemberContainer("neu"), First("neu-velero").Entries["bucket"]);
        Assert.False(First("neu-velero").Entries.ContainsKey("prefix"));
        // On existing (one bucket, the first cluster under <stack>/), a sibling prefix.
        Assert.Equal(("bucket", (string?)"topo.neu"), BasicDisasterRecovery.MemberLocation("bucket", "topo", "neu"));
    }

    [Theory]
    [InlineData("westus", "has no availability zones")]
    public void Zones_are_refused_where_the_region_has_none(string region, string expected)
    {
        Assert.Contains(Problems(Azure(4, [Member("a", "westeurope", "1", "2", "3"), Member("b", region, "1", "2")])), p => p.Contains(expected));
        Assert.Contains(Problems(Azure(3).With(ConfigKeys.Regions, new JsonArray(region))), p => p.StartsWith("platform:zones") && p.Contains(expected));
        Assert.DoesNotContain(Problems(Azure(3).With(ConfigKeys.Regions, new JsonArray(region)).With(ConfigKeys.Zones, new JsonArray())), p => p.Contains(expected));
    }

    [Fact]
    public void Members_must_be_in_different_regions_and_more_than_one_needs_level_4()
    {
        Assert.Contains(Problems(Azure(4, [Member("a", "westeurope"), Member("b", "westeurope")])), p => p.Contains("same region") && p.Contains("northeurope"));
        Assert.Contains(Problems(Azure(3, [Member("a", "westeurope"), Member("b", "northeurope")])), p => p.Contains("Level 3 runs one"));
        Assert.Contains(Problems(Azure(4, [Member("a", "westeurope"), Member("primary", "northeurope")])), p => p.Contains("is taken"));
        // platform:zones must agree with the first member's zones, or it would silently not apply.
        Assert.Contains(Problems(Azure(4, [Member("a", "westeurope", "1"), Member("b", "northeurope")]).With(ConfigKeys.Zones, new JsonArray("1", "2", "3"))),
            p => p.StartsWith("platform:zones") && p.Contains("first member"));
    }

    [Fact]
    public void Two_zonal_standard_clusters_behind_front_door_with_dns_failover_reach_four_nines()
    {
        var graph = Composer.Default.Compose(Parse(Azure(4, [Member("weu", "westeurope", "1", "2", "3"), Member("neu", "northeurope", "1", "2", "3")])));
        var estimate = AvailabilityModel.Estimate(graph, 0.9999);

        // Hand-computed: cluster = 0.9995 × 0.9999 = 0.99940005; parallel = 1 − 0.00059995² = 0.99999964006;
        // entry = 1.0 × (1 − 0.0001 × 0.0001) = 0.99999999; composite = 0.99999963006.
        Assert.Equal(0.99999963006, estimate.Value!.Value, 1e-10);
        Assert.True(estimate.MeetsTarget);
        // Front Door alone: 0.9999 × 0.99999964006 = 0.99989964 < 0.9999, shown as the option not chosen.
        Assert.Contains(estimate.Arithmetic, l => l.StartsWith("option Front Door alone", StringComparison.Ordinal) && l.Contains("= 99.989964% < target"));
        Assert.Contains(estimate.Arithmetic, l => l.StartsWith("option Traffic Manager alone", StringComparison.Ordinal) && l.Contains("99.989964% < target"));
        Assert.Contains(estimate.Arithmetic, l => l.Contains("(chosen)") && l.Contains("Azure DNS 100%"));
    }

    [Fact]
    public void Zone_less_regions_compute_to_the_lower_figure_and_miss_the_target_with_what_would_reach_it()
    {
        var graph = Composer.Default.Compose(Parse(Azure(4, [Member("a", "westus"), Member("b", "eastus")])));
        var estimate = AvailabilityModel.Estimate(graph, 0.9999);
        // westus without zones: 0.999 × 0.9995 = 0.9985005; eastus, no zones asked: the same.
        // parallel = 1 − 0.0014995² = 0.99999775150; × entry 0.99999999 = 0.99999774149977.
        Assert.Equal(0.99999774149977, estimate.Value!.Value, 1e-10);
        Assert.Contains(estimate.Arithmetic, l => l.Contains("Standard tier uptime SLA without availability zones"));

        var free = Composer.Default.Compose(Parse(Azure(4, [Member("a", "westus"), Member("b", "eastus")], tier: "Free")));
        // Free: 0.995 × 0.9995 = 0.9945025; parallel = 1 − 0.0054975² = 0.99996977749; × 0.99999999 = 0.99996976749:
        // two regions carry even Free-tier clusters past the target.
        Assert.Equal(0.9999697674940522, AvailabilityModel.Estimate(free, 0.9999).Value!.Value, 1e-10);

        // One cluster, however resilient, cannot: 0.9995 × 0.9999 = 0.99940005 < 0.9999, and the gate names what would.
        var one = Composer.Default.Compose(Parse(Azure(4, [Member("a", "westeurope", "1", "2", "3")])));
        var low = AvailabilityModel.Estimate(one, 0.9999);
        Assert.Equal(0.99940005, low.Value!.Value, 1e-10);
        Assert.False(low.MeetsTarget);
        Assert.Contains("2 clusters in separate regions", AvailabilityModel.WhatWouldReach(one, 0.9999));
        Assert.Contains(ConfigKeys.Clusters.FullName, AvailabilityModel.WhatWouldReach(one, 0.9999));
    }

    [Fact]
    public void On_existing_the_members_owner_guaranteed_availability_is_counted_in_parallel()
    {
        var raw = RawConfig.Empty("ex").With(ConfigKeys.Level, 4).With(ConfigKeys.Target, "existing")
            .With(ConfigKeys.Clusters, new JsonArray(
                new JsonObject { ["name"] = "a", ["kubeContext"] = "kind-a", ["availability"] = 99.9 },
                new JsonObject { ["name"] = "b", ["kubeContext"] = "kind-b", ["availability"] = 99.5 }));
        var config = Parse(raw);
        Assert.Equal("kind-a", config.KubeContext);
        var graph = Composer.Default.Compose(config);
        Assert.Equal(["kind-a", "kind-b"], graph.Clusters.Select(c => c.KubeContext));
        var estimate = AvailabilityModel.Estimate(graph, 0.9999);
        // 1 − 0.001 × 0.005 = 0.999995.
        Assert.Equal(0.999995, estimate.Value!.Value, 1e-10);
        Assert.True(estimate.MeetsTarget);
        var unknown = AvailabilityModel.Estimate(Composer.Default.Compose(Parse(raw.With(ConfigKeys.Clusters, new JsonArray(
            new JsonObject { ["name"] = "a" }, new JsonObject { ["name"] = "b", ["kubeContext"] = "kind-b" })))), 0.9999);
        Assert.Null(unknown.Value);
    }
}
