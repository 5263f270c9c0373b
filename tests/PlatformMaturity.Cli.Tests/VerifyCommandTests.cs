using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests;

/// <summary>pmctl verify --ai-conformance: Level 5's exit test, as PRODUCT.yaml, failing while a MUST is missing.</summary>
public sealed class VerifyCommandTests
{
    private static void Stack(TempDirectory dir, string name, int level)
    {
        Directory.CreateDirectory(dir.Combine("stacks"));
        File.WriteAllText(dir.Combine("stacks", $"Pulumi.{name}.yaml"), $"""
            config:
              platform:level: {level}
              platform:target: existing
              platform:registry: registry.example.com/apps
              platform:tenants:
                - name: team-a
                  group: team-a-devs
            """);
    }

    [Fact]
    public void A_level_5_stack_names_a_component_for_every_must_and_passes()
    {
        using var dir = new TempDirectory();
        Stack(dir, "ai", 5);
        var result = CliRunner.Run(dir.Path, "verify", "ai", "--ai-conformance");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("kubernetesVersion: v1.35", result.Out, StringComparison.Ordinal);
        Assert.Contains("- id: gang_scheduling", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("status: Not Implemented", result.Out, StringComparison.Ordinal);

        var json = CliRunner.Run(dir.Path, "verify", "ai", "--ai-conformance", "--output", "json").Json.AsArray();
        Assert.Equal(9, json.Count);
        Assert.All(json, r => Assert.NotEmpty(r!["components"]!.AsArray()));
    }

    [Fact]
    public void A_level_4_stack_fails_naming_the_musts_it_lacks()
    {
        using var dir = new TempDirectory();
        Stack(dir, "l4", 4);
        var result = CliRunner.Run(dir.Path, "verify", "l4", "--ai-conformance");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("status: Not Implemented", result.Out, StringComparison.Ordinal);
        Assert.Contains("gang_scheduling", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run(dir.Path, "verify", "l4").ExitCode);
    }
}
