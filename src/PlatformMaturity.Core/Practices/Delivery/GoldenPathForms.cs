using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>One parameter of a golden path as its template.yaml declares it (the fields a form needs).</summary>
public sealed record GoldenPathField(
    string Name,
    string Type,
    string Description,
    string? Default,
    ImmutableArray<(string Practice, string Value)> DefaultsWhen,
    bool Required,
    ImmutableArray<string> RequiredWhen,
    string? Practice,
    ImmutableArray<string> Allowed,
    long? Min,
    long? Max);

/// <summary>A golden path's name, description, catalog type, parameters and what it requires of the platform, read from its template.yaml.</summary>
public sealed record GoldenPathForm(string Name, string Description, int MinimumLevel, string CatalogType, ImmutableArray<GoldenPathField> Parameters,
    ImmutableArray<PlatformRequirement> Requires)
{
    /// <summary>
    /// Whether pmctl app new runs the golden path on a platform at <paramref name="level"/> that provides the practices
    /// <paramref name="provides"/> says and installs the API groups <paramref name="installs"/> says (its level and
    /// <see cref="PlatformRequirement.IsMetBy"/>, the check pmctl app new refuses by).
    /// </summary>
    public bool RunsOn(int level, Func<string, bool> provides, Func<string, bool> installs) =>
        MinimumLevel <= level && Requires.All(r => r.IsMetBy(provides, installs));
}

/// <summary>
/// The golden paths' template.yaml files, embedded in this assembly from templates/ at build time (the same files pmctl
/// app new reads, not copies), so the developer portal's software templates cannot drift from them. Only the manifest
/// is read here; rendering stays with the golden-path tooling.
/// </summary>
public static class GoldenPathForms
{
    private const string Prefix = "golden-paths/";
    private const string Suffix = "/template.yaml";

    /// <summary>Every golden path, by name.</summary>
    public static ImmutableArray<GoldenPathForm> All { get; } = Load();

    private static ImmutableArray<GoldenPathForm> Load()
    {
        var assembly = typeof(GoldenPathForms).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return Parse(reader.ReadToEnd());
            })];
    }

    /// <summary>Reads a template.yaml (already validated by the golden-path tooling's own loader and tests).</summary>
    public static GoldenPathForm Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return new GoldenPathForm(
            Text(root, "name")!,
            Text(root, "description") ?? "",
            int.Parse(Text(root, "minimumLevel") ?? "1", CultureInfo.InvariantCulture),
            Text(root, "catalogType") ?? "service",
            [.. Items(root, "parameters").OfType<YamlMappingNode>().Select(Field)],
            [.. Items(root, "requires").OfType<YamlMappingNode>().Select(r => new PlatformRequirement(Text(r, "practice"), Text(r, "apiGroup"), Text(r, "for") ?? ""))]);
    }

    private static GoldenPathField Field(YamlMappingNode node) => new(
        Text(node, "name")!,
        Text(node, "type") ?? "text",
        Text(node, "description") ?? "",
        Text(node, "default"),
        [.. Items(node, "defaultsWhen").OfType<YamlMappingNode>().Select(d => (Text(d, "practice")!, Text(d, "value")!))],
        Text(node, "required") == "true",
        [.. Items(node, "requiredWhen").OfType<YamlScalarNode>().Select(s => s.Value!)],
        Text(node, "practice"),
        [.. Items(node, "allowed").OfType<YamlScalarNode>().Select(s => s.Value!)],
        Text(node, "min") is { } min ? long.Parse(min, CultureInfo.InvariantCulture) : null,
        Text(node, "max") is { } max ? long.Parse(max, CultureInfo.InvariantCulture) : null);

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static IEnumerable<YamlNode> Items(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode list ? list.Children : [];
}
