using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Core.Tests.Config;

/// <summary>platform:rwxStorageClass: the existing cluster's ReadWriteMany class, a StorageClass name, from Level 4, existing only.</summary>
public sealed class RwxStorageClassConfigTests
{
    private static RawConfig Level5Existing() => StackFile.Read(StackFile.PathFor(TestPaths.Stacks, "l5-existing"), "l5-existing");

    private static string Refusal(RawConfig raw)
    {
        var result = PlatformConfigParser.Parse(raw);
        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ConfigKeys.RwxStorageClass.FullName, problem.Key);
        return problem.Message;
    }

    [Theory]
    [InlineData("nfs-client")]
    [InlineData("efs.sc")]
    [InlineData("a")]
    public void A_storage_class_name_is_kept(string name)
    {
        var config = PlatformConfigParser.Parse(Level5Existing().With(ConfigKeys.RwxStorageClass, name)).Config;
        Assert.NotNull(config);
        Assert.Equal(name, config.RwxStorageClass);
    }

    [Fact]
    public void Unset_names_no_class() =>
        Assert.Null(PlatformConfigParser.Parse(Level5Existing()).Config!.RwxStorageClass);

    [Theory]
    [InlineData("NFS")]
    [InlineData("nfs_client")]
    [InlineData("-nfs")]
    [InlineData("nfs-")]
    [InlineData("nfs..client")]
    [InlineData("nfs client")]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    [InlineData("nfs\nclient")]
    [InlineData("nfs\u202Eclient")]
    [InlineData("{{ evil }}")]
    [InlineData("nfs-client\u0000")]
    public void A_value_that_is_not_a_storage_class_name_is_refused_with_the_value_and_what_is_allowed(string value)
    {
        var message = Refusal(Level5Existing().With(ConfigKeys.RwxStorageClass, value));
        Assert.Contains("is not allowed", message, StringComparison.Ordinal);
        Assert.Contains("DNS-1123 subdomain", message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", message, StringComparison.Ordinal); // control characters are shown escaped
        Assert.DoesNotContain("\u202E", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_longer_than_253_characters_is_refused() =>
        Assert.Contains("is not allowed", Refusal(Level5Existing().With(ConfigKeys.RwxStorageClass, string.Join('.', Enumerable.Repeat(new string('a', 63), 4)))), StringComparison.Ordinal);

    [Theory]
    [InlineData("[\"nfs\"]")]
    [InlineData("{\"name\": \"nfs\"}")]
    public void A_value_that_is_not_text_is_refused(string json) =>
        Assert.Contains("is not allowed", Refusal(Level5Existing().With(ConfigKeys.RwxStorageClass, JsonNode.Parse(json))), StringComparison.Ordinal);

    [Theory]
    [InlineData(PlatformMaturity.Practices.Efficiency.AdvancedVolumeManagement.StandardClass)]
    [InlineData(PlatformMaturity.Practices.Efficiency.AdvancedVolumeManagement.DataClass)]
    public void The_platforms_own_block_classes_are_refused(string name) =>
        Assert.Contains("ReadWriteOnce", Refusal(Level5Existing().With(ConfigKeys.RwxStorageClass, name)), StringComparison.Ordinal);

    [Fact]
    public void Below_level_4_it_is_refused() =>
        Assert.Contains("needs Level 4", Refusal(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, "l3-existing"), "l3-existing").With(ConfigKeys.RwxStorageClass, "nfs-client")), StringComparison.Ordinal);

    [Fact]
    public void On_azure_it_is_refused_for_its_target()
    {
        var raw = StackFile.Read(StackFile.PathFor(TestPaths.Stacks, "l5-azure"), "l5-azure").With(ConfigKeys.RwxStorageClass, "nfs-client");
        Assert.Contains(PlatformConfigParser.Parse(raw).Problems, p => p.Key == ConfigKeys.RwxStorageClass.FullName && p.Message.Contains("applies to target 'existing' only", StringComparison.Ordinal));
    }
}
