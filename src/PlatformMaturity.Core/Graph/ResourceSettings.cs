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

    /// <summary>
    /// The settings of <paramref name="after"/> that <paramref name="before"/> lacks or holds with another value, in path
    /// order: what <see cref="Flatten(GraphResource)"/> of both would show, read by walking the two JSON documents side
    /// by side and skipping every subtree whose bytes are equal (a contribution changes a few settings of a resource that
    /// has hundreds).
    /// </summary>
    public static List<KeyValuePair<string, string>> Changed(byte[] before, byte[] after, bool withoutGraphFields)
    {
        using var was = JsonDocument.Parse(before);
        using var now = JsonDocument.Parse(after);
        return Changed(was.RootElement, now.RootElement, withoutGraphFields);
    }

    internal static List<KeyValuePair<string, string>> Changed(JsonElement before, JsonElement after, bool withoutGraphFields)
    {
        var changed = new List<KeyValuePair<string, string>>();
        var any = false;
        foreach (var property in after.EnumerateObject())
        {
            if (withoutGraphFields && GraphFields.Contains(property.Name))
                continue;
            any = true;
            Changed(before.TryGetProperty(property.Name, out var old) ? old : null, property.Value, Join("", property.Name), changed);
        }
        if (!any && before.EnumerateObject().Any(p => !withoutGraphFields || !GraphFields.Contains(p.Name)))
            changed.Add(KeyValuePair.Create("", "{}"));
        changed.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return changed;
    }

    private static void Changed(JsonElement? before, JsonElement after, string path, List<KeyValuePair<string, string>> changed)
    {
        if (before is { } old && System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(old).SequenceEqual(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(after)))
            return;
        if (after.ValueKind == JsonValueKind.Null)
            return;
        if (Leaf(after) is { } text)
        {
            // A setting is its text: 5 and "5" are the same setting.
            if (before is not { } was || Leaf(was) != text)
                changed.Add(KeyValuePair.Create(path, text));
            return;
        }
        if (after.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in after.EnumerateObject())
            {
                var inBefore = before is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty(property.Name, out var value) ? value : (JsonElement?)null;
                Changed(inBefore, property.Value, Join(path, property.Name), changed);
            }
            return;
        }
        var index = 0;
        var previous = before is { ValueKind: JsonValueKind.Array } list ? list.GetArrayLength() : 0;
        foreach (var item in after.EnumerateArray())
        {
            Changed(index < previous ? before!.Value[index] : null, item, $"{path}[{index}]", changed);
            index++;
        }
    }

    /// <summary>The setting an element is when it is a leaf (a scalar, an empty object or list); null when it has settings below it.</summary>
    private static string? Leaf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any() ? null : "{}",
        JsonValueKind.Array => element.GetArrayLength() == 0 ? "[]" : null,
        JsonValueKind.Null => null,
        _ => Scalar(element),
    };

    private static string Scalar(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();

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
            default:
                settings[path] = Scalar(element);
                break;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+\\z")]
    private static partial Regex PlainKey();
}
