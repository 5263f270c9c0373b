using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;

namespace PlatformMaturity.Graph;

/// <summary>
/// Flattens a resource into setting paths and values (<c>DefaultNodePool.NodeCount = 2</c>,
/// <c>metadata.labels["pod-security.kubernetes.io/warn"] = baseline</c>): the unit of provenance and of plan diffs.
/// </summary>
public static partial class ResourceSettings
{
    private static readonly HashSet<string> GraphFields = ["Name", "Provenance", "DependsOn", "Contributions", "Kind"];

    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static ImmutableSortedDictionary<string, string> Flatten(GraphResource resource)
    {
        var settings = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        Flatten(ToJson(resource), "", settings);
        return settings.ToImmutable();
    }

    /// <summary>The resource's own settings as JSON (without graph bookkeeping such as provenance).</summary>
    public static JsonNode ToJson(GraphResource resource)
    {
        if (resource is KubernetesResource kubernetes)
            return JsonNode.Parse(KubernetesJson.Serialize(kubernetes.Object))!;

        var node = JsonSerializer.SerializeToNode(resource, resource.GetType(), Options)!.AsObject();
        foreach (var field in GraphFields)
            node.Remove(field);
        return node;
    }

    /// <summary>Appends a segment to a path, quoting keys that are not plain identifiers.</summary>
    public static string Join(string path, string key) =>
        PlainKey().IsMatch(key)
            ? path.Length == 0 ? key : $"{path}.{key}"
            : $"{path}[\"{key}\"]";

    /// <summary>The path one segment up ("" at the top).</summary>
    public static string Parent(string path)
    {
        if (path.EndsWith("\"]", StringComparison.Ordinal))
            return path[..path.LastIndexOf("[\"", StringComparison.Ordinal)];
        var cut = path.LastIndexOfAny(['.', '[']);
        return cut < 0 ? "" : path[..cut];
    }

    private static void Flatten(JsonNode? node, string path, ImmutableSortedDictionary<string, string>.Builder settings)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                foreach (var (key, value) in obj)
                    Flatten(value, Join(path, key), settings);
                break;
            case JsonArray array when array.Count > 0:
                for (var i = 0; i < array.Count; i++)
                    Flatten(array[i], $"{path}[{i}]", settings);
                break;
            case JsonObject:
                settings[path] = "{}";
                break;
            case JsonArray:
                settings[path] = "[]";
                break;
            case null:
                break;
            case JsonValue value:
                settings[path] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                break;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+\\z")]
    private static partial Regex PlainKey();
}
