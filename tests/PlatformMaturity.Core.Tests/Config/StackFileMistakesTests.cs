using PlatformMaturity.Config;

namespace PlatformMaturity.Core.Tests.Config;

/// <summary>Mistakes a person makes in a stack file are reported, not silently ignored.</summary>
public sealed class StackFileMistakesTests
{
    private static ConfigParseResult Parse(string yaml) => PlatformConfigParser.Parse(StackFile.Parse(yaml, "dev", "Pulumi.dev.yaml"));

    [Theory]
    [InlineData("Platform:registry")]
    [InlineData("platfrom:registry")]
    [InlineData("plaform:registry")]
    public void A_misspelt_platform_namespace_is_a_problem_naming_the_key_to_write(string key)
    {
        var result = Parse($"config:\n  platform:level: 1\n  platform:target: existing\n  {key}: registry.example.com\n  azure:location: westeurope\n");
        var problem = Assert.Single(result.Problems);
        Assert.Equal(key, problem.Key);
        Assert.Contains("write platform:registry", problem.Message);
    }

    [Fact]
    public void Keys_of_other_namespaces_are_left_alone()
    {
        Assert.True(Parse("config:\n  platform:level: 1\n  platform:target: existing\n  azure:location: westeurope\n  kubernetes:context: kind\n").IsValid);
    }

    [Fact]
    public void An_unknown_top_level_key_is_reported_with_the_closest_one()
    {
        var error = Assert.Throws<StackConfigException>(() => StackFile.Parse("configs:\n  platform:level: 1\n", "dev", "Pulumi.dev.yaml"));
        Assert.Contains("did you mean config?", error.Message);
    }

    [Fact]
    public void A_misspelt_value_gets_the_closest_allowed_one()
    {
        var problem = Assert.Single(Parse("config:\n  platform:level: 1\n  platform:target: exisitng\n").Problems);
        Assert.EndsWith("allowed: existing, azure; did you mean existing?", problem.Message);
    }

    [Fact]
    public void An_aks_version_out_of_support_is_refused()
    {
        var problem = Assert.Single(Parse("config:\n  platform:level: 1\n  platform:target: azure\n  platform:regions: [westeurope]\n  platform:kubernetesVersion: \"1.20\"\n").Problems);
        Assert.Contains("older than AKS supports", problem.Message);
    }
}
