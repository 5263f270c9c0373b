using System.Globalization;
using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.Tests.Shared;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PlatformMaturity.Core.Tests.Config;

/// <summary>
/// Pulumi.yaml at the repository root matches ConfigKeys, so `pulumi config` and `pulumi up` check the same keys
/// pmctl does, and Pulumi's own rules for declared keys accept every example stack.
/// </summary>
public sealed class PulumiProjectFileTests
{
    private static readonly YamlMappingNode Project = LoadProject();

    private static YamlMappingNode ConfigSection => (YamlMappingNode)Project.Children[new YamlScalarNode("config")];

    [Fact]
    public void Names_the_project_runtime_program_and_stack_folder()
    {
        Assert.Equal(PulumiProject.Name, Scalar(Project, "name"));
        Assert.Equal("dotnet", Scalar(Project, "runtime"));
        Assert.Equal("src/PlatformMaturity.Pulumi", Scalar(Project, "main"));
        Assert.True(File.Exists(Path.Combine(TestPaths.RepositoryRoot, "src", "PlatformMaturity.Pulumi", "PlatformMaturity.Pulumi.csproj")));
        Assert.Equal(PulumiProject.StackConfigDir, Scalar(Project, "stackConfigDir"));
        Assert.True(Directory.Exists(Path.Combine(TestPaths.RepositoryRoot, PulumiProject.StackConfigDir)));
    }

    [Fact]
    public void Declares_exactly_the_keys_every_stack_can_carry()
    {
        var declared = ConfigSection.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Where(k => !k.Contains(':')).Order(StringComparer.Ordinal);
        var expected = ConfigKeys.All.Where(PulumiProject.Declares).Select(k => k.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expected, declared);
        // The rule must leave Pulumi checking something: the keys every stack needs.
        Assert.Contains(ConfigKeys.Level.Name, declared);
        Assert.Contains(ConfigKeys.Target.Name, declared);
    }

    [Fact]
    public void The_azure_provider_reaches_storage_with_entra_id_because_the_accounts_allow_no_shared_keys()
    {
        var setting = (YamlMappingNode)ConfigSection.Children[new YamlScalarNode("azure:storageUseAzuread")];
        Assert.Equal("true", Scalar(setting, "value"));
        Assert.Single(setting.Children);
    }

    [Fact]
    public void Every_declared_key_has_the_type_description_default_and_secrecy_of_ConfigKeys()
    {
        foreach (var key in ConfigKeys.All.Where(PulumiProject.Declares))
        {
            var declaration = (YamlMappingNode)ConfigSection.Children[new YamlScalarNode(key.Name)];
            var fields = declaration.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
            Assert.Equal(PulumiProject.TypeName(key.Type), Scalar(declaration, "type"));
            Assert.Equal(key.Description, Scalar(declaration, "description"));

            if (key.Default is null)
                Assert.DoesNotContain("default", fields);
            else
                Assert.True(JsonNode.DeepEquals(key.Default, ToJson(declaration.Children[new YamlScalarNode("default")])),
                    $"{key.FullName}: default in Pulumi.yaml differs from ConfigKeys ({key.Default.ToJsonString()})");

            if (key.ItemType is { } itemType)
                Assert.Equal(PulumiProject.TypeName(itemType), Scalar((YamlMappingNode)declaration.Children[new YamlScalarNode("items")], "type"));
            else
                Assert.DoesNotContain("items", fields);

            if (key.Secret)
                Assert.Equal("true", Scalar(declaration, "secret"));
            else
                Assert.DoesNotContain("secret", fields);
        }
    }

    [Fact]
    public void Undeclared_keys_are_those_Pulumi_would_demand_or_inject_on_stacks_they_do_not_belong_to()
    {
        foreach (var key in ConfigKeys.All.Where(k => !PulumiProject.Declares(k)))
            Assert.True(key.Target is not null || key.FromLevel > 1 || (!key.Required && key.Default is null), key.FullName);
    }

    public static TheoryData<string> Stacks() =>
        [.. Directory.EnumerateFiles(TestPaths.Stacks, "Pulumi.*.yaml").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Pulumi_accepts_every_example_stack_and_its_defaults_keep_it_valid(string file)
    {
        var stack = file[StackFile.Prefix.Length..^StackFile.Extension.Length];
        var raw = StackFile.Read(Path.Combine(TestPaths.Stacks, file), stack);
        foreach (var key in ConfigKeys.All.Where(PulumiProject.Declares))
        {
            var declaration = (YamlMappingNode)ConfigSection.Children[new YamlScalarNode(key.Name)];
            var hasDefault = declaration.Children.ContainsKey(new YamlScalarNode("default"));
            Assert.True(raw.Has(key) || hasDefault, $"{file}: Pulumi would stop with \"missing configuration value '{key.Name}'\"");
            if (raw.Has(key))
                Assert.True(HasPulumiType(raw[key], key.Type), $"{file}: Pulumi would stop: {key.Name} must be of type {PulumiProject.TypeName(key.Type)}");
        }
        // What the program sees: the stack's values plus the declared defaults Pulumi writes in.
        var result = PlatformConfigParser.Parse(WithPulumiDefaults(raw));
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
    }

    [Theory]
    [InlineData("existing")]
    [InlineData("azure")]
    public void A_stack_with_only_the_required_keys_stays_valid_once_Pulumi_writes_in_the_defaults(string target)
    {
        var raw = RawConfig.Empty("minimal")
            .With(ConfigKeys.Level, JsonValue.Create("1"))
            .With(ConfigKeys.Target, JsonValue.Create(target));
        if (target == "azure")
            raw = raw.With(ConfigKeys.Regions, new JsonArray(JsonValue.Create("westeurope")));
        var result = PlatformConfigParser.Parse(WithPulumiDefaults(raw));
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
    }

    /// <summary>Pulumi's merge: a declared default fills a key the stack lacks (scalars as text, structures as JSON).</summary>
    private static RawConfig WithPulumiDefaults(RawConfig raw)
    {
        foreach (var key in ConfigKeys.All.Where(PulumiProject.Declares))
        {
            var declaration = (YamlMappingNode)ConfigSection.Children[new YamlScalarNode(key.Name)];
            if (raw.Has(key) || !declaration.Children.TryGetValue(new YamlScalarNode("default"), out var value))
                continue;
            var json = ToJson(value);
            raw = raw.With(key, json is JsonValue scalar ? JsonValue.Create(scalar.ToString()) : json);
        }
        return raw;
    }

    /// <summary>Pulumi's type check of a stack value against a declared type (config values are text).</summary>
    private static bool HasPulumiType(JsonNode? value, ConfigValueType type) => type switch
    {
        ConfigValueType.Integer => value is JsonValue v && int.TryParse(v.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        ConfigValueType.Boolean => value is JsonValue v && v.ToString() is "true" or "false",
        ConfigValueType.String => value is JsonValue,
        ConfigValueType.Array => value is JsonArray,
        ConfigValueType.Object => value is JsonObject,
        _ => false,
    };

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value : null;

    /// <summary>YAML as JSON with YAML's own typing: plain integers and booleans become numbers and booleans.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } s => JsonValue.Create(s.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain } s when long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        YamlScalarNode s => JsonValue.Create(s.Value ?? ""),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        _ => throw new InvalidDataException($"unsupported YAML node at line {node.Start.Line}"),
    };

    private static YamlMappingNode LoadProject()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, PulumiProject.FileName))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }
}
