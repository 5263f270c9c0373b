using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PlatformMaturity.Tests.Shared;

/// <summary>Reads YAML documents as JSON with YAML 1.2 core-schema typing: plain 1 is a number, quoted "1" a string.</summary>
public static partial class YamlDocuments
{
    public static IReadOnlyList<JsonNode?> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => ToJson(d.RootNode))];
    }

    public static JsonNode? ParseSingle(string yaml) => Parse(yaml).Single();

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => throw new InvalidOperationException("unsupported YAML node"),
    };

    private static JsonNode? Plain(string value)
    {
        if (value is "" or "~" or "null")
            return null;
        if (value is "true" or "false")
            return JsonValue.Create(value == "true");
        if (Integer().IsMatch(value))
            return JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture));
        if (Float().IsMatch(value))
            return JsonValue.Create(double.Parse(value, CultureInfo.InvariantCulture));
        return JsonValue.Create(value);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
