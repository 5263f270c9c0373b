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
        var staged = current.Staged.Where(id => Enforcements.Find(id) is { } e && e.BuiltByAny(after)).ToList();
        if (stage && to > current.Level)
            staged.AddRange(Enforcements.IntroducedBetween(before, after, current.Target).Select(e => e.Id).Where(id => !staged.Contains(id)));
        if (!staged.SequenceEqual(current.Staged))
            writes.Add(new ConfigWrite(ConfigKeys.Staged, new JsonArray([.. staged.Select(id => JsonValue.Create(id))]),
                "enforcements that can break workloads land non-blocking first (promote with pmctl upgrade --promote)"));

        writes.AddRange(Topology(raw, current, to));
        writes.AddRange(Fleet(raw, current, to));

        foreach (var key in ConfigKeys.All.Where(k => k.NeededAt(to, current.Target) && !k.NeededAt(current.Level, current.Target)))
        {
            if (!raw.Has(key) && key.UpgradeValue is not null && to > current.Level)
                writes.Add(new ConfigWrite(key, key.UpgradeValue.DeepClone(), $"needed from Level {key.FromLevel}; an upgraded stack keeps what exists: {key.Description}"));
            else if (!raw.Has(key) && key.Default is not null)
                writes.Add(new ConfigWrite(key, key.Default.DeepClone(), $"needed from Level {key.FromLevel}; documented default"));
        }
        return [.. writes];
    }

    /// <summary>
    /// Moving an azure stack on the single-cluster keys to Level 4 migrates them into platform:clusters: today's cluster
    /// first (same region and zones, so the same graph names and no replacement) and a second cluster in another region
    /// (Fault-tolerant Workload Distribution: one cluster cannot reach 99.99%).
    /// </summary>
    private static IEnumerable<ConfigWrite> Topology(RawConfig raw, PlatformConfig current, int to)
    {
        if (to < 4 && current.Members.Length > 1 && raw[ConfigKeys.Clusters] is JsonArray { Count: > 1 } listed)
        {
            // Below Level 4 the platform runs one cluster: the first stays, the others leave (the plan shows them destroyed).
            yield return new ConfigWrite(ConfigKeys.Clusters, new JsonArray(listed[0]!.DeepClone()),
                $"Level {to} runs one cluster: the first stays, the others are removed");
            if (current.IsAzure && raw.Has(ConfigKeys.Regions))
                yield return new ConfigWrite(ConfigKeys.Regions, new JsonArray(current.PrimaryRegion), "the region of the remaining cluster");
            yield break;
        }
        if (!current.IsAzure || current.HasClusterList || to < 4 || current.Level >= 4 || current.Regions.IsDefaultOrEmpty)
            yield break;
        var clusters = TopologyDefaults.TwoRegions(current.PrimaryRegion, current.Zones);
        var second = clusters[1]!["region"]!.GetValue<string>();
        yield return new ConfigWrite(ConfigKeys.Clusters, clusters,
            $"Level 4 runs no single datacenter: today's cluster stays first (nothing is replaced), a second cluster goes to {second}");
        yield return new ConfigWrite(ConfigKeys.Regions, new JsonArray(current.PrimaryRegion, second), "the regions of the clusters, primary first");
    }

    /// <summary>
    /// Level 5 (Multi-cluster Platform, Platform SLA): an azure stack still on the Free tier moves to Standard (the uptime
    /// SLA an announced SLA rests on); the clusters it runs join the fleet as they are. Going below Level 5 drops what
    /// only Level 5 accepts: members' capabilities, the specialised members that share a region, and platform:sla.
    /// </summary>
    private static IEnumerable<ConfigWrite> Fleet(RawConfig raw, PlatformConfig current, int to)
    {
        if (to >= 5 && current.Level < 5)
        {
            if (current.IsAzure && current.SkuTier is null or "Free")
                yield return new ConfigWrite(ConfigKeys.SkuTier, "Standard", "Platform SLA: the SLA rests on the AKS uptime SLA (Standard tier); Free has none");
            yield break;
        }
        if (to >= 5 || current.Level < 5)
            yield break;
        if (raw[ConfigKeys.Clusters] is JsonArray listed && listed.OfType<JsonObject>().Any(c => c.ContainsKey("capabilities")))
        {
            var regions = new HashSet<string>(StringComparer.Ordinal);
            var kept = new JsonArray();
            foreach (var item in listed.OfType<JsonObject>())
            {
                var region = item["region"]?.GetValue<string>();
                if (current.IsAzure && region is not null && !regions.Add(region))
                    continue;
                var copy = (JsonObject)item.DeepClone();
                copy.Remove("capabilities");
                kept.Add(copy);
            }
            yield return new ConfigWrite(ConfigKeys.Clusters, kept,
                $"Level {to} places nothing by capability: capabilities go, and a specialised member sharing a region with another is removed");
        }
        if (raw.Has(ConfigKeys.Sla) && raw[ConfigKeys.Sla] is not null)
            yield return new ConfigWrite(ConfigKeys.Sla, null, $"the maturity model announces an SLA only at Level 5");
    }

    public static RawConfig Apply(RawConfig raw, IEnumerable<ConfigWrite> writes) =>
        writes.Aggregate(raw, (config, write) => config.With(write.Key, write.Value?.DeepClone()));

    private static HashSet<string> InEffect(Composer composer, int level) =>
        composer.InEffectAt(level).Select(p => p.Practice.Name).ToHashSet(StringComparer.Ordinal);
}
