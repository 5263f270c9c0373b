using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>
/// Settings (the unit of provenance and of plan diffs) come from source-generated JSON metadata for the graph's
/// records: every record must have it, and it must flatten a resource exactly as reflection over the record does.
/// </summary>
public sealed class ResourceSettingsTests
{
    private static readonly JsonSerializerOptions Reflection = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Converters = { new JsonStringEnumConverter() },
    };

    [Fact]
    public void Every_graph_record_has_source_generated_metadata()
    {
        var records = typeof(GraphResource).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(GraphResource)) && !t.IsAbstract && t != typeof(KubernetesResource))
            .ToList();
        Assert.NotEmpty(records);
        Assert.All(records, t => Assert.True(GraphJsonContext.Default.GetTypeInfo(t) is not null,
            $"{t.Name} is missing from GraphJsonContext: add [JsonSerializable(typeof({t.Name}))]"));
    }

    [Theory]
    [MemberData(nameof(ExampleStackTests.Examples), MemberType = typeof(ExampleStackTests))]
    public void Settings_are_those_reflection_reads_from_every_record_of_the_example_stacks(string stack, int level, DeploymentTarget target)
    {
        _ = (level, target);
        var config = PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, stack), stack), stack);
        var records = Composer.Default.Compose(config).Components.SelectMany(c => c.Resources)
            .Where(r => r is not KubernetesResource).ToList();
        Assert.NotEmpty(records);
        foreach (var record in records)
            Assert.Equal(ByReflection(record), ResourceSettings.Flatten(record));
    }

    private static ImmutableSortedDictionary<string, string> ByReflection(GraphResource record)
    {
        using var json = JsonSerializer.SerializeToDocument(record, record.GetType(), Reflection);
        return ResourceSettings.Flatten(json.RootElement, withoutGraphFields: true);
    }

    // Small domains, so that two random documents share keys, values and shapes often.
    private static readonly Gen<JsonNode?> Leaves = Gen.OneOf<JsonNode?>(
        Gen.OneOf("5", "{}", "[]", "x", "").Select(v => (JsonNode?)JsonValue.Create(v)),
        Gen.Int[4, 6].Select(v => (JsonNode?)JsonValue.Create(v)),
        Gen.Bool.Select(v => (JsonNode?)JsonValue.Create(v)),
        Gen.Const((JsonNode?)null));

    private static Gen<JsonNode?> Documents(int depth) => depth == 0
        ? Leaves
        : Gen.Frequency(
            (2, Leaves),
            (2, Gen.Select(Gen.OneOf("a", "b", "x.y", "0"), Documents(depth - 1)).Array[0, 3]
                .Select(entries => (JsonNode?)new JsonObject(entries.DistinctBy(e => e.Item1).Select(e => KeyValuePair.Create(e.Item1, e.Item2))))),
            (1, Documents(depth - 1).Array[0, 3].Select(items => (JsonNode?)new JsonArray(items))));

    private static readonly Gen<JsonObject> Roots =
        Gen.Select(Gen.OneOf("a", "b", "Name"), Documents(3)).Array[0, 3]
            .Select(entries => new JsonObject(entries.DistinctBy(e => e.Item1).Select(e => KeyValuePair.Create(e.Item1, e.Item2))));

    /// <summary>A contribution's changed settings, read by walking both documents, are those a diff of their flattenings shows.</summary>
    [Fact]
    public void Changed_settings_are_the_flattened_difference() =>
        Gen.Select(Roots, Roots, Gen.Bool).Sample((before, after, withoutGraphFields) =>
        {
            using var was = JsonDocument.Parse(before.ToJsonString());
            using var now = JsonDocument.Parse(after.ToJsonString());
            var old = ResourceSettings.Flatten(was.RootElement, withoutGraphFields);
            var expected = ResourceSettings.Flatten(now.RootElement, withoutGraphFields)
                .Where(s => !old.TryGetValue(s.Key, out var value) || value != s.Value).ToList();
            Assert.Equal(expected, ResourceSettings.Changed(was.RootElement, now.RootElement, withoutGraphFields));
        }, iter: 5_000);
}
