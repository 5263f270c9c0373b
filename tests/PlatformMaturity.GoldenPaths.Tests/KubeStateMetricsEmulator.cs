using System.Globalization;
using System.Text.Json.Nodes;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>
/// What kube-state-metrics' customResourceState makes of one object, for the parts of its configuration the platform
/// uses: gauges whose path ends at a value or at a list of objects, valueFrom, labelsFromPath, metricNamePrefix.
/// Follows kube-state-metrics v2.20.0 (the version kube-prometheus-stack 88.5.3 runs), pkg/customresourcestate:
/// registry_factory.go (fullName, compiledGauge.Values/value, toFloat64, compilePath) and config.go
/// (GetMetricNamePrefix: "kube_customresource" when unset). Anything else throws, so a configuration this does not
/// understand fails the test instead of passing it.
/// </summary>
public static class KubeStateMetricsEmulator
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
    {
        /// <summary>The series in PromQL/promtool notation: name{label="value",...}.</summary>
        public string Series => $"{Name}{{{string.Join(",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\""))}}}";
    }

    /// <summary>The samples the configuration (kind CustomResourceStateMetrics) produces for one object.</summary>
    public static IReadOnlyList<Sample> Samples(JsonNode config, JsonObject obj)
    {
        var apiVersion = (string)obj["apiVersion"]!;
        var slash = apiVersion.LastIndexOf('/');
        var (group, version) = (apiVersion[..slash], apiVersion[(slash + 1)..]);
        var kind = (string)obj["kind"]!;
        var samples = new List<Sample>();
        foreach (var resource in config["spec"]!["resources"]!.AsArray())
        {
            var gvk = resource!["groupVersionKind"]!;
            if ((string?)gvk["group"] != group || (string?)gvk["version"] != version || (string?)gvk["kind"] != kind)
                continue;
            var prefix = resource["metricNamePrefix"] is { } p ? (string)p! : "kube_customresource";
            var baseLabels = Labels(resource["labelsFromPath"], obj);
            baseLabels["customresource_group"] = group;
            baseLabels["customresource_version"] = version;
            baseLabels["customresource_kind"] = kind;
            foreach (var metric in resource["metrics"]!.AsArray())
            {
                var name = prefix.Length == 0 ? (string)metric!["name"]! : $"{prefix}_{(string)metric!["name"]!}";
                var each = metric["each"]!;
                if ((string?)each["type"] != "Gauge")
                    throw new NotSupportedException($"{name}: only Gauge metrics are emulated");
                var gauge = each["gauge"]!;
                if (gauge["labelFromKey"] is not null || gauge["nilIsZero"] is not null)
                    throw new NotSupportedException($"{name}: labelFromKey and nilIsZero are not emulated");
                var metricBase = new Dictionary<string, string>(baseLabels);
                foreach (var (label, value) in Labels(metric["labelsFromPath"], obj))
                    metricBase[label] = value;
                var at = Get(obj, Path(gauge["path"]));
                switch (at)
                {
                    case JsonObject:
                        throw new NotSupportedException($"{name}: a path ending at an object is not emulated");
                    case JsonArray list:
                        foreach (var element in list)
                        {
                            if (Get(element, Path(gauge["valueFrom"])) is not { } got)
                                continue;
                            var labels = Labels(gauge["labelsFromPath"], element);
                            foreach (var (label, value) in metricBase)
                                labels.TryAdd(label, value);
                            samples.Add(new Sample(name, labels, ToFloat64(got)));
                        }
                        break;
                    case null:
                        break; // kube-state-metrics logs "got nil while resolving path" and exports nothing
                    default:
                        if (Get(at, Path(gauge["valueFrom"])) is { } scalar)
                            samples.Add(new Sample(name, metricBase, ToFloat64(scalar)));
                        break;
                }
            }
        }
        return samples;
    }

    private static Dictionary<string, string> Labels(JsonNode? labelsFromPath, JsonNode? from)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (labelsFromPath is null)
            return labels;
        foreach (var (label, path) in labelsFromPath.AsObject())
        {
            if (label.Contains('*', StringComparison.Ordinal))
                throw new NotSupportedException($"label {label}: wildcard labels are not emulated");
            if (Get(from, Path(path)) is JsonValue value)
                labels[label] = value.ToString();
        }
        return labels;
    }

    private static string[] Path(JsonNode? path) =>
        path is null ? [] : [.. path.AsArray().Select(p => (string)p!)];

    private static JsonNode? Get(JsonNode? node, string[] path)
    {
        foreach (var part in path)
        {
            if (part.StartsWith('[') || part.Contains('=', StringComparison.Ordinal))
                throw new NotSupportedException($"path part {part}: list lookups are not emulated");
            node = node switch
            {
                JsonObject map => map[part],
                JsonArray list when int.TryParse(part, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < list.Count => list[i],
                _ => null,
            };
            if (node is null)
                return null;
        }
        return node;
    }

    /// <summary>toFloat64: booleans and their words, RFC 3339 timestamps (to Unix seconds), numbers.</summary>
    internal static double ToFloat64(JsonNode value)
    {
        if (value is not JsonValue v)
            throw new FormatException($"expected number but was {value.ToJsonString()}");
        if (v.TryGetValue<bool>(out var b))
            return b ? 1 : 0;
        if (v.TryGetValue<double>(out var d))
            return d;
        var s = v.GetValue<string>();
        switch (s.ToLowerInvariant())
        {
            case "true" or "yes":
                return 1;
            case "false" or "no" or "unknown":
                return 0;
        }
        // Go's time.RFC3339 layout: a date, a time with optional fraction, and Z or a numeric offset (required).
        string[] rfc3339 = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFFFzzz"];
        if (DateTimeOffset.TryParseExact(s, rfc3339, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            return time.ToUnixTimeSeconds();
        if (s.Length > 0 && (char.IsLetter(s[^1]) || s.EndsWith('%')))
            throw new NotSupportedException($"'{s}': quantities and percentages are not emulated");
        return double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
