using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.Files;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Core.Tests.Config;

/// <summary>Appending a tenant inserts its lines and nothing else: the original text is the result minus one block.</summary>
public sealed class StackFileAppendTests
{
    public static TheoryData<string> ExampleStacks() =>
        [.. Directory.EnumerateFiles(TestPaths.Stacks, "Pulumi.*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ExampleStacks))]
    public void Every_example_stack_gains_the_tenant_and_keeps_every_byte_it_had(string file)
    {
        var original = File.ReadAllText(Path.Combine(TestPaths.Stacks, file));
        var tenant = new JsonObject { ["name"] = "team-new", ["group"] = "00000000-0000-0000-0000-00000000000e", ["tier"] = "small" };

        var updated = StackFileAppend.Apply(original, ConfigKeys.Tenants, tenant, file, "s");

        var at = Enumerable.Range(0, original.Length + 1).First(i => i == original.Length || original[i] != updated[i]);
        var inserted = updated.Length - original.Length;
        Assert.Equal(original, updated.Remove(at, inserted));
        var tenants = (JsonArray)StackFile.Parse(updated, "s", file).Values[ConfigKeys.Tenants.FullName]!;
        Assert.Equal(tenant.ToJsonString(), tenants[^1]!.ToJsonString());
    }

    [Fact]
    public void A_list_shared_through_an_anchor_is_refused()
    {
        const string yaml = "config:\n  platform:tenants: &t\n  - name: a\n  other:copy: *t\n";

        var e = Assert.Throws<InputException>(() => StackFileAppend.Apply(yaml, ConfigKeys.Tenants, new JsonObject { ["name"] = "b" }, "f.yaml", "s"));

        Assert.Contains("would change other:copy too", e.Message);
    }

    [Fact]
    public void A_flow_list_is_rewritten_with_its_items_kept()
    {
        const string yaml = "config:\n  platform:level: 1\n  platform:tenants: [{name: a, tier: small}]  # teams\n";

        var updated = StackFileAppend.Apply(yaml, ConfigKeys.Tenants, new JsonObject { ["name"] = "b" }, "f.yaml", "s");

        Assert.Equal("""[{"name":"a","tier":"small"},{"name":"b"}]""", StackFile.Parse(updated, "s", "f.yaml").Values[ConfigKeys.Tenants.FullName]!.ToJsonString());
        Assert.StartsWith("config:\n  platform:level: 1\n", updated);
        Assert.Contains("# teams", updated);
    }
}
