using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformMaturity.Graph;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// Plain nested dictionaries and lists of the kinds Pulumi serialises (string, bool, int, double, lists, maps with
/// string keys), for Helm values and for Kubernetes objects handed to a ConfigGroup. Pulumi has no long: integers
/// beyond int range travel as double, as they would in JSON.
/// </summary>
internal static class PulumiValues
{
    /// <summary>Helm values, from HelmValues.ToPlain(). A null leaf is kept: in Helm it removes a chart default.</summary>
    public static Dictionary<string, object> Of(HelmValues values) => Map(values.ToPlain());

    /// <summary>A Kubernetes object as its JSON (what KubernetesJson writes, and what render writes as YAML).</summary>
    public static Dictionary<string, object> Of(JsonObject json) =>
        json.ToDictionary(p => p.Key, p => FromJson(p.Value), StringComparer.Ordinal);

    private static Dictionary<string, object> Map(IDictionary<string, object?> map) =>
        map.ToDictionary(e => e.Key, e => Plain(e.Value), StringComparer.Ordinal);

    private static object Plain(object? value) => value switch
    {
        null => null!,
        string or bool or int or double => value,
        long n => n is >= int.MinValue and <= int.MaxValue ? (object)(int)n : (double)n,
        IDictionary<string, object?> map => Map(map),
        IEnumerable<object?> list => list.Select(Plain).ToList(),
        _ => throw new ArgumentException($"unsupported Helm value type {value.GetType().Name}", nameof(value)),
    };

    private static object FromJson(JsonNode? node) => node switch
    {
        null => null!,
        JsonObject obj => Of(obj),
        JsonArray array => array.Select(FromJson).ToList(),
        JsonValue scalar => scalar.GetValueKind() switch
        {
            JsonValueKind.String => scalar.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => scalar.TryGetValue<int>(out var i) ? (object)i : scalar.GetValue<double>(),
            _ => throw new ArgumentException($"unsupported JSON value {scalar.ToJsonString()}", nameof(node)),
        },
        _ => throw new ArgumentException($"unsupported JSON node {node.GetType().Name}", nameof(node)),
    };
}
