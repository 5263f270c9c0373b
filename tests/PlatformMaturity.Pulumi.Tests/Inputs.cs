using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;

namespace PlatformMaturity.PulumiHost.Tests;

/// <summary>
/// Resource inputs as the mocks receive them (Pulumi's wire values: strings, doubles, booleans, immutable lists and
/// maps) turned into JSON, with whole numbers written as integers, so they compare with the graph's JSON.
/// </summary>
public static class Inputs
{
    public static JsonNode? Json(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => JsonValue.Create((long)d),
        double d => JsonValue.Create(d),
        int i => JsonValue.Create((long)i),
        IDictionary map => new JsonObject(map.Keys.Cast<string>().Order(StringComparer.Ordinal)
            .Select(k => KeyValuePair.Create(k, Json(map[k])))),
        IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(Json)]),
        _ => throw new ArgumentException($"unexpected input value {value.GetType().Name}"),
    };

    /// <summary>Expected JSON normalised the same way (sorted keys, integral numbers as integers).</summary>
    public static JsonNode? Normalise(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Normalise(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Normalise)]),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            Json(double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture)),
        JsonValue v => JsonNode.Parse(v.ToJsonString()),
        _ => throw new ArgumentException(node.GetType().Name),
    };

    public static void Equal(JsonNode? expected, object? actual, string what) =>
        Assert.True(JsonNode.DeepEquals(Normalise(expected), Json(actual)),
            $"{what}: expected {Normalise(expected)?.ToJsonString()}, got {Json(actual)?.ToJsonString()}");

    public static object? At(IReadOnlyDictionary<string, object> inputs, string path)
    {
        object? current = inputs;
        foreach (var segment in path.Split('.'))
        {
            if (current is not IDictionary map || !map.Contains(segment))
                return null;
            current = map[segment];
        }
        return current;
    }
}
