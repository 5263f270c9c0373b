using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.Model;

namespace PlatformMaturity.Core.Tests.Config;

/// <summary>The Level 2–3 keys of the Delivery and Availability practices: defaults, validation, secrets, pmctl init.</summary>
public sealed class OperationsConfigTests
{
    private static RawConfig Stack(int level, string target) => RawConfig.Empty("ops")
        .With(ConfigKeys.Level, level.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With(ConfigKeys.Target, target);

    private static RawConfig Azure(int level) => Stack(level, "azure").With(ConfigKeys.Regions, new JsonArray("westeurope"));

    private static ConfigProblem SingleProblem(RawConfig raw)
    {
        var result = PlatformConfigParser.Parse(raw);
        Assert.False(result.IsValid);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void Unset_keys_take_their_documented_defaults()
    {
        var config = PlatformConfigParser.Parse(Stack(3, "existing")).Config!;
        Assert.Equal(AlertReceiverKind.Webhook, config.AlertReceiver);
        Assert.Equal("15d", config.MetricsRetention);
        Assert.Equal("50Gi", config.MetricsStorageSize);
        Assert.Equal("0 2 * * *", config.BackupSchedule);
        Assert.Equal(30, config.BackupRetentionDays);
        Assert.Equal(new BackupLocation("ops-backups", "us-east-1", null), config.BackupLocation);
        Assert.Null(config.TracesEndpoint);
    }

    [Fact]
    public void Set_keys_are_read()
    {
        var config = PlatformConfigParser.Parse(Stack(3, "existing")
            .With(ConfigKeys.AlertReceiver, "msteams")
            .With(ConfigKeys.MetricsRetention, "4w")
            .With(ConfigKeys.BackupBucket, "backups.example")
            .With(ConfigKeys.BackupS3Url, "http://minio.minio.svc:9000")
            .With(ConfigKeys.BackupRetentionDays, "7")
            .With(ConfigKeys.TracesEndpoint, "tempo.example.com:4317")).Config!;
        Assert.Equal(AlertReceiverKind.MsTeams, config.AlertReceiver);
        Assert.Equal("4w", config.MetricsRetention);
        Assert.Equal(new BackupLocation("backups.example", "us-east-1", "http://minio.minio.svc:9000"), config.BackupLocation);
        Assert.Equal(7, config.BackupRetentionDays);
        Assert.Equal("tempo.example.com:4317", config.TracesEndpoint);

        var azure = PlatformConfigParser.Parse(Azure(3).With(ConfigKeys.CiRepositories, new JsonArray("my-org/app"))).Config!;
        Assert.Equal(["my-org/app"], azure.CiRepositories.ToArray());
    }

    public static TheoryData<string, JsonNode, string> BadValues => new()
    {
        { "alertReceiver", JsonValue.Create("pagerduty"), "allowed: slack, msteams, webhook" },
        { "metricsRetention", JsonValue.Create("15 days"), "'15 days'" },
        { "metricsStorageSize", JsonValue.Create("50GB"), "such as 50Gi" },
        { "backupSchedule", JsonValue.Create("daily"), "expected five fields" },
        { "backupRetentionDays", JsonValue.Create("0"), "from 1 to 3650" },
        { "backupS3Url", JsonValue.Create("ftp://store"), "http(s) URL" },
        { "backupBucket", JsonValue.Create("My_Bucket"), "S3 bucket name" },
        { "tracesEndpoint", JsonValue.Create("http://tempo:4317"), "host:port" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Bad_values_are_refused_naming_the_key_the_value_and_what_is_allowed(string key, JsonNode value, string expected)
    {
        var problem = SingleProblem(Stack(3, "existing").With(ConfigKeys.Find($"platform:{key}")!, value));
        Assert.Equal($"platform:{key}", problem.Key);
        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void Ci_repositories_must_be_owner_slash_repo_and_unique()
    {
        var result = PlatformConfigParser.Parse(Azure(3).With(ConfigKeys.CiRepositories, new JsonArray("not a repo", "org/app", "ORG/app")));
        Assert.Equal(2, result.Problems.Length);
        Assert.Contains(result.Problems, p => p.Message.Contains("item 0 'not a repo'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains("listed twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Backup_location_keys_belong_to_the_existing_target()
    {
        var problem = SingleProblem(Azure(3).With(ConfigKeys.BackupBucket, "backups"));
        Assert.Equal("platform:backupBucket", problem.Key);
        Assert.Contains("applies to target 'existing' only", problem.Message);
    }

    [Fact]
    public void A_secret_in_plain_text_is_refused_with_the_command_that_encrypts_it()
    {
        var problem = SingleProblem(Stack(2, "existing").With(ConfigKeys.GrafanaAdminPassword, "hunter2"));
        Assert.Equal("platform:grafanaAdminPassword", problem.Key);
        Assert.Contains("plain text", problem.Message);
        Assert.Contains("pulumi config set --secret platform:grafanaAdminPassword", problem.Message);
        Assert.DoesNotContain("hunter2", problem.Message);
    }

    [Fact]
    public void Encrypted_secrets_count_as_set_and_missing_ones_are_listed_per_level_and_target()
    {
        var raw = Stack(3, "existing").With(ConfigKeys.GrafanaAdminPassword, new JsonObject { ["secure"] = "v1:abc" });
        var config = PlatformConfigParser.Parse(raw).Config!;
        Assert.True(config.HasSecret(ConfigKeys.GrafanaAdminPassword));
        Assert.Equal(["platform:alertWebhookUrl", "platform:backupCredentials"], config.MissingSecrets.Select(k => k.FullName));

        Assert.Equal(["platform:grafanaAdminPassword", "platform:alertWebhookUrl"],
            PlatformConfigParser.Parse(Azure(3)).Config!.MissingSecrets.Select(k => k.FullName));
        Assert.Empty(PlatformConfigParser.Parse(Stack(1, "existing")).Config!.MissingSecrets);
    }

    [Fact]
    public void The_pulumi_host_passes_secrets_as_set_without_their_values()
    {
        var raw = RawConfig.FromStrings("ops", key => key switch
        {
            "level" => "2",
            "target" => "existing",
            "grafanaAdminPassword" => "hunter2",
            _ => null,
        });
        Assert.DoesNotContain("hunter2", raw.Values.Values.Select(v => v?.ToJsonString() ?? ""));
        Assert.True(PlatformConfigParser.Parse(raw).Config!.HasSecret(ConfigKeys.GrafanaAdminPassword));
    }

    [Theory]
    [InlineData(2, DeploymentTarget.Existing)]
    [InlineData(2, DeploymentTarget.Azure)]
    [InlineData(3, DeploymentTarget.Existing)]
    [InlineData(3, DeploymentTarget.Azure)]
    public void Init_writes_every_key_of_the_level_as_a_stack_that_validates_and_says_how_to_set_secrets(int level, DeploymentTarget target)
    {
        var raw = target == DeploymentTarget.Azure ? Azure(level) : Stack(level, "existing");
        var text = StackFileTemplate.Render(raw, level, target, MaturityModel.Default);
        var config = PlatformConfigParser.Parse(StackFile.Parse(text, "ops", "init")).Config;
        Assert.NotNull(config);
        foreach (var key in ConfigKeys.All.Where(k => k.NeededAt(level, target)))
        {
            Assert.Contains(key.FullName, text);
            if (key.Secret)
                Assert.Contains($"pulumi config set --secret {key.FullName} <value> --stack ops", text);
        }
        Assert.Equal(ConfigKeys.SecretsNeeded(level, target).Count(), config.MissingSecrets.Count());
    }
}
