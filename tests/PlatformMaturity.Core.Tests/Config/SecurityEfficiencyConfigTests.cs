using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.Model;
using PlatformMaturity.Practices.Security;

namespace PlatformMaturity.Core.Tests.Config;

/// <summary>The config Levels 2 and 3 bring for security and efficiency: written by init, defaulted, and validated with clear errors.</summary>
public sealed class SecurityEfficiencyConfigTests
{
    private const string GroupA = "0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private const string GroupB = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

    private static RawConfig Raw(int level, DeploymentTarget target, params (ConfigKey Key, JsonNode? Value)[] values)
    {
        var group = (string name, string existingGroup) => target == DeploymentTarget.Azure ? name : existingGroup;
        var raw = RawConfig.Empty("test")
            .With(ConfigKeys.Level, level)
            .With(ConfigKeys.Target, ConfigNames.Of(target))
            .With(ConfigKeys.Tenants, new JsonArray(
                new JsonObject { ["name"] = "team-a", ["group"] = group(GroupA, "team-a-devs"), ["tier"] = "small" },
                new JsonObject { ["name"] = "team-b", ["group"] = group(GroupB, "team-b-devs"), ["tier"] = "large" }));
        if (target == DeploymentTarget.Azure)
            raw = raw.With(ConfigKeys.Regions, new JsonArray("westeurope"));
        return values.Aggregate(raw, (r, v) => r.With(v.Key, v.Value));
    }

    private static string SingleProblem(RawConfig raw, ConfigKey key)
    {
        var result = PlatformConfigParser.Parse(raw);
        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(key.FullName, problem.Key);
        return problem.Message;
    }

