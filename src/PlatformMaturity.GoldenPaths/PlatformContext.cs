using System.Collections.Immutable;
using PlatformMaturity.Config;
using PlatformMaturity.Model;

namespace PlatformMaturity.GoldenPaths;

/// <summary>The platform an application lands on: its stack config and the practices in effect at its level.</summary>
public sealed class PlatformContext
{
    public PlatformContext(PlatformConfig config, MaturityModel? model = null)
    {
        Model = model ?? MaturityModel.Default;
        Config = config;
        Level = Model.Level(config.Level);
        PracticesInEffect = [.. Model.InEffectAt(config.Level).Select(p => p.Practice.Name)];
        _firstLevel = Model.Levels
            .SelectMany(l => Model.InEffectAt(l.Number).Select(p => (p.Practice.Name, l.Number)))
            .GroupBy(x => x.Name, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Min(x => x.Number), StringComparer.Ordinal);
    }

    private readonly ImmutableDictionary<string, int> _firstLevel;

    public PlatformConfig Config { get; }

    public MaturityModel Model { get; }

    public Level Level { get; }

    /// <summary>Names of the practices in effect (listed or carried) at the stack's level.</summary>
    public ImmutableHashSet<string> PracticesInEffect { get; }

    /// <summary>Whether a practice is in effect; throws for a name that is not a practice, so a typo never reads as "not in effect".</summary>
    public bool InEffect(string practice) =>
        Model.TryGetPractice(practice, out _)
            ? PracticesInEffect.Contains(practice)
            : throw new KeyNotFoundException($"'{practice}' is not a practice of the maturity model");

    /// <summary>The first level that has the practice in effect, for messages ("from Level 4").</summary>
    public int? FirstLevelOf(string practice) => _firstLevel.TryGetValue(practice, out var level) ? level : null;
}
