using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace PlatformMaturity.Config;

/// <summary>Validation of where the platform runs: Azure regions.</summary>
public static partial class PlatformConfigParser
{
    private static ImmutableArray<string> ReadRegions(RawConfig raw, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.Regions;
        if (!raw.Has(key))
        {
            problem(key, "is required on target 'azure'; set a list of Azure regions, primary first, e.g. [westeurope]");
            return [];
        }
        if (raw[key] is not JsonArray array || array.Count == 0)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected a non-empty list of Azure regions such as [westeurope, northeurope]");
            return [];
        }
        var regions = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var region = Scalar(array[i]);
            if (region is null)
                problem(key, $"item {i} '{Shown(array[i])}' is not an Azure region name; expected a name such as westeurope");
            else if (!AzureRegions.IsRegion(region))
                problem(key, $"item {i} {AzureRegions.Problem(region)}");
            else if (regions.Contains(region))
                problem(key, $"item {i} '{region}' is listed twice; each region once");
            else
                regions.Add(region);
        }
        return [.. regions];
    }
}
