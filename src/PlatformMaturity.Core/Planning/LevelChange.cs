using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.Composition;

namespace PlatformMaturity.Planning;

/// <summary>A config key an upgrade writes into the stack file, with why.</summary>
public sealed record ConfigWrite(ConfigKey Key, JsonNode? Value, string Reason);

/// <summary>
/// The stack config at another level: the new level, the staged enforcements it introduces, and the
/// documented defaults of keys the level needs that the stack lacks.
/// </summary>
public static class LevelChange
{
    public static ImmutableArray<ConfigWrite> Writes(RawConfig raw, PlatformConfig current, int to, Composer composer, bool stage = true)
    {
        var writes = new List<ConfigWrite> { new(ConfigKeys.Level, to, $"the stack moves to {composer.Model.Level(to).Title}") };

        var before = InEffect(composer, current.Level);
        var after = InEffect(composer, to);
        var staged = current.Staged.Where(id => Enforcements.Find(id) is { } e && after.Contains(e.Practice)).ToList();
        if (stage && to > current.Level)
            staged.AddRange(Enforcements.IntroducedBetween(before, after).Select(e => e.Id).Where(id => !staged.Contains(id)));
        if (!staged.SequenceEqual(current.Staged))
            writes.Add(new ConfigWrite(ConfigKeys.Staged, new JsonArray([.. staged.Select(id => JsonValue.Create(id))]),
                "enforcements that can break workloads land non-blocking first (promote with pmctl upgrade --promote)"));

        foreach (var key in ConfigKeys.All.Where(k => k.NeededAt(to, current.Target) && !k.NeededAt(current.Level, current.Target)))
        {
            if (!raw.Has(key) && key.UpgradeValue is not null && to > current.Level)
                writes.Add(new ConfigWrite(key, key.UpgradeValue.DeepClone(), $"needed from Level {key.FromLevel}; an upgraded stack keeps what exists: {key.Description}"));
            else if (!raw.Has(key) && key.Default is not null)
                writes.Add(new ConfigWrite(key, key.Default.DeepClone(), $"needed from Level {key.FromLevel}; documented default"));
        }
        return [.. writes];
    }

    public static RawConfig Apply(RawConfig raw, IEnumerable<ConfigWrite> writes) =>
        writes.Aggregate(raw, (config, write) => config.With(write.Key, write.Value?.DeepClone()));

    private static HashSet<string> InEffect(Composer composer, int level) =>
        composer.InEffectAt(level).Select(p => p.Practice.Name).ToHashSet(StringComparer.Ordinal);
}
