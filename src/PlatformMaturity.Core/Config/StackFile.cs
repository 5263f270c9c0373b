using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PlatformMaturity.Files;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PlatformMaturity.Config;

/// <summary>Reads Pulumi stack files (<c>Pulumi.&lt;stack&gt;.yaml</c>): their <c>config:</c> map, as raw config.</summary>
public static class StackFile
{
    public const string Prefix = "Pulumi.";
    public const string Extension = ".yaml";

    /// <summary>The top-level keys of a Pulumi stack file (ProjectStack in pulumi/pulumi sdk/go/common/workspace).</summary>
    public static readonly IReadOnlyList<string> TopLevelKeys = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

    public static string FileName(string stack) => $"{Prefix}{stack}{Extension}";

    public static string PathFor(string stacksDirectory, string stack) => Path.Combine(stacksDirectory, FileName(stack));

    /// <summary>
    /// Reads a stack file; <paramref name="origin"/> is how errors name it (default: the path).
    /// Throws <see cref="StackConfigException"/> when it is missing or not valid YAML.
    /// </summary>
    public static RawConfig Read(string path, string stack, string? origin = null) =>
        Parse(ReadText(path, stack, origin), stack, origin ?? path);

    /// <summary>The stack file's text; throws <see cref="StackConfigException"/> saying how to create it when it is missing.</summary>
    public static string ReadText(string path, string stack, string? origin = null)
    {
        origin ??= path;
        if (UnixFile.LinkStat(path).Kind == FileKind.Missing)
            throw new StackConfigException(origin, [new ConfigProblem("stack", $"'{stack}' has no stack file: {origin} does not exist (create it with: pmctl init {stack} --level <n> --target existing|azure)")]);
        try
        {
            return InputFile.ReadText(path, origin, "stack file", InputLimits.StackFileBytes);
        }
        catch (InputException e)
        {
            throw new StackConfigException(origin, [new ConfigProblem("file", e.Message[(origin.Length + 2)..])]);
        }
    }

    /// <summary>Parses stack file text; <paramref name="origin"/> names the file in errors.</summary>
    public static RawConfig Parse(string yaml, string stack, string origin)
    {
        YamlStream stream;
        try
        {
            stream = SafeYaml.Load(yaml);
        }
        catch (YamlException e)
        {
            throw new StackConfigException(origin, [new ConfigProblem("yaml", SafeYaml.Describe(e, yaml))]);
        }

        var values = ImmutableSortedDictionary.CreateBuilder<string, JsonNode?>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return new RawConfig(stack, values.ToImmutable());
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new StackConfigException(origin, [new ConfigProblem("yaml", "the file must be a mapping with a 'config:' key")]);

        if (root.Children.Keys.FirstOrDefault(k => k is not YamlScalarNode) is { } complexKey)
            throw NonScalarKey(origin, complexKey);
        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").Where(k => !TopLevelKeys.Contains(k)))
        {
            var hint = Text.DidYouMean.Closest(key, TopLevelKeys) is { } closest ? $"did you mean {closest}? " : "";
            throw new StackConfigException(origin, [new ConfigProblem(key, $"is not a key of a Pulumi stack file; {hint}allowed: {string.Join(", ", TopLevelKeys)}")]);
        }

        if (root.Children.TryGetValue(new YamlScalarNode("config"), out var configNode) && configNode is not YamlScalarNode { Value: null or "" })
        {
            if (configNode is not YamlMappingNode config)
                throw new StackConfigException(origin, [new ConfigProblem("config", $"line {configNode.Start.Line}: 'config' must be a mapping of namespaced keys such as platform:level")]);
            foreach (var (key, value) in config.Children)
                values[key is YamlScalarNode scalar ? scalar.Value ?? "" : throw NonScalarKey(origin, key)] = ToJson(value, origin);
        }
        return new RawConfig(stack, values.ToImmutable());
    }

    private static StackConfigException NonScalarKey(string origin, YamlNode key) =>
        new(origin, [new ConfigProblem("yaml", $"line {key.Start.Line}, column {key.Start.Column}: a key must be plain text, not a {(key is YamlMappingNode ? "mapping" : "sequence")}")]);

    /// <summary>Converts YAML to JSON nodes, keeping scalars as strings (Pulumi config is untyped text).</summary>
    internal static JsonNode? ToJson(YamlNode node, string origin) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(c => ToJson(c, origin))]),
        YamlMappingNode mapping => ToJsonObject(mapping, origin),
        _ => throw new StackConfigException(origin, [new ConfigProblem("yaml", $"line {node.Start.Line}: unsupported YAML node")]),
    };

    private static JsonObject ToJsonObject(YamlMappingNode mapping, string origin)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode scalar ? scalar.Value ?? "" : throw NonScalarKey(origin, key);
            // A repeated key is a YAML error YamlDotNet already reports; JsonObject would throw on it too.
            result[name] = ToJson(value, origin);
        }
        return result;
    }
}
