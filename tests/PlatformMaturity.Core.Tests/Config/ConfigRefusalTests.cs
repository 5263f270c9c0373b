using System.Text.Json.Nodes;
using PlatformMaturity.Config;

namespace PlatformMaturity.Core.Tests.Config;

/// <summary>Regions, schedules, groups and credentials that would break or expose the platform are refused with the key, the value (redacted when a credential) and what is allowed.</summary>
public sealed class ConfigRefusalTests
{
    private static RawConfig Stack(string target = "existing", int level = 3)
    {
        var azure = target == "azure";
        var raw = RawConfig.Empty("test")
            .With(ConfigKeys.Level, level)
            .With(ConfigKeys.Target, target)
            .With(ConfigKeys.Tenants, new JsonArray(new JsonObject
            {
                ["name"] = "team-a",
                ["group"] = azure ? "0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" : "team-a-devs",
            }));
        return azure ? raw.With(ConfigKeys.Regions, new JsonArray("westeurope")) : raw;
    }

    private static ConfigProblem SingleProblem(RawConfig raw)
    {
        var result = PlatformConfigParser.Parse(raw);
        Assert.False(result.IsValid);
        return Assert.Single(result.Problems);
    }

    [Theory]
    [InlineData("westeurpe", "did you mean westeurope (West Europe)?")]
    [InlineData("West Europe", "did you mean westeurope (West Europe)?")]
    [InlineData("swedencentrl", "did you mean swedencentral")]
    [InlineData("europe", "is not an Azure region name")]
    public void A_region_that_azure_does_not_have_is_refused_with_the_closest_name(string region, string expected)
    {
        var problem = SingleProblem(Stack("azure").With(ConfigKeys.Regions, new JsonArray(region)));
        Assert.Equal(ConfigKeys.Regions.FullName, problem.Key);
        Assert.Contains($"'{region}' is not an Azure region name", problem.Message);
        Assert.Contains(expected, problem.Message);
        Assert.Contains("az account list-locations", problem.Message);
    }

    [Fact]
    public void Regions_from_the_list_are_accepted_and_the_list_has_its_source() =>
        Assert.Equal(["swedencentral", "westus3"], PlatformConfigParser.ParseOrThrow(
            Stack("azure").With(ConfigKeys.Regions, new JsonArray("swedencentral", "westus3")), "test").Regions.AsEnumerable());

    [Theory]
    [InlineData("0 0 2 * * *", "seconds field")]
    [InlineData("0 2 L * *", "'L' (last)")]
    [InlineData("0 2 15W * *", "'W' (nearest weekday)")]
    [InlineData("0 2 * * 1#2", "'#' (nth weekday")]
    [InlineData("0 25 * * *", "field 2 (hour) '25' at position 3")]
    public void A_backup_schedule_velero_cannot_run_is_refused_with_the_position_of_the_fault(string schedule, string expected)
    {
        var problem = SingleProblem(Stack().With(ConfigKeys.BackupSchedule, schedule));
        Assert.Equal(ConfigKeys.BackupSchedule.FullName, problem.Key);
        Assert.Contains($"'{schedule}' is not allowed", problem.Message);
        Assert.Contains(expected, problem.Message);
        Assert.Contains("position", problem.Message);
    }

    [Theory]
    [InlineData("@weekly")]
    [InlineData("30 1 * * SUN")]
    public void Backup_schedules_velero_runs_are_read(string schedule) =>
        Assert.Equal(schedule, PlatformConfigParser.ParseOrThrow(Stack().With(ConfigKeys.BackupSchedule, schedule), "test").BackupSchedule);

    [Theory]
    [InlineData("existing", "system:authenticated", "every signed-in user")]
    [InlineData("existing", "system:serviceaccounts", "every service account")]
    [InlineData("azure", "system:authenticated", "every signed-in user")]
    public void A_system_group_as_a_tenant_group_is_refused(string target, string group, string effect)
    {
        var raw = Stack(target).With(ConfigKeys.Tenants, new JsonArray(new JsonObject { ["name"] = "team-a", ["group"] = group }));
        var problem = SingleProblem(raw);
        Assert.Equal(ConfigKeys.Tenants.FullName, problem.Key);
        Assert.Contains($"group '{group}' is a Kubernetes system group", problem.Message);
        Assert.Contains(effect, problem.Message);
        Assert.Contains("edit rights in team-a", problem.Message);
    }

    [Fact]
    public void A_system_group_as_the_auditor_group_is_refused()
    {
        var problem = SingleProblem(Stack().With(ConfigKeys.AuditorGroup, "system:authenticated"));
        Assert.Equal(ConfigKeys.AuditorGroup.FullName, problem.Key);
        Assert.Contains("read access to the whole cluster", problem.Message);
    }

    private const string Token = "hvs.CAESIJ3xY8kL2mN4pQ6rS8tU0vW2xY4zA6bC8dE0fG2hI4jK";

    public static TheoryData<string, string, string> InlineCredentials => new()
    {
        { "platform:secretStore", """{"vault": {"server": "https://vault.example.com", "path": "secret", "auth": {"token": "TOKEN"}}}""".Replace("TOKEN", Token), "vault.auth.token is a credential ('token')" },
        { "platform:secretStore", """{"webhook": {"url": "https://TOKEN:x-oauth@hooks.example.com/s", "headers": {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZWFtIn0.TOKEN"}}}""".Replace("TOKEN", Token), "webhook.url is a URL with a password" },
        { "platform:secretStore", """{"kubernetes": {"auth": {"token": {"bearerToken": "TOKEN"}}}}""".Replace("TOKEN", Token), "kubernetes.auth.token.bearerToken is a credential" },
        { "platform:backupS3Url", $"https://minio:{Token}@minio.example.com:9000", "the value is a URL with a password" },
        { "platform:tracesEndpoint", "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", "holds a credential (a GitHub token)" },
    };

    [Theory]
    [MemberData(nameof(InlineCredentials))]
    public void A_credential_inlined_in_plain_config_is_refused_without_echoing_it(string key, string json, string expected)
    {
        var value = json.StartsWith('{') ? JsonNode.Parse(json) : JsonValue.Create(json);
        var result = PlatformConfigParser.Parse(Stack().With(ConfigKeys.Find(key)!, value));
        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(key, problem.Key);
        Assert.Contains("pulumi config set --secret", problem.Message);
        foreach (var other in result.Problems)
        {
            Assert.DoesNotContain(Token, other.Message);
            Assert.DoesNotContain("ghp_0123", other.Message);
        }
    }

    [Fact]
    public void Secret_references_are_not_credentials()
    {
        var store = JsonNode.Parse("""
            {"vault": {"server": "https://vault.example.com", "path": "secret", "version": "v2",
              "auth": {"tokenSecretRef": {"name": "vault-token", "key": "token", "namespace": "platform-secrets"}}}}
            """);
        var config = PlatformConfigParser.ParseOrThrow(Stack().With(ConfigKeys.SecretStore, store), "test");
        Assert.Contains("tokenSecretRef", config.SecretStoreProvider);
    }
}
