using System.Collections.Immutable;
using System.Text.Json;
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

    // Source-generated metadata first; reflection only for a record not (yet) listed in the context.
    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            GraphJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static ImmutableSortedDictionary<string, string> Flatten(GraphResource resource)
    {
        // A JsonDocument over the serialised bytes: a tree of nodes would cost a flattening its allocations again.
        using var json = JsonDocument.Parse(Serialize(resource));
        return Flatten(json.RootElement, withoutGraphFields: resource is not KubernetesResource);
    }

    /// <summary>The resource as UTF-8 JSON, what its settings are read from: equal bytes, equal settings.</summary>
    public static byte[] Serialize(GraphResource resource) => resource is KubernetesResource kubernetes
        ? System.Text.Encoding.UTF8.GetBytes(KubernetesJson.Serialize(kubernetes.Object))
        : JsonSerializer.SerializeToUtf8Bytes(resource, resource.GetType(), Options);

    /// <summary>The settings of a serialised resource; a record's own fields (name, provenance …) are not settings.</summary>
    internal static ImmutableSortedDictionary<string, string> Flatten(JsonElement root, bool withoutGraphFields)
    {
        var settings = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var empty = true;
        foreach (var property in root.EnumerateObject())
        {
            if (withoutGraphFields && GraphFields.Contains(property.Name))
                continue;
            empty = false;
            Flatten(property.Value, Join("", property.Name), settings);
        }
        if (empty)
            settings[""] = "{}";
        return settings.ToImmutable();
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

    private static void Flatten(JsonElement element, string path, ImmutableSortedDictionary<string, string>.Builder settings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var any = false;
                foreach (var property in element.EnumerateObject())
                {
                    any = true;
                    Flatten(property.Value, Join(path, property.Name), settings);
                }
                if (!any)
                    settings[path] = "{}";
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    Flatten(item, $"{path}[{index++}]", settings);
                if (index == 0)
                    settings[path] = "[]";
                break;
            case JsonValueKind.Null:
                break;
            case JsonValueKind.String:
                settings[path] = element.GetString()!;
                break;
            default:
                settings[path] = element.GetRawText();
                break;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+\\z")]
    private static partial Regex PlainKey();
}
