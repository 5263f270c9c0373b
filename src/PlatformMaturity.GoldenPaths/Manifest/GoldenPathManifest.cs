using System.Collections.Immutable;
using PlatformMaturity.GoldenPaths.Parameters;
using PlatformMaturity.Practices.Delivery;

namespace PlatformMaturity.GoldenPaths.Manifest;

/// <summary>What a golden path's <c>template.yaml</c> declares: who it is for, from which level, and its parameters.</summary>
/// <param name="Name">DNS-1123 label; the folder's name.</param>
/// <param name="Description">One line for <c>pmctl templates</c>.</param>
/// <param name="MinimumLevel">The lowest level the golden path renders at.</param>
/// <param name="BelowMinimum">Why lower levels are refused, in the seed's own words; set when <paramref name="MinimumLevel"/> is above 1.</param>
/// <param name="CatalogType">The Backstage <c>spec.type</c> of the component (Internal Developer Platform, Level 5).</param>
/// <param name="Requires">What the platform must provide for the golden path to make sense (a practice, or the CRDs of an API group); refused otherwise.</param>
/// <param name="Parameters">The values a user may set with <c>--set</c>, in the manifest's order.</param>
/// <param name="Outputs">Output paths for templates that are not written at their own path minus <c>.sbn</c>; may use <c>{name}</c>.</param>
public sealed record GoldenPathManifest(
    string Name,
    string Description,
    int MinimumLevel,
    SeedQuote? BelowMinimum,
    string CatalogType,
    ImmutableArray<PlatformRequirement> Requires,
    ImmutableArray<ParameterSpec> Parameters,
    ImmutableSortedDictionary<string, string> Outputs)
{
    public const string FileName = "template.yaml";

    public ParameterSpec? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);
}

/// <summary>A line of the seed that explains a refusal: the level, the section (dont, benefits, forWhom, description) and the exact text.</summary>
public sealed record SeedQuote(int Level, string Section, string Text);

/// <summary>One parameter of a golden path: its type and the rules its value must meet.</summary>
/// <param name="Name">Kebab-case, as <c>--set name=value</c> spells it; templates see it as <c>values.snake_case</c>.</param>
/// <param name="Default">The value when not set; may use <c>{name}</c>, <c>{team}</c> and <c>{registry}</c>.</param>
/// <param name="DefaultsWhen">Defaults that replace <paramref name="Default"/> while a practice is in effect (the last that applies wins).</param>
/// <param name="RequiredWhen">Practices that make the parameter required while the platform provides any of them (in effect and implemented).</param>
/// <param name="Practice">The practice the parameter serves; setting it while that practice is not in effect draws a note.</param>
/// <param name="AtMost">Another parameter of the same type that this one must not exceed (a request and its limit).</param>
public sealed record ParameterSpec(
    string Name,
    ParameterType Type,
    string Description,
    string? Default,
    ImmutableArray<PracticeDefault> DefaultsWhen,
    bool Required,
    ImmutableArray<string> RequiredWhen,
    string? Practice,
    ImmutableArray<string> Allowed,
    long? Min,
    long? Max,
    int? MaxLength,
    string? AtMost)
{
    /// <summary>Targets on which the parameter is required (existing, azure): what only that target cannot find out itself.</summary>
    public ImmutableArray<string> RequiredOn { get; init; } = [];

    /// <summary>The name templates use: <c>cpu-request</c> becomes <c>cpu_request</c>.</summary>
    public string TemplateName => Name.Replace('-', '_');
}

/// <summary>A default that applies while a practice is in effect, e.g. canary delivery once Extended Delivery Processes is.</summary>
public sealed record PracticeDefault(string Practice, string Value);
