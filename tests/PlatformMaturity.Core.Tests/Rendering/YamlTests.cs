using System.Text.Json.Nodes;
using CsCheck;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Core.Tests.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Rendering;
using PlatformMaturity.Tests.Shared;
using YamlDotNet.Serialization;

namespace PlatformMaturity.Core.Tests.Rendering;

/// <summary>
/// The YAML writer sends YamlDotNet's emitter the events its serializer would: every rendered file is byte for byte
/// what the serializer writes from the same values (quoting of strings a YAML 1.1 reader would retype, literal blocks,
/// number formats), for every object and Helm values file of the example stacks and for generated trees.
/// </summary>
public sealed class YamlTests
{
    private static readonly ISerializer Reference = new SerializerBuilder()
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
        .WithEventEmitter(next => new Yaml.LiteralMultilineEmitter(next))
        .DisableAliases()
        .Build();

    [Theory]
    [MemberData(nameof(ExampleStackTests.Examples), MemberType = typeof(ExampleStackTests))]
    public void Every_object_and_values_file_of_the_example_stacks_is_what_the_serializer_writes(string stack, int level, DeploymentTarget target)
    {
        _ = (level, target);
        var config = PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, stack), stack), stack);
        var graph = Composer.Default.Compose(config);
        foreach (var obj in graph.Resources.OfType<KubernetesResource>())
            Assert.Equal(Reference.Serialize(Plain(JsonNode.Parse(k8s.KubernetesJson.Serialize(obj.Object)))), Yaml.Of(obj.Object));
        foreach (var release in graph.Resources.OfType<HelmRelease>())
            Assert.Equal(Reference.Serialize(release.Values.ToPlain()), Yaml.OfPlain(release.Values.ToPlain()));
    }

    private static readonly string[] Tricky =
    [
        "", " ", " lead", "trail ", "yes", "No", "on", "OFF", "y", "~", "null", "Null", "true", "FALSE", "0", "-12", "+3",
        "007", "0o17", "0x1F", "0b101", "1_000", "1.5", ".5", "1e3", "1.0e+3", ".inf", "-.Inf", ".nan", "12:30", "190:20:30",
        "2024-04-01", "2024-04-01T10:00:00Z", "a: b", "- item", "#comment", "key #x", "multi\nline", "ends\n", "tab\there",
        "quote'd", "dq\"", "{x}", "[y]", "*alias", "&anchor", "!tag", "%dir", "@at", "`tick", "ünïcödé", "emoji 🚀", "a,b", "?q",
    ];

    private static readonly Gen<JsonNode?> Scalars = Gen.OneOf<JsonNode?>(
        Gen.OneOf(Tricky).Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Const((JsonNode?)null));

    private static Gen<JsonNode?> Trees(int depth) => depth == 0
        ? Scalars
        : Gen.Frequency(
            (3, Scalars),
            (1, Gen.Select(Gen.OneOf(Gen.OneOf(Tricky), Gen.String[1, 8]), Trees(depth - 1)).Array[0, 4]
                .Select(entries => (JsonNode?)new JsonObject(entries.DistinctBy(e => e.Item1).Select(e => KeyValuePair.Create(e.Item1, e.Item2))))),
            (1, Trees(depth - 1).Array[0, 4].Select(items => (JsonNode?)new JsonArray(items))));

    [Fact]
    public void Any_json_tree_is_written_as_the_serializer_writes_it() =>
        Trees(4).Sample(tree => Assert.Equal(Reference.Serialize(Plain(tree)), Yaml.Of(tree)), iter: 2_000);

    [Fact]
    public void Plain_values_are_written_as_the_serializer_writes_them()
    {
        var descriptor = new Dictionary<string, object?>
        {
            ["name"] = "on",
            ["atomic"] = true,
            ["timeoutSeconds"] = 600,
            ["ratio"] = 0.25,
            ["big"] = long.MaxValue,
            ["none"] = null,
            ["resources"] = new List<string> { "a.yaml", "12:30", "" },
            ["labels"] = new Dictionary<string, string> { ["yes"] = "no", ["x"] = "multi\nline\n" },
            ["empty"] = new Dictionary<string, object>(),
            ["list"] = new List<object?> { 1, "2", null, new List<object?>() },
        };
        Assert.Equal(Reference.Serialize(descriptor), Yaml.OfPlain(descriptor));
    }

    /// <summary>What the writer read before: plain dictionaries, lists and scalars from JSON (numbers as long or double).</summary>
    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray array => array.Select(Plain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
            System.Text.Json.JsonValueKind.True => true,
            System.Text.Json.JsonValueKind.False => false,
            System.Text.Json.JsonValueKind.Number => long.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out var whole)
                ? whole
                : double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => throw new InvalidOperationException(node.GetType().Name),
    };
}
