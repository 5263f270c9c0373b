using System.Text.Json.Nodes;
using PlatformMaturity.Config;

namespace PlatformMaturity.Core.Tests.Config;

/// <summary>Editing a stack file keeps everything the edit does not name: comments, order, other namespaces, secrets.</summary>
public sealed class StackFileEditorTests
{
    private const string Stack = """
        # My platform — hand-written notes stay.
        secretsprovider: passphrase
        encryptionsalt: v1:abc:def
        config:
          # the level
          platform:level: 1 # trailing comment
          azure:location: westeurope
          platform:target: azure
          platform:regions:
            - westeurope # primary
          platform:tenants:
            - name: team-a
              group: g1
          platform:secretThing:
            secure: v1:AAAA
          other:key: [a, b]
        environment:
          - my-esc-env
        """;

    [Fact]
    public void Replaces_a_scalar_in_place_and_keeps_everything_else()
    {
        var result = StackFileEditor.Apply(Stack, [(ConfigKeys.Level, 2)]);
        Assert.Equal(Stack.Replace("platform:level: 1 # trailing comment", "platform:level: 2 # trailing comment"), result);
    }

    [Fact]
    public void Replaces_a_block_list_without_touching_the_next_key()
    {
        var result = StackFileEditor.Apply(Stack, [(ConfigKeys.Regions, new JsonArray("northeurope", "westeurope"))]);
        // A comment after the old value's last item stays at the end of the new value's last line.
        Assert.Contains("  platform:regions:\n  - northeurope\n  - westeurope # primary\n  platform:tenants:", result);
        Assert.Contains("# the level", result);
        Assert.Contains("secure: v1:AAAA", result);
    }

    [Fact]
    public void Appends_a_missing_key_with_its_documentation_at_the_end_of_config()
    {
        var result = StackFileEditor.Apply(Stack, [(ConfigKeys.Staged, new JsonArray("pod-security-restricted"))]);
        var expected = Stack.Replace("  other:key: [a, b]\n", $"  other:key: [a, b]\n  # {ConfigKeys.Staged.Description}\n  platform:staged:\n  - pod-security-restricted\n");
        Assert.Equal(expected, result);
        var parsed = StackFile.Parse(result, "s", "s");
        Assert.Equal("pod-security-restricted", parsed.Values["platform:staged"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Writes_a_config_map_when_the_file_has_none_or_an_empty_one()
    {
        foreach (var text in new[] { "", "secretsprovider: passphrase\n", "config: {}\n", "config:\n" })
        {
            var result = StackFileEditor.Apply(text, [(ConfigKeys.Level, 3)]);
            var parsed = StackFile.Parse(result, "s", "s");
            Assert.Equal("3", parsed.Values["platform:level"]!.GetValue<string>());
            Assert.Single(parsed.Values);
        }
    }

    [Fact]
    public void Several_edits_at_once_land_where_they_belong()
    {
        var result = StackFileEditor.Apply(Stack, [(ConfigKeys.Level, 3), (ConfigKeys.Target, "existing"), (ConfigKeys.Staged, new JsonArray())]);
        var parsed = StackFile.Parse(result, "s", "s");
        Assert.Equal("3", parsed.Values["platform:level"]!.GetValue<string>());
        Assert.Equal("existing", parsed.Values["platform:target"]!.GetValue<string>());
        Assert.Empty(parsed.Values["platform:staged"]!.AsArray());
        Assert.Equal("westeurope", parsed.Values["azure:location"]!.GetValue<string>());
        Assert.Equal(new[] { "a", "b" }, parsed.Values["other:key"]!.AsArray().Select(n => n!.GetValue<string>()));
    }
}
