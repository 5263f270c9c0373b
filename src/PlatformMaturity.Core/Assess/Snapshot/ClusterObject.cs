using System.Buffers;
using System.Text.Json;

namespace PlatformMaturity.Assess.Snapshot;

/// <summary>
/// One object of the cluster as the assessment keeps it: identity, labels, annotations, and the body only for
/// kinds whose spec a rule reads (<see cref="Kinds.WithBody"/>). A Secret keeps its metadata only, without
/// annotations (kubectl apply's last-applied annotation would hold its data), so no Secret value is ever held.
/// </summary>
public sealed record ClusterObject(
    ApiKind Kind,
    string ApiVersion,
    string? Namespace,
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    JsonElement? Body)
{
    /// <summary>Written by kubectl apply; it repeats the object (a Secret's data included) and is never kept.</summary>
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>"team-a/default-deny" or "cluster-admin".</summary>
    public string Id => Namespace is null ? Name : $"{Namespace}/{Name}";

    public string? Label(string key) => Labels.GetValueOrDefault(key);

    /// <summary>The value at a path of the body (e.g. "spec", "podSelector"), if kept and present.</summary>
    public JsonElement? At(params string[] path)
    {
        if (Body is not { } node)
            return null;
        foreach (var step in path)
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(step, out node))
                return null;
        }
        return node;
    }

    public string? Text(params string[] path) => At(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public IEnumerable<JsonElement> Items(params string[] path) =>
        At(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>
    /// Reads one object. Null with no problem for a kind the assessment does not read; null with a problem for an
    /// item that is not a Kubernetes object (no apiVersion, kind or metadata.name).
    /// </summary>
    public static ClusterObject? Read(JsonElement item, out string? problem) => Read(item, listedAs: null, out problem);

    /// <summary>
    /// Reads an item of a list the API server returned for <paramref name="listedAs"/>: its items carry no kind
    /// (and a metadata-only list calls them PartialObjectMetadata), so the listed kind is taken.
    /// </summary>
    public static ClusterObject? Read(JsonElement item, ApiKind? listedAs, out string? problem)
    {
        problem = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            problem = $"an item is a {item.ValueKind.ToString().ToLowerInvariant()}, not an object";
            return null;
        }
        var apiVersion = listedAs is null ? String(item, "apiVersion") : listedAs.Group.Length == 0 ? listedAs.Version : $"{listedAs.Group}/{listedAs.Version}";
        var kindName = listedAs is null ? String(item, "kind") : listedAs.Kind;
        var metadata = item.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var name = metadata.ValueKind == JsonValueKind.Object ? String(metadata, "name") : null;
        if (apiVersion is null || kindName is null || name is null)
        {
            var missing = string.Join(", ", new[] { apiVersion is null ? "apiVersion" : null, kindName is null ? "kind" : null, name is null ? "metadata.name" : null }.OfType<string>());
            problem = $"an item has no {missing}; it is not a Kubernetes object";
            return null;
        }
        var group = apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";
        if (Kinds.Find(group, kindName) is not { } kind)
            return null;
        var isSecret = kind == Kinds.Secret;
        return new ClusterObject(
            kind,
            apiVersion,
            String(metadata, "namespace"),
            name,
            Map(metadata, "labels", _ => true),
            isSecret ? None : Map(metadata, "annotations", key => key != LastAppliedAnnotation),
            kind == Kinds.CustomResourceDefinition ? SlimDefinition(item)
                : Kinds.WithBody.Contains(kind) ? WithoutMetadata(item) : null);
    }

    private static string? String(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyDictionary<string, string> Map(JsonElement metadata, string property, Func<string, bool> keep)
    {
        if (metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty(property, out var map) || map.ValueKind != JsonValueKind.Object)
            return None;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in map.EnumerateObject())
        {
            if (keep(pair.Name))
                result[pair.Name] = pair.Value.ValueKind == JsonValueKind.String ? pair.Value.GetString()! : pair.Value.GetRawText();
        }
        return result.Count == 0 ? None : result;
    }

    /// <summary>The object detached from the document it came from (one copy of its bytes; the document is let go).</summary>
    private static JsonElement WithoutMetadata(JsonElement item) => item.Clone();

    /// <summary>A CRD keeps its group, names and versions; its schema (often hundreds of KB) is never read.</summary>
    private static JsonElement SlimDefinition(JsonElement item) => Rewrite(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("spec");
        if (item.TryGetProperty("spec", out var spec) && spec.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in new[] { "group", "names", "scope" })
            {
                if (spec.TryGetProperty(name, out var value))
                {
                    writer.WritePropertyName(name);
                    value.WriteTo(writer);
                }
            }
            writer.WriteStartArray("versions");
            if (spec.TryGetProperty("versions", out var versions) && versions.ValueKind == JsonValueKind.Array)
            {
                foreach (var version in versions.EnumerateArray())
                {
                    writer.WriteStartObject();
                    foreach (var name in new[] { "name", "served", "storage" })
                    {
                        if (version.ValueKind == JsonValueKind.Object && version.TryGetProperty(name, out var value))
                        {
                            writer.WritePropertyName(name);
                            value.WriteTo(writer);
                        }
                    }
                    writer.WriteEndObject();
                }
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    private static JsonElement Rewrite(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            write(writer);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
