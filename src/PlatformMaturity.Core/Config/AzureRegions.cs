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
    public static ImmutableSortedDictionary<string, string> All { get; } = Load();

    public static bool IsRegion(string name) => All.ContainsKey(name);

    /// <summary>How many regions the platform places clusters in: one at every level this version builds.</summary>
    /// <remarks>Regions beyond the first are used only by Multi-cluster Platform, which this version does not implement; raise this with it.</remarks>
    public static int UsedAt(int level) => 1;

    /// <summary>Why <paramref name="name"/> is not a region, with the closest name (also for display names such as "West Europe").</summary>
    public static string Problem(string name)
    {
        var squashed = name.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        var closest = IsRegion(squashed) ? squashed : Text.DidYouMean.Closest(squashed, All.Keys, maxDistance: 3);
        return $"'{name}' is not an Azure region name" + (closest is null ? "" : $"; did you mean {closest} ({All[closest]})?") +
               " Region names are lowercase without spaces, e.g. westeurope; list them with: az account list-locations --query \"[?metadata.regionType=='Physical'].name\" -o tsv";
    }

    private static ImmutableSortedDictionary<string, string> Load()
    {
        using var stream = typeof(AzureRegions).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"embedded resource {Resource} is missing");
        using var reader = new StreamReader(stream);
        var regions = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var parts = line.Split('\t');
            regions.Add(parts[0], parts[1]);
        }
        return regions.ToImmutable();
    }
}