    [Theory]
    [InlineData(2, DeploymentTarget.Existing)]
    [InlineData(2, DeploymentTarget.Azure)]
    [InlineData(3, DeploymentTarget.Existing)]
    [InlineData(3, DeploymentTarget.Azure)]
    public void The_stack_file_init_writes_for_levels_2_and_3_validates(int level, DeploymentTarget target)
    {
        var text = StackFileTemplate.Render(Raw(level, target), level, target, MaturityModel.Default);
        var config = PlatformConfigParser.ParseOrThrow(StackFile.Parse(text, "test", "template"), "template");
        Assert.Equal(level, config.Level);
        foreach (var key in ConfigKeys.All.Where(k => k.NeededAt(level, target) && k.FromLevel >= 2))
            Assert.Contains(key.FullName, text);
        if (target == DeploymentTarget.Azure)
        {
            Assert.Equal(MaintenanceWindowConfig.Default, config.MaintenanceWindow);
            Assert.Contains("platform:maintenanceWindow:", text);
        }
        Assert.Equal(level >= 3, text.Contains(ConfigKeys.AllowedRegistries.FullName));
        Assert.Equal(level >= 3 && target == DeploymentTarget.Azure, text.Contains(ConfigKeys.NodeMinCount.FullName));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Prod_with_Entra_ID_integration_requires_an_admin_group(int level)
    {
        var prod = (ConfigKeys.Environment, (JsonNode?)"prod");
        var message = SingleProblem(Raw(level, DeploymentTarget.Azure, prod), ConfigKeys.AdminGroupObjectIds);
        Assert.Contains("required in prod", message);
        Assert.Equal(ConfigKeys.AdminGroupObjectIds.FullName,
            Assert.Single(PlatformConfigParser.Parse(Raw(level, DeploymentTarget.Azure, prod, (ConfigKeys.AdminGroupObjectIds, new JsonArray()))).Problems).Key);

        var config = PlatformConfigParser.ParseOrThrow(Raw(level, DeploymentTarget.Azure, prod, (ConfigKeys.AdminGroupObjectIds, new JsonArray(GroupA))), "test");
        Assert.Equal([GroupA], config.AdminGroupObjectIds.ToArray());
    }

    [Theory]
    [InlineData(1, DeploymentTarget.Azure, "nonprod")]
    [InlineData(2, DeploymentTarget.Azure, "nonprod")]
    [InlineData(3, DeploymentTarget.Existing, "prod")]
    public void No_admin_group_is_required_without_Entra_ID_integration_or_outside_prod(int level, DeploymentTarget target, string environment) =>
        Assert.True(PlatformConfigParser.Parse(Raw(level, target, (ConfigKeys.Environment, environment))).IsValid);

    [Fact]
    public void API_server_authorized_ranges_are_CIDR_ranges_and_reach_the_cluster()
    {
        var ranges = (ConfigKeys.ApiServerAuthorizedIpRanges, (JsonNode?)new JsonArray("203.0.113.0/24", "198.51.100.7/32", "2001:db8::/32"));
        var config = PlatformConfigParser.ParseOrThrow(Raw(1, DeploymentTarget.Azure, ranges), "test");
        Assert.Equal(["203.0.113.0/24", "198.51.100.7/32", "2001:db8::/32"], config.ApiServerAuthorizedIpRanges.ToArray());
        var cluster = (PlatformMaturity.Graph.Azure.KubernetesCluster)PlatformMaturity.Composition.Composer.Default.Compose(config)
            .Resource(PlatformMaturity.Composition.Foundation.ClusterName);
        Assert.Equal(config.ApiServerAuthorizedIpRanges.ToArray(), cluster.ApiServerAccessProfile!.AuthorizedIpRanges.ToArray());

        var open = PlatformConfigParser.ParseOrThrow(Raw(1, DeploymentTarget.Azure), "test");
        Assert.Null(((PlatformMaturity.Graph.Azure.KubernetesCluster)PlatformMaturity.Composition.Composer.Default.Compose(open)
            .Resource(PlatformMaturity.Composition.Foundation.ClusterName)).ApiServerAccessProfile);
    }

    [Theory]
    [InlineData("203.0.113.7", "item 0 '203.0.113.7' is not a CIDR range")]
    [InlineData("203.0.113.7/24", "item 0 '203.0.113.7/24' is not a CIDR range")]
    [InlineData("203.0.113.0/33", "item 0 '203.0.113.0/33' is not a CIDR range")]
    [InlineData("office", "item 0 'office' is not a CIDR range")]
    public void API_server_authorized_ranges_refuse_what_is_not_a_CIDR_range(string range, string expected)
    {
        var message = SingleProblem(Raw(1, DeploymentTarget.Azure, (ConfigKeys.ApiServerAuthorizedIpRanges, new JsonArray(range))),
            ConfigKeys.ApiServerAuthorizedIpRanges);
        Assert.StartsWith(expected, message);
    }

    [Fact]
    public void API_server_authorized_ranges_apply_to_azure_only() =>
        Assert.Contains("applies to target 'azure' only", SingleProblem(
            Raw(1, DeploymentTarget.Existing, (ConfigKeys.ApiServerAuthorizedIpRanges, new JsonArray("203.0.113.0/24"))),
            ConfigKeys.ApiServerAuthorizedIpRanges));

    [Fact]
    public void Defaults_apply_when_the_keys_are_absent()
    {
        var azure = PlatformConfigParser.ParseOrThrow(Raw(3, DeploymentTarget.Azure), "test");
        Assert.Equal((2, 5), (azure.NodeMinCount, azure.NodeMaxCount));
        Assert.Equal("gateway-system", azure.IngressNamespace);
        Assert.Empty(azure.AdminGroupObjectIds);
        Assert.Equal([AllowedRegistries.AzureLoginServer.Placeholder], AllowedRegistries.For(azure).ToArray());
        var existing = PlatformConfigParser.ParseOrThrow(Raw(3, DeploymentTarget.Existing), "test");
        Assert.Equal(["localhost:5001"], AllowedRegistries.For(existing).ToArray());
        Assert.Null(existing.SecretStoreProvider);
    }

    [Fact]
    public void A_maintenance_window_is_read_and_each_bad_field_is_named_with_what_is_allowed()
    {
        var window = new JsonObject { ["dayOfWeek"] = "Saturday", ["startTime"] = "23:30", ["durationHours"] = "6", ["utcOffset"] = "+01:00" };
        var config = PlatformConfigParser.ParseOrThrow(Raw(2, DeploymentTarget.Azure, (ConfigKeys.MaintenanceWindow, window)), "test");
        Assert.Equal(new MaintenanceWindowConfig("Saturday", "23:30", 6, "+01:00"), config.MaintenanceWindow);

        var message = SingleProblem(Raw(2, DeploymentTarget.Azure, (ConfigKeys.MaintenanceWindow, new JsonObject { ["dayOfWeek"] = "Sun" })), ConfigKeys.MaintenanceWindow);
        Assert.Contains("'Sun'", message);
        Assert.Contains("Monday, Tuesday", message);
        Assert.Contains("4 to 24", SingleProblem(Raw(2, DeploymentTarget.Azure, (ConfigKeys.MaintenanceWindow, new JsonObject { ["durationHours"] = "2" })), ConfigKeys.MaintenanceWindow));
        Assert.Contains("\"HH:mm\"", SingleProblem(Raw(2, DeploymentTarget.Azure, (ConfigKeys.MaintenanceWindow, new JsonObject { ["startTime"] = "25:00" })), ConfigKeys.MaintenanceWindow));
        Assert.Contains("unknown field 'hour'", SingleProblem(Raw(2, DeploymentTarget.Azure, (ConfigKeys.MaintenanceWindow, new JsonObject { ["hour"] = "2" })), ConfigKeys.MaintenanceWindow));
    }

    [Fact]
    public void The_autoscaler_range_must_hold_at_least_two_nodes_and_the_initial_count()
    {
        Assert.Contains("less than platform:nodeMinCount", SingleProblem(
            Raw(3, DeploymentTarget.Azure, (ConfigKeys.NodeMinCount, "4"), (ConfigKeys.NodeMaxCount, "3")), ConfigKeys.NodeMaxCount));
        Assert.Contains("'1'", SingleProblem(Raw(3, DeploymentTarget.Azure, (ConfigKeys.NodeMinCount, "1")), ConfigKeys.NodeMinCount));
        Assert.Contains("outside the autoscaler's range 3 to 6", SingleProblem(
            Raw(3, DeploymentTarget.Azure, (ConfigKeys.NodeCount, "2"), (ConfigKeys.NodeMinCount, "3"), (ConfigKeys.NodeMaxCount, "6")), ConfigKeys.NodeCount));
        // At Level 2 nothing autoscales, so the initial count may lie outside the range.
        Assert.True(PlatformConfigParser.Parse(Raw(2, DeploymentTarget.Azure, (ConfigKeys.NodeCount, "2"), (ConfigKeys.NodeMinCount, "3"))).IsValid);
    }

    [Fact]
    public void On_azure_groups_are_entra_object_ids()
    {
        Assert.Contains("'admins' is not an Entra ID object id", SingleProblem(
            Raw(2, DeploymentTarget.Azure, (ConfigKeys.AdminGroupObjectIds, new JsonArray("admins"))), ConfigKeys.AdminGroupObjectIds));
        Assert.Contains("is not an Entra ID object id", SingleProblem(
            Raw(2, DeploymentTarget.Azure, (ConfigKeys.AuditorGroup, "auditors")), ConfigKeys.AuditorGroup));
        var tenants = new JsonArray(new JsonObject { ["name"] = "team-a", ["group"] = "team-a-devs" });
        Assert.Contains("group 'team-a-devs' is not an Entra ID object id", SingleProblem(
            Raw(2, DeploymentTarget.Azure, (ConfigKeys.Tenants, tenants)), ConfigKeys.Tenants));
        Assert.True(PlatformConfigParser.Parse(Raw(2, DeploymentTarget.Existing, (ConfigKeys.AuditorGroup, "auditors"))).IsValid);
    }

    [Fact]
    public void Allowed_registries_are_hosts_or_domain_wildcards_and_never_empty()
    {
        var config = PlatformConfigParser.ParseOrThrow(Raw(3, DeploymentTarget.Existing,
            (ConfigKeys.AllowedRegistries, new JsonArray("registry.example.com/team", "*.azurecr.io"))), "test");
        Assert.Equal(["registry.example.com/team", "*.azurecr.io"], AllowedRegistries.For(config).ToArray());
        Assert.Contains("item 0 'docker.io/*'", SingleProblem(Raw(3, DeploymentTarget.Existing, (ConfigKeys.AllowedRegistries, new JsonArray("docker.io/*"))), ConfigKeys.AllowedRegistries));
        Assert.Contains("would refuse every tenant pod", SingleProblem(Raw(3, DeploymentTarget.Existing, (ConfigKeys.AllowedRegistries, new JsonArray())), ConfigKeys.AllowedRegistries));
    }

    [Fact]
    public void A_secret_store_is_one_external_secrets_provider_and_only_on_existing()
    {
        var vault = JsonNode.Parse("""{"vault":{"server":"https://vault.example.com","path":"secret","version":"v2"}}""");
        var config = PlatformConfigParser.ParseOrThrow(Raw(3, DeploymentTarget.Existing, (ConfigKeys.SecretStore, vault)), "test");
        Assert.Equal("""{"vault":{"path":"secret","server":"https://vault.example.com","version":"v2"}}""", config.SecretStoreProvider);
        Assert.Contains("provider 'hashivault' is not an external-secrets provider; allowed: akeyless", SingleProblem(
            Raw(3, DeploymentTarget.Existing, (ConfigKeys.SecretStore, JsonNode.Parse("""{"hashivault":{}}"""))), ConfigKeys.SecretStore));
        Assert.Contains("applies to target 'existing' only", SingleProblem(
            Raw(3, DeploymentTarget.Azure, (ConfigKeys.SecretStore, vault)), ConfigKeys.SecretStore));
    }

    [Fact]
    public void The_ingress_namespace_is_a_namespace_name()
    {
        Assert.Contains("'Gateway_System'", SingleProblem(Raw(2, DeploymentTarget.Existing, (ConfigKeys.IngressNamespace, "Gateway_System")), ConfigKeys.IngressNamespace));
    }
}
