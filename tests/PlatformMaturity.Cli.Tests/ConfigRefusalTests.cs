using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests;

/// <summary>Stacks with a misspelt region, a cron Velero cannot run, a system: group or an inline token are refused by every command, clearly, with no file changed.</summary>
public sealed class ConfigRefusalTests
{
    private const string Token = "hvs.CAESIJ3xY8kL2mN4pQ6rS8tU0vW2xY4zA6bC8dE0fG2hI4jK";

    public static TheoryData<string, string, string, string> BadStacks => new()
    {
        { "azure", "regions", """["westeurpe"]""", "platform:regions: item 0 'westeurpe' is not an Azure region name; did you mean westeurope (West Europe)?" },
        { "existing", "backupSchedule", "\"0 0 2 * * *\"", "platform:backupSchedule: '0 0 2 * * *' is not allowed: 6 fields given: the first, '0' at position 1, is a seconds field" },
        { "existing", "backupSchedule", "\"0 2 L * *\"", "field 3 (day-of-month) 'L' at position 5: 'L' (last) is Quartz syntax" },
        { "existing", "tenants", """[{"name": "team-a", "group": "system:authenticated"}]""", "platform:tenants: item 0 (team-a) group 'system:authenticated' is a Kubernetes system group: every signed-in user would get edit rights in team-a" },
        { "existing", "auditorGroup", "\"system:authenticated\"", "platform:auditorGroup: 'system:authenticated' is a Kubernetes system group" },
        { "existing", "secretStore", """{"vault": {"server": "https://vault.example.com", "path": "secret", "auth": {"token": "TOKEN"}}}""", "platform:secretStore: vault.auth.token is a credential ('token') in plain text (value not shown)" },
        { "existing", "backupS3Url", "\"https://minio:TOKEN@minio.example.com\"", "platform:backupS3Url: the value is a URL with a password (user:password@) in plain text" },
    };

    [Theory]
    [MemberData(nameof(BadStacks))]
    public void A_bad_stack_is_refused_by_every_command_with_the_key_the_value_and_what_is_allowed_and_nothing_changes(string target, string key, string json, string message)
    {
        using var dir = new TempDirectory();
        var group = target == "azure" ? "7f9c1d2e-0000-4000-8000-000000000001" : "team-a-devs";
        Assert.Equal(0, CliRunner.Run(dir.Path, "init", "dev", "--level", "3", "--target", target, "--tenant", $"team-a:{group}").ExitCode);
        var path = dir.Combine("stacks", "Pulumi.dev.yaml");
        File.WriteAllText(path, StackFileEditor.Apply(File.ReadAllText(path), [(ConfigKeys.Find($"platform:{key}")!, JsonNode.Parse(json.Replace("TOKEN", Token)))]));
        var before = dir.Snapshot();

        foreach (var command in new[] { new[] { "status", "dev" }, ["render", "dev", "--out", "out"], ["plan", "dev", "--to", "4"], ["upgrade", "dev", "--promote", "--yes"] })
        {
            var result = CliRunner.Run(dir.Path, command);
            Assert.True(result.ExitCode == 1, $"{string.Join(' ', command)}: {result}");
            Assert.Contains(message, result.Error);
            Assert.DoesNotContain(Token, result.Error + result.Out);
            Assert.Equal(before, dir.Snapshot());
        }
    }
}
