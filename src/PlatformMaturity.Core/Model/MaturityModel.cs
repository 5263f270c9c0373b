using System.Collections.Immutable;

namespace PlatformMaturity.Model;

/// <summary>The five levels and every practice, read once from the embedded maturity-model.yaml.</summary>
public sealed class MaturityModel
{
    private static readonly Lazy<MaturityModel> Embedded = new(MaturityModelLoader.LoadEmbedded);

    private readonly ImmutableDictionary<string, Practice> _byName;

    internal MaturityModel(ImmutableArray<Level> levels, ImmutableArray<Practice> practices)
    {
        Levels = levels;
        Practices = practices;
        _byName = practices.ToImmutableDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>The model shipped with the tool.</summary>
    public static MaturityModel Default => Embedded.Value;

    public ImmutableArray<Level> Levels { get; }

    /// <summary>All distinct practices, in the order the seed first lists them.</summary>
    public ImmutableArray<Practice> Practices { get; }

    public int LowestLevel => Levels[0].Number;

    public int HighestLevel => Levels[^1].Number;

    public bool IsLevel(int number) => number >= LowestLevel && number <= HighestLevel;

    public Level Level(int number) =>
        IsLevel(number)
            ? Levels[number - LowestLevel]
            : throw new ArgumentOutOfRangeException(nameof(number), number, $"levels are {LowestLevel} to {HighestLevel}");

    public Practice Practice(string name) =>
        _byName.TryGetValue(name, out var practice)
            ? practice
            : throw new KeyNotFoundException($"'{name}' is not a practice of the maturity model");

    public bool TryGetPractice(string name, out Practice practice) => _byName.TryGetValue(name, out practice!);

    /// <summary>
    /// The practices in effect at a level: those it lists, then those a lower level listed that no
    /// successor has replaced yet (carried), in model order.
    /// </summary>
    public ImmutableArray<PracticeInEffect> InEffectAt(int level)
    {
        var listed = ListedNames(level);
        var inEffect = ImmutableArray.CreateBuilder<PracticeInEffect>();
        foreach (var practice in Practices)
        {
            if (listed.Contains(practice.Name))
                inEffect.Add(new PracticeInEffect(practice, Carried: false));
            else if (practice.FirstLevel < level && SupersedingAt(practice, level) is null)
                inEffect.Add(new PracticeInEffect(practice, Carried: true));
        }
        return inEffect.ToImmutable();
    }

    /// <summary>Practices in effect at the level below that a successor replaces at this level.</summary>
    public ImmutableArray<Supersession> SupersededAt(int level)
    {
        if (level <= LowestLevel)
            return [];
        var below = InEffectAt(level - 1).Select(p => p.Practice).ToHashSet();
        return [.. Practices
            .Where(p => below.Contains(p) && !p.ListedAt.Contains(level))
            .Select(p => (Practice: p, Successor: SupersedingAt(p, level)))
            .Where(x => x.Successor is not null)
            .Select(x => new Supersession(x.Practice, x.Successor!))];
    }

    /// <summary>The practice that replaces <paramref name="practice"/> at a level: the first of its successor chain the level lists.</summary>
    public Practice? SuccessorAt(Practice practice, int level) => SupersedingAt(practice, level);

    /// <summary>The first practice in the successor chain of <paramref name="practice"/> that the level lists.</summary>
    private Practice? SupersedingAt(Practice practice, int level)
    {
        var listed = ListedNames(level);
        for (var next = practice.Successor; next is not null; next = _byName[next].Successor)
        {
            if (listed.Contains(next))
                return _byName[next];
        }
        return null;
    }

    private HashSet<string> ListedNames(int level) => [.. Level(level).Practices.Select(p => p.Name)];
}

/// <summary>A practice in effect at a level; carried means a lower level listed it and nothing has replaced it yet.</summary>
/// <param name="StandInFor">Set when the practice is kept in place of this successor, which the tool does not implement yet.</param>
public sealed record PracticeInEffect(Practice Practice, bool Carried, string? StandInFor = null);

/// <summary>A practice replaced at a level by a successor that level lists.</summary>
public sealed record Supersession(Practice Practice, Practice Successor);
