using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.Model;

namespace PlatformMaturity.Benchmarks;

/// <summary>
/// The large stack the benchmarks and scripts/bench-cli.sh use: Level 5 on azure, in prod, three regions and 200
/// tenants spread over the three quota tiers. Written through the same template as `pmctl init`, so the file has
/// every key Level 5 needs with its documented default.
/// From Level 4 (platform:clusters) each region runs a cluster, so the stack composes three cluster subtrees.
/// </summary>
public static class Level5Stack
{
    public const string Name = "bench-l5";

    /// <summary>The same platform one level lower, where `pmctl plan bench-l4 --to 5` starts.</summary>
    public const string Level4Name = "bench-l4";
    public const int Tenants = 200;
    public static readonly string[] Regions = ["westeurope", "northeurope", "swedencentral"];

    /// <summary>The stack's configuration at a level (the level 5 one is the stack; lower ones are where a plan starts).</summary>
    public static RawConfig Raw(int level = 5, string stack = Name)
    {
        var raw = Base(level, stack);
        return level < ConfigKeys.Clusters.FromLevel ? raw : raw.With(ConfigKeys.Clusters, new JsonArray([.. Regions.Select((region, i) => (JsonNode)new JsonObject
        {
            ["name"] = i == 0 ? "primary" : region,
            ["region"] = region,
            ["zones"] = new JsonArray("1", "2", "3"),
        })]));
    }

    private static RawConfig Base(int level, string stack) => RawConfig.Empty(stack)
        .With(ConfigKeys.Level, level)
        .With(ConfigKeys.Target, "azure")
        .With(ConfigKeys.Environment, "prod")
        .With(ConfigKeys.Regions, new JsonArray([.. Regions.Select(r => JsonValue.Create(r))]))
        .With(ConfigKeys.AdminGroupObjectIds, new JsonArray("00000000-0000-4000-8000-0000000000aa"))
        // The topology `pmctl init` writes for a level with an availability target.
        .With(ConfigKeys.SkuTier, "Standard")
        .With(ConfigKeys.Zones, new JsonArray("1", "2", "3"))
        .With(ConfigKeys.NodeCount, 3)
        .With(ConfigKeys.Tenants, new JsonArray([.. Enumerable.Range(0, Tenants).Select(i => (JsonNode)new JsonObject
        {
            ["name"] = $"tenant-{i:000}",
            // Entra ID object ids: on azure a tenant's group is bound by object id.
            ["group"] = $"00000000-0000-4000-8000-{i:000000000000}",
            ["tier"] = (i % 3) switch { 0 => "small", 1 => "medium", _ => "large" },
        })]));

    /// <summary>A stack file's text, as `pmctl init` would write it.</summary>
    public static string StackFile(int level = 5, string stack = Name) =>
        StackFileTemplate.Render(Raw(level, stack), level, DeploymentTarget.Azure, MaturityModel.Default);

    /// <summary>Writes Pulumi.bench-l5.yaml and Pulumi.bench-l4.yaml into a stacks folder; returns their paths.</summary>
    public static IEnumerable<string> Write(string stacksDirectory)
    {
        Directory.CreateDirectory(stacksDirectory);
        foreach (var (level, stack) in new[] { (5, Name), (4, Level4Name) })
        {
            var path = Path.Combine(stacksDirectory, $"Pulumi.{stack}.yaml");
            File.WriteAllText(path, StackFile(level, stack));
            yield return path;
        }
    }
}
