using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Model;

namespace PlatformMaturity.Cli.Views;

/// <summary>One row of `pmctl levels`.</summary>
public sealed record LevelSummary(int Number, string Name, string Goal, SortedDictionary<string, int> PracticesByCategory, int Listed)
{
    public static LevelSummary Of(Level level) => new(
        level.Number,
        level.Name,
        level.Goal,
        new SortedDictionary<string, int>(Enum.GetValues<PracticeCategory>().ToDictionary(
            c => Category(c), c => level.InCategory(c).Count()), StringComparer.Ordinal),
        level.Practices.Length);

    public static string Category(PracticeCategory category) => category.ToString().ToLowerInvariant();
}

/// <summary>Everything `pmctl describe` shows about a level.</summary>
public sealed record LevelDescription(
    int Number,
    string Name,
    string Goal,
    IReadOnlyList<string> Description,
    IReadOnlyList<PracticeDescription> Listed,
    IReadOnlyList<PracticeDescription> Carried,
    IReadOnlyList<SupersessionView> Superseded,
    IReadOnlyList<Requirement> Requirements,
    AvailabilityTargetView? Availability,
    IReadOnlyList<string> ForWhom,
    IReadOnlyList<string> Benefits,
    IReadOnlyList<string> Do,
    IReadOnlyList<string> Dont)
{
    public static LevelDescription Of(Level level, Composer composer)
    {
        var (model, catalog) = (composer.Model, composer.Catalog);
        var inEffect = composer.InEffectAt(level.Number);
        string? KeptFor(string practice) => inEffect.FirstOrDefault(p => p.StandInFor == practice)?.Practice.Name;
        return new LevelDescription(
            level.Number,
            level.Name,
            level.Goal,
            level.Description,
            [.. level.Practices.Select(p => PracticeDescription.Of(model.Practice(p.Name), p.Category, carried: false, catalog) with { KeptInItsPlace = KeptFor(p.Name) })],
            [.. inEffect.Where(p => p.Carried)
                .SelectMany(p => p.Practice.Categories.Select(c => PracticeDescription.Of(p.Practice, c, carried: true, catalog) with { StandInFor = p.StandInFor }))],
            [.. model.SupersededAt(level.Number).Select(s => new SupersessionView(s.Practice.Name, s.Successor.Name))],
            level.Requirements,
            Planning.AvailabilityModel.TargetFor(model, level.Number) is { } target
                ? new AvailabilityTargetView(Planning.AvailabilityEstimate.Percent(target), Planning.AvailabilityModel.AttestationId(target))
                : null,
            level.ForWhom,
            level.Benefits,
            level.Do,
            level.Dont);
    }
}

/// <summary>A practice as describe lists it: its category, whether it is carried, and what implements it per target.</summary>
public sealed record PracticeDescription(
    string Name,
    string Category,
    bool Carried,
    bool Implemented,
    IReadOnlyList<int> ListedAt,
    string? Successor,
    TargetImplementation Implementation)
{
    public const string NotImplementedYet = "not implemented yet";

    /// <summary>For a carried practice: the successor it stands in for, which this version does not implement yet.</summary>
    public string? StandInFor { get; init; }

    /// <summary>For a practice not implemented yet: the practice the platform keeps in its place.</summary>
    public string? KeptInItsPlace { get; init; }

    public static PracticeDescription Of(Practice practice, PracticeCategory category, bool carried, PracticeCatalog catalog)
    {
        var implemented = catalog.TryGet(practice.Name, out var component);
        string On(DeploymentTarget target) => !implemented
            ? NotImplementedYet
            : component.NotApplicableReason(target) is { } reason
                ? $"not applicable: {reason}"
                : component.Implementation.For(target);
        return new PracticeDescription(practice.Name, LevelSummary.Category(category), carried, implemented,
            practice.ListedAt, practice.Successor, new TargetImplementation(On(DeploymentTarget.Existing), On(DeploymentTarget.Azure)));
    }
}

/// <summary>A level's availability target (from its benefits) and the attestation that stands for it on existing clusters.</summary>
public sealed record AvailabilityTargetView(string Target, string AttestationId);

/// <summary>What implements a practice on each target (or why it does not apply there).</summary>
public sealed record TargetImplementation(string Existing, string Azure);

/// <summary>A practice a level replaces with its successor.</summary>
public sealed record SupersessionView(string Practice, string SupersededBy);
