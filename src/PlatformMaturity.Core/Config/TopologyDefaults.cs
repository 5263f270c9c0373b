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

    public const string GpuName = "gpu";

    /// <summary>The GPU member's user pool VM size (NC-family, NVIDIA T4): the smallest GPU size AKS offers broadly.</summary>
    public const string GpuVmSize = "Standard_NC4as_T4_v3";

    /// <summary>
    /// Level 5's fleet: the two regional members plus a specialised GPU member in the primary's region (three clusters in
    /// two regions); the GPU member adds capacity of a kind, not redundancy, so the availability arithmetic counts it once.
    /// </summary>
    public static JsonArray Fleet(string primary, IEnumerable<string> primaryZones, string? second = null)
    {
        var clusters = TwoRegions(primary, primaryZones, second);
        clusters.Add(new JsonObject
        {
            ["name"] = GpuName,
            ["region"] = primary,
            ["zones"] = ZonesFor(primary),
            ["capabilities"] = new JsonArray(Practices.Availability.MultiClusterPlatform.GpuCapability),
            ["nodePools"] = new JsonObject { ["user"] = new JsonObject { ["vmSize"] = GpuVmSize, ["minCount"] = 2, ["maxCount"] = 4 } },
        });
        return clusters;
    }

    /// <summary>platform:clusters for two regions: the first with the zones it already has, the second with its region's.</summary>
    public static JsonArray TwoRegions(string primary, IEnumerable<string> primaryZones, string? second = null)
    {
        var other = second ?? SecondRegion(primary);
        return new JsonArray(
            new JsonObject { ["name"] = FirstName, ["region"] = primary, ["zones"] = new JsonArray([.. primaryZones.Select(z => JsonValue.Create(z))]) },
            new JsonObject { ["name"] = SecondName, ["region"] = other, ["zones"] = ZonesFor(other) });
    }
}
