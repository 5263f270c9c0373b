using PlatformMaturity.Config;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests;

/// <summary>Every example stack in stacks/ is valid, renders, and validates: the README's examples work.</summary>
public sealed class ExampleStacksTests
{
    public static IEnumerable<string> StackNames() =>
        Directory.EnumerateFiles(TestPaths.Stacks, "Pulumi.*.yaml").Order(StringComparer.Ordinal)
            .Select(file => Path.GetFileName(file)[StackFile.Prefix.Length..^StackFile.Extension.Length]);

    public static TheoryData<string> Stacks() => [.. StackNames()];

    [Fact]
    public void There_is_a_level_1_example_for_each_target()
    {
        var configs = StackNames().Select(Load).ToList();
        foreach (var target in Enum.GetValues<DeploymentTarget>())
            Assert.Contains(configs, c => c.Level == 1 && c.Target == target);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Example_stack_is_valid_and_renders_schema_valid_objects(string stack)
    {
        Assert.Equal(0, CliRunner.Run(TestPaths.RepositoryRoot, "status", stack).ExitCode);
        using var dir = new TempDirectory();
        var render = CliRunner.Run(TestPaths.RepositoryRoot, "render", stack, "--out", dir.Combine("out"));
        Assert.True(render.ExitCode == 0, render.ToString());
        foreach (var file in Directory.EnumerateFiles(dir.Combine("out"), "*.yaml", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(f) is not ("kustomization.yaml" or "release.yaml" or "values.yaml")))
            Assert.Empty(SchemaValidator.ValidateYaml(File.ReadAllText(file)));
    }

    private static PlatformConfig Load(string stack) =>
        PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, stack), stack), stack);
}
