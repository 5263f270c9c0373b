using System.Text.RegularExpressions;
using PlatformMaturity.Config;
using PlatformMaturity.Graph.Azure;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>Resources Pulumi names from their graph name must have graph names Azure accepts as a prefix.</summary>
public sealed partial class AzureNamingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Storage_accounts_and_registries_have_letters_and_digits_only(int level)
    {
        foreach (var resource in Compose(For(DeploymentTarget.Azure, level)).Resources.Where(r => r is StorageAccount or ContainerRegistry))
            Assert.Matches(LowerAlphanumeric(), resource.Name);
    }

    [GeneratedRegex("^[a-z0-9]{3,16}$")]
    private static partial Regex LowerAlphanumeric();
}
