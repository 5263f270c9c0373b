using PlatformMaturity.Config;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests;

/// <summary>The README stays true to the tool: every config key and command is documented.</summary>
public sealed class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md"));

    [Fact]
    public void Documents_every_config_key()
    {
        foreach (var key in ConfigKeys.All)
            Assert.Contains($"`{key.FullName}`", Readme);
    }

    [Fact]
    public void Documents_every_staged_enforcement()
    {
        foreach (var enforcement in Enforcements.All)
            Assert.Contains($"`{enforcement.Id}`", Readme);
    }

    [Fact]
    public void Documents_every_command()
    {
        foreach (var command in Pmctl.CreateRoot(new CliIO(TextWriter.Null, TextWriter.Null, ".")).Subcommands)
            Assert.Contains($"`pmctl {command.Name}", Readme);
    }

    [Fact]
    public void Quick_start_runs_an_example_stack_that_exists()
    {
        Assert.Contains("dotnet run --project src/PlatformMaturity.Cli -- render l1-existing --out out/l1-existing", Readme);
        Assert.True(File.Exists(Path.Combine(TestPaths.Stacks, "Pulumi.l1-existing.yaml")));
        Assert.Contains("dotnet test -p:PulumiSdk=false", Readme);
        Assert.Contains("dotnet test -p:PulumiSdk=false", File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, ".ci", "run")));
    }
}
