using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Planning;
using PlatformMaturity.Rendering;

namespace PlatformMaturity.Benchmarks;

/// <summary>
/// Planning and composing a large platform: three regions (clusters) and 200 tenants. The bar:
/// planning Level 1 → 5 well under a second.
/// </summary>
[MemoryDiagnoser]
public class PlanningBenchmarks
{
    private RawConfig _raw = null!;
    private PlatformConfig _level5 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _raw = RawConfig.Empty("bench")
            .With(ConfigKeys.Level, 1)
            .With(ConfigKeys.Target, "azure")
            .With(ConfigKeys.Regions, new JsonArray("westeurope", "northeurope", "swedencentral"))
            .With(ConfigKeys.Tenants, new JsonArray([.. Enumerable.Range(0, 200).Select(i =>
                (JsonNode)new JsonObject { ["name"] = $"tenant-{i:000}", ["group"] = $"00000000-0000-4000-8000-{i:000000000000}", ["tier"] = (i % 3) switch { 0 => "small", 1 => "medium", _ => "large" } })]));
        _level5 = PlatformConfigParser.ParseOrThrow(_raw.With(ConfigKeys.Level, 5), "bench");
    }

    [Benchmark]
    public UpgradePlan PlanLevel1To5() => UpgradePlanner.Default.Plan(_raw, new PlanRequest(5)).Plan;

    [Benchmark]
    public int ComposeAndRenderLevel5() => ManifestRenderer.Render(Composer.Default.Compose(_level5)).Length;
}
