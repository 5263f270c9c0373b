using System.Collections.Immutable;

namespace PlatformMaturity.Config;

/// <summary>
/// The Azure region names a stack may use (platform:regions, pmctl init --region), read from the data file
/// Config/azure-regions.txt, which records where the list comes from and how to refresh it.
/// </summary>
public static class AzureRegions
{
    private const string Resource = "PlatformMaturity.Config.azure-regions.txt";

    /// <summary>Region name (westeurope) to display name (West Europe).</summary>
    public static ImmutableSortedDictionary<string, string> All => Data.Value.Names;

    public static bool IsRegion(string name) => All.ContainsKey(name);

    /// <summary>Availability zones the region offers (0 to 3): a zone-less region cannot spread a node pool across zones.</summary>
    public static int ZonesIn(string region) => Data.Value.Zones.GetValueOrDefault(region);

    /// <summary>The region's Azure pair (metadata.pairedRegion) when it is itself a region of the list, else null.</summary>
    public static string? PairOf(string region) =>
        Data.Value.Pairs.TryGetValue(region, out var pair) && IsRegion(pair) ? pair : null;

    /// <summary>
    /// How many regions the platform places clusters in: one up to Level 3; from Level 4 (Fault-tolerant Workload
    /// Distribution, "no single datacenter") at most as many as platform:clusters has members, bounded here by what
    /// pmctl init writes (two).
    /// </summary>
    public static int UsedAt(int level) => level >= 4 ? 2 : 1;

    /// <summary>Why <paramref name="name"/> is not a region, with the closest name (also for display names such as "West Europe").</summary>
    public static string Problem(string name)
    {
        var squashed = name.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        var closest = IsRegion(squashed) ? squashed : Text.DidYouMean.Closest(squashed, All.Keys, maxDistance: 3);
        return $"'{name}' is not an Azure region name" + (closest is null ? "" : $"; did you mean {closest} ({All[closest]})?") +
               " Region names are lowercase without spaces, e.g. westeurope; list them with: az account list-locations --query \"[?metadata.regionType=='Physical'].name\" -o tsv";
    }

    private sealed record RegionData(ImmutableSortedDictionary<string, string> Names, ImmutableDictionary<string, int> Zones, ImmutableDictionary<string, string> Pairs);

    private static readonly Lazy<RegionData> Data = new(Load);

    private static RegionData Load()
    {
        using var stream = typeof(AzureRegions).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"embedded resource {Resource} is missing");
        using var reader = new StreamReader(stream);
        var regions = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var zones = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        var pairs = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var parts = line.Split('\t');
            regions.Add(parts[0], parts[1]);
            zones.Add(parts[0], int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
            if (parts[3] != "-")
                pairs.Add(parts[0], parts[3]);
        }
        return new RegionData(regions.ToImmutable(), zones.ToImmutable(), pairs.ToImmutable());
    }
}
