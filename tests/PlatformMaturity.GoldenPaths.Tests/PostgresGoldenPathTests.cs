using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.GoldenPaths.Rendering;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Versions;
using static PlatformMaturity.GoldenPaths.Tests.TestPlatforms;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>The postgres golden path: a CloudNativePG Cluster whose backups, spread, storage and network the platform relies on.</summary>
public sealed class PostgresGoldenPathTests
{
    private static JsonObject Find(RenderedApp app, string kind) => RenderedObject.Of(app).Single(o => o.Kind == kind).Json;

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void The_cluster_archives_wal_through_the_barman_cloud_plugin_into_its_object_store(DeploymentTarget target)
    {
        var app = Render("postgres", 4, target);
        var cluster = Find(app, "Cluster");
        var store = Find(app, "ObjectStore");
        var scheduled = Find(app, "ScheduledBackup");
        var spec = cluster["spec"]!;

        Assert.Equal(3, spec["instances"]!.GetValue<long>());
        Assert.Equal(Pins.Postgres.Image, spec["imageName"]!.GetValue<string>());
        Assert.Equal(AdvancedVolumeManagement.DataClass, spec["storage"]!["storageClass"]!.GetValue<string>());
        // CloudNativePG makes the PodDisruptionBudgets (enablePDB defaults to true): the path neither disables nor duplicates them.
        Assert.Null(spec["enablePDB"]);
        Assert.DoesNotContain(RenderedObject.Of(app), o => o.Kind == "PodDisruptionBudget");
        Assert.Null(spec["backup"]); // no in-tree barmanObjectStore (removed in 1.31)

        var plugin = Assert.Single(spec["plugins"]!.AsArray())!;
        Assert.Equal(PostgresOperator.PluginName, plugin["name"]!.GetValue<string>());
        Assert.True(plugin["isWALArchiver"]!.GetValue<bool>());
        Assert.Equal(store["metadata"]!["name"]!.GetValue<string>(), plugin["parameters"]!["barmanObjectName"]!.GetValue<string>());
        Assert.Equal(store["metadata"]!["namespace"]!.GetValue<string>(), cluster["metadata"]!["namespace"]!.GetValue<string>());

        Assert.Equal("plugin", scheduled["spec"]!["method"]!.GetValue<string>());
        Assert.Equal(PostgresOperator.PluginName, scheduled["spec"]!["pluginConfiguration"]!["name"]!.GetValue<string>());
        Assert.Equal("shop", scheduled["spec"]!["cluster"]!["name"]!.GetValue<string>());
        // CloudNativePG's schedule has a seconds field first: the five-field parameter gets "0 " in front.
        Assert.Equal("0 0 3 * * *", scheduled["spec"]!["schedule"]!.GetValue<string>());
        Assert.Equal("30d", store["spec"]!["retentionPolicy"]!.GetValue<string>());

        // Pods spread across zones and avoid sharing a node.
        Assert.Equal("topology.kubernetes.io/zone", spec["topologySpreadConstraints"]![0]!["topologyKey"]!.GetValue<string>());
        Assert.True(spec["affinity"]!["enablePodAntiAffinity"]!.GetValue<bool>());
    }

    [Fact]
    public void On_azure_backups_go_to_the_tenants_container_through_its_federated_service_account()
    {
        var app = Render("postgres", 4, DeploymentTarget.Azure);
        var spec = Find(app, "Cluster")["spec"]!;
        var store = Find(app, "ObjectStore")["spec"]!["configuration"]!;
        Assert.Equal(PostgresOperator.BackupServiceAccount, spec["serviceAccountName"]!.GetValue<string>());
        Assert.Equal("true", spec["inheritedMetadata"]!["labels"]!["azure.workload.identity/use"]!.GetValue<string>());
        Assert.True(store["azureCredentials"]!["inheritFromAzureAD"]!.GetValue<bool>());
        Assert.Equal($"https://acmebackups1234.blob.core.windows.net/{PostgresOperator.BackupContainer("team-a")}/", store["destinationPath"]!.GetValue<string>());
        Assert.Null(store["s3Credentials"]);
    }

