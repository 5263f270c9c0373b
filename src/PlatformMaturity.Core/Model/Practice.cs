using System.Collections.Immutable;

namespace PlatformMaturity.Model;

/// <summary>A practice of the maturity model with the seed's exact name.</summary>
/// <param name="Name">The seed's name, e.g. "Basic Traffic Filtering".</param>
/// <param name="Categories">Every category a level lists it under (GitOps Platform Management has two).</param>
/// <param name="ListedAt">The levels whose practice lists name it, ascending.</param>
/// <param name="Successor">The practice that supersedes it at a level that stops listing it, if any.</param>
public sealed record Practice(
    string Name,
    ImmutableArray<PracticeCategory> Categories,
    ImmutableArray<int> ListedAt,
    string? Successor)
{
    /// <summary>Kebab-case identifier, e.g. "chaos-engineering-non-prod"; used for component ids and labels.</summary>
    public string Slug => PracticeNames.Slug(Name);

    /// <summary>PascalCase identifier, e.g. "ChaosEngineeringNonProd"; used in Pulumi type tokens.</summary>
    public string TypeName => PracticeNames.TypeName(Name);

    /// <summary>The first level that lists the practice.</summary>
    public int FirstLevel => ListedAt[0];

    /// <summary>The category the practice is filed under first (its Pulumi module).</summary>
    public PracticeCategory PrimaryCategory => Categories[0];
}

/// <summary>Derives identifiers from practice names.</summary>
public static class PracticeNames
{
    public static string Slug(string name) => string.Join('-', Words(name).Select(w => w.ToLowerInvariant()));

    public static string TypeName(string name) =>
        string.Concat(Words(name).Select(w => char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));

    private static IEnumerable<string> Words(string name) =>
        name.Split([' ', '-', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
}
