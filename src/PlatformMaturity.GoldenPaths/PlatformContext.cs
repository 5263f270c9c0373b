using System.Collections.Immutable;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Model;

namespace PlatformMaturity.GoldenPaths;

/// <summary>
/// The platform an application lands on: its stack config, the practices in effect at its level, and which of
/// them the platform provides (in effect and implemented on its target). Golden paths render for the practices
/// provided, so every object they emit can be applied to the platform; the others are reported as gaps.
/// </summary>
public sealed class PlatformContext
{
    private readonly ImmutableDictionary<string, int> _firstLevel;
    private readonly ImmutableDictionary<string, PracticeStatus> _statuses;

    private PlatformContext(PlatformConfig config, MaturityModel model, IEnumerable<PracticeStatus> statuses, ImmutableHashSet<string>? apiGroups)
    {
        Model = model;
        Config = config;
        Level = Model.Level(config.Level);
        _statuses = statuses.ToImmutableDictionary(s => s.Practice, StringComparer.Ordinal);
        PracticesInEffect = [.. Model.InEffectAt(config.Level).Select(p => p.Practice.Name)];
        PracticesProvided = [.. _statuses.Values.Where(s => s.State == PracticeState.Implemented).Select(s => s.Practice)];
        InstalledApiGroups = apiGroups;
        _firstLevel = Model.Levels
            .SelectMany(l => Model.InEffectAt(l.Number).Select(p => (p.Practice.Name, l.Number)))
            .GroupBy(x => x.Name, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Min(x => x.Number), StringComparer.Ordinal);
    }

    /// <summary>The platform the stack's config composes: practices provided are the ones its graph implements.</summary>
    public static PlatformContext Of(PlatformConfig config) => Of(Composer.Default.Compose(config), MaturityModel.Default);

    /// <summary>The platform a composed graph describes (its practice statuses and the API groups it installs).</summary>
    public static PlatformContext Of(PlatformGraph graph, MaturityModel model) =>
        new(graph.Config, model, graph.Practices, PlatformApis.Installed(graph));

    /// <summary>
    /// A platform on which the given practices (each in effect at the level) are taken as implemented, and the
    /// others in effect as not implemented yet; <paramref name="apiGroups"/> null takes every API group as
    /// installed. For testing what templates can do (e.g. every practice of a level implemented); <c>pmctl app new</c>
    /// uses <see cref="Of(PlatformConfig)"/>.
    /// </summary>
    public static PlatformContext Assuming(PlatformConfig config, IEnumerable<string> provided, IEnumerable<string>? apiGroups = null, MaturityModel? model = null)
    {
        model ??= MaturityModel.Default;
        var wanted = provided.ToHashSet(StringComparer.Ordinal);
        var inEffect = model.InEffectAt(config.Level);
        foreach (var name in wanted.Where(n => inEffect.All(p => p.Practice.Name != n)))
            throw new ArgumentException($"'{name}' is not a practice in effect at Level {config.Level}", nameof(provided));
        var statuses = inEffect.Select(p => wanted.Contains(p.Practice.Name)
            ? new PracticeStatus(p.Practice.Name, p.Practice.Categories, p.Carried, PracticeState.Implemented, "assumed implemented", p.Practice.Slug)
            : new PracticeStatus(p.Practice.Name, p.Practice.Categories, p.Carried, PracticeState.NotImplementedYet, "not implemented yet", null));
        return new PlatformContext(config, model, statuses, apiGroups?.ToImmutableHashSet(StringComparer.Ordinal));
    }

    /// <summary>Every practice in effect at the config's level taken as implemented, every API group as installed.</summary>
    public static PlatformContext AssumingEveryPracticeImplemented(PlatformConfig config, MaturityModel? model = null)
    {
        model ??= MaturityModel.Default;
        return Assuming(config, model.InEffectAt(config.Level).Select(p => p.Practice.Name), null, model);
    }

    public PlatformConfig Config { get; }

    public MaturityModel Model { get; }

    public Level Level { get; }

    /// <summary>Names of the practices in effect (listed or carried) at the stack's level.</summary>
    public ImmutableHashSet<string> PracticesInEffect { get; }

    /// <summary>Names of the practices in effect that the platform implements on the stack's target.</summary>
    public ImmutableHashSet<string> PracticesProvided { get; }

    /// <summary>API groups whose CRDs the platform installs (Helm releases, AKS add-ons); null when every group is assumed installed.</summary>
    public ImmutableHashSet<string>? InstalledApiGroups { get; }

    /// <summary>Whether a practice is in effect at the level; throws for a name that is not a practice, so a typo never reads as "not in effect".</summary>
    public bool InEffect(string practice) => PracticesInEffect.Contains(Known(practice));

    /// <summary>Whether the platform provides a practice: in effect at the level and implemented on the target.</summary>
    public bool Provides(string practice) => PracticesProvided.Contains(Known(practice));

    /// <summary>What became of a practice in effect (implemented, not applicable, not implemented yet); null when not in effect.</summary>
    public PracticeStatus? Status(string practice) => _statuses.GetValueOrDefault(Known(practice));

    /// <summary>Whether the platform installs the CRDs of an API group (built-in groups are not asked for).</summary>
    public bool Installs(string apiGroup) => InstalledApiGroups is null || InstalledApiGroups.Contains(apiGroup);

    /// <summary>The first level that has the practice in effect, for messages ("from Level 4").</summary>
    public int? FirstLevelOf(string practice) => _firstLevel.TryGetValue(practice, out var level) ? level : null;

    private string Known(string practice) =>
        Model.TryGetPractice(practice, out _) ? practice : throw new KeyNotFoundException($"'{practice}' is not a practice of the maturity model");
}