    [Fact]
    public void On_existing_backups_go_to_the_s3_bucket_with_the_teams_secret()
    {
        var app = Render("postgres", 4, DeploymentTarget.Existing);
        var spec = Find(app, "Cluster")["spec"]!;
        var store = Find(app, "ObjectStore")["spec"]!["configuration"]!;
        Assert.Null(spec["serviceAccountName"]); // the operator's own, named after the Cluster
        Assert.Equal("s3://acme-backups/shop/", store["destinationPath"]!.GetValue<string>());
        Assert.Equal("https://s3.eu-west-1.amazonaws.com", store["endpointURL"]!.GetValue<string>());
        Assert.Equal("shop-backup-credentials", store["s3Credentials"]!["accessKeyId"]!["name"]!.GetValue<string>());
        Assert.Null(store["azureCredentials"]);
    }

    [Theory]
    [InlineData(DeploymentTarget.Azure, "backup-storage-account")]
    [InlineData(DeploymentTarget.Existing, "backup-bucket")]
    [InlineData(DeploymentTarget.Existing, "backup-endpoint")]
    public void Where_backups_go_is_required_on_each_target(DeploymentTarget target, string parameter)
    {
        var sets = RequiredSets("postgres", 4, target).Where(s => !s.StartsWith(parameter + "=", StringComparison.Ordinal)).ToArray();
        var e = Assert.Throws<GoldenPathInputException>(() =>
            GoldenPathRenderer.Render(new AppRequest("shop", "postgres", "team-a", sets), Catalog, Platform(4, target)));
        var problem = Assert.Single(e.Problems);
        Assert.Equal($"--set {parameter}", problem.Subject);
        Assert.Contains($"is required on {ConfigNames.Of(target)}", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void The_network_policy_admits_the_operator_the_replicas_and_the_declared_apps(DeploymentTarget target)
    {
        var policy = Find(Render("postgres", 4, target, extraSets: "allow-from=orders"), "NetworkPolicy")["spec"]!;
        Assert.Equal("shop", policy["podSelector"]!["matchLabels"]!["cnpg.io/cluster"]!.GetValue<string>());
        var ingress = policy["ingress"]!.AsArray().Select(r => r!).ToList();
        bool Admits(Func<JsonNode, bool> peer, int port) => ingress.Any(r =>
            r["from"]!.AsArray().Any(p => peer(p!)) && r["ports"]!.AsArray().Any(p => p!["port"]!.GetValue<long>() == port));

        Assert.True(Admits(p => p["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"]?.GetValue<string>() == PostgresOperator.Namespace
            && p["podSelector"]?["matchLabels"]?[PostgresOperator.OperatorPods.Key]?.GetValue<string>() == PostgresOperator.OperatorPods.Value, PostgresOperator.InstanceStatusPort));
        // Replication between instances survives the namespace's default deny.
        Assert.True(Admits(p => p["podSelector"]?["matchLabels"]?["cnpg.io/cluster"]?.GetValue<string>() == "shop", 5432));
        Assert.True(Admits(p => p["podSelector"]?["matchLabels"]?["app.kubernetes.io/name"]?.GetValue<string>() == "orders", 5432));
        Assert.False(Admits(p => p["podSelector"]?["matchLabels"]?["app.kubernetes.io/name"]?.GetValue<string>() == "orders", PostgresOperator.InstanceStatusPort));
        // Level 4 denies egress: the instances reach each other.
        Assert.Contains(policy["egress"]!.AsArray(), r => r!["to"]?.AsArray().Any(p => p!["podSelector"]?["matchLabels"]?["cnpg.io/cluster"]?.GetValue<string>() == "shop") == true);
    }
}
