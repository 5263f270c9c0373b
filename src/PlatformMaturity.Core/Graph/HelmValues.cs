using System.Collections;
using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace PlatformMaturity.Graph;

/// <summary>
/// Immutable Helm values with sorted keys, so the same values always serialise to the same bytes.
/// Built from Helm <c>--set</c>-style paths (<c>a.b.c</c>; quote keys that contain dots: <c>configs.params."server.insecure"</c>).
/// Leaves are strings, booleans, numbers, lists or nested values.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(HelmValuesJsonConverter))]
public sealed class HelmValues : IEquatable<HelmValues>
{
    // Values compared by reference: SetItem compares the value it replaces, and comparing nested values by content
    // would serialise both subtrees on every nested With (quadratic in the size of a chart's values).
    public static HelmValues Empty { get; } = new(ImmutableSortedDictionary.Create<string, object?>(StringComparer.Ordinal, ReferenceEqualityComparer.Instance));

    private HelmValues(ImmutableSortedDictionary<string, object?> entries) => Entries = entries;

    /// <summary>Top-level keys in ordinal order; nested maps are <see cref="HelmValues"/>, lists are <see cref="ImmutableArray{Object}"/>.</summary>
    public ImmutableSortedDictionary<string, object?> Entries { get; }

    public static HelmValues From(params (string Path, object? Value)[] settings) =>
        settings.Aggregate(Empty, (values, s) => values.With(s.Path, s.Value));

    /// <summary>A copy with the value at <paramref name="path"/> set, creating intermediate maps.</summary>
    public HelmValues With(string path, object? value) => With(SplitPath(path), 0, Normalise(value));

    /// <summary>
    /// A copy with the value at <paramref name="path"/> set, where a segment may be <c>name[n]</c>: the n-th item of a
    /// list the values already hold (how <see cref="HelmRelease.ValuesFromAzure"/> addresses list items).
    /// </summary>
    public HelmValues WithAt(string path, object? value)
    {
        var segments = SplitPath(path);
        return SetAt(this, segments, 0, Normalise(value));
    }

    private static HelmValues SetAt(HelmValues map, IReadOnlyList<string> segments, int index, object? value)
    {
        var segment = segments[index];
        var bracket = segment.IndexOf('[');
        if (bracket < 0)
        {
            if (index == segments.Count - 1)
                return new HelmValues(map.Entries.SetItem(segment, value));
            var child = map.Entries.TryGetValue(segment, out var existing) && existing is HelmValues m ? m : Empty;
            return new HelmValues(map.Entries.SetItem(segment, SetAt(child, segments, index + 1, value)));
        }

        var key = segment[..bracket];
        var item = int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        if (!map.Entries.TryGetValue(key, out var found) || found is not ImmutableArray<object?> list || item >= list.Length)
            throw new ArgumentException($"'{string.Join('.', segments)}': '{key}' holds no item {item}", nameof(segments));
        var replaced = index == segments.Count - 1
            ? value
            : SetAt(list[item] as HelmValues ?? throw new ArgumentException($"'{key}[{item}]' is not a map", nameof(segments)), segments, index + 1, value);
        return new HelmValues(map.Entries.SetItem(key, list.SetItem(item, replaced)));
    }

    public object? Get(string path)
    {
        object? current = this;
        foreach (var segment in SplitPath(path))
        {
            if (current is not HelmValues map || !map.Entries.TryGetValue(segment, out current))
                return null;
        }
        return current;
    }

    /// <summary>Plain nested dictionaries and lists (what Pulumi's InputMap and YAML serialisers take).</summary>
    public Dictionary<string, object?> ToPlain() => Entries.ToDictionary(e => e.Key, e => PlainOf(e.Value));

    public JsonObject ToJson() => (JsonObject)JsonOf(this)!;

    public bool Equals(HelmValues? other) =>
        other is not null && ToJson().ToJsonString() == other.ToJson().ToJsonString();

    public override bool Equals(object? obj) => Equals(obj as HelmValues);

    public override int GetHashCode() => ToJson().ToJsonString().GetHashCode(StringComparison.Ordinal);

    private HelmValues With(IReadOnlyList<string> segments, int index, object? value)
    {
        var key = segments[index];
        if (index == segments.Count - 1)
            return new HelmValues(Entries.SetItem(key, value));
        var child = Entries.TryGetValue(key, out var existing) && existing is HelmValues map ? map : Empty;
        return new HelmValues(Entries.SetItem(key, child.With(segments, index + 1, value)));
    }

    private static object? Normalise(object? value) => value switch
    {
        null or string or bool or int or long or double or HelmValues => value,
        ImmutableArray<object?> list => list,
        IDictionary dictionary => dictionary.Keys.Cast<object>()
            .Aggregate(Empty, (map, k) => map.With([k.ToString()!], 0, Normalise(dictionary[k]))),
        IEnumerable list => list.Cast<object?>().Select(Normalise).ToImmutableArray(),
        _ => throw new ArgumentException($"unsupported Helm value type {value.GetType().Name}", nameof(value)),
    };

    private static object? PlainOf(object? value) => value switch
    {
        HelmValues map => map.ToPlain(),
        ImmutableArray<object?> list => list.Select(PlainOf).ToList(),
        _ => value,
    };

    private static JsonNode? JsonOf(object? value) => value switch
    {
        null => null,
        HelmValues map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key, JsonOf(e.Value)))),
        ImmutableArray<object?> list => new JsonArray([.. list.Select(JsonOf)]),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        _ => throw new InvalidOperationException($"unsupported Helm value type {value.GetType().Name}"),
    };

    /// <summary>Splits <c>a."b.c".d</c> into [a, b.c, d].</summary>
    internal static IReadOnlyList<string> SplitPath(string path)
    {
        var segments = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in path)
        {
            if (c == '"')
                quoted = !quoted;
            else if (c == '.' && !quoted)
            {
                segments.Add(current.ToString());
                current.Clear();
            }
            else
                current.Append(c);
        }
        segments.Add(current.ToString());
        if (quoted || segments.Any(s => s.Length == 0))
            throw new ArgumentException($"'{path}' is not a valid values path", nameof(path));
        return segments;
    }
}

/// <summary>Writes <see cref="HelmValues"/> as the JSON object they describe.</summary>
internal sealed class HelmValuesJsonConverter : System.Text.Json.Serialization.JsonConverter<HelmValues>
{
    public override HelmValues Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        throw new NotSupportedException("Helm values are built in code, not read from JSON");

    public override void Write(System.Text.Json.Utf8JsonWriter writer, HelmValues value, System.Text.Json.JsonSerializerOptions options) =>
        value.ToJson().WriteTo(writer, options);
}
