using System.Text.Json.Nodes;

namespace PlatformMaturity.Config;

/// <summary>
/// The topology pmctl writes when a stack reaches Fault-tolerant Workload Distribution (Level 4) on azure: the stack's
/// cluster stays first (its graph names are unchanged, so Pulumi replaces nothing) and a second member goes to another
/// region, the primary's Azure pair where it has one, across the zones that region offers.
/// </summary>
public static class TopologyDefaults
{
    public const string FirstName = "primary";
    public const string SecondName = "secondary";

    /// <summary>The second region for <paramref name="primary"/>: its Azure pair, else the first other region with zones.</summary>
    public static string SecondRegion(string primary) =>
        AzureRegions.PairOf(primary) ?? AzureRegions.All.Keys.First(r => r != primary && AzureRegions.ZonesIn(r) > 0);

    /// <summary>Zones a new member uses: all three where the region has them, none where it has none.</summary>
    public static JsonArray ZonesFor(string region) => AzureRegions.ZonesIn(region) > 0 ? new JsonArray("1", "2", "3") : [];

    /// <summary>platform:clusters for two regions: the first with the zones it already has, the second with its region's.</summary>
    public static JsonArray TwoRegions(string primary, IEnumerable<string> primaryZones, string? second = null)
    {
        var other = second ?? SecondRegion(primary);
        return new JsonArray(
            new JsonObject { ["name"] = FirstName, ["region"] = primary, ["zones"] = new JsonArray([.. primaryZones.Select(z => JsonValue.Create(z))]) },
            new JsonObject { ["name"] = SecondName, ["region"] = other, ["zones"] = ZonesFor(other) });
    }
}
