using BenchmarkDotNet.Attributes;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Planning;
using PlatformMaturity.Rendering;

namespace PlatformMaturity.Benchmarks;

/// <summary>
/// Planning and composing a large platform (<see cref="Level5Stack"/>: Level 5, three regions, 200 tenants), in
/// process: what `pmctl plan` and `pmctl render` do once the runtime has started. The bar: well under a second.
/// </summary>
[MemoryDiagnoser]
public class PlanningBenchmarks
{
    private RawConfig _level1 = null!;
    private RawConfig _level4 = null!;
    private string _stackText = "";
    private PlatformConfig _level5 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _level1 = Level5Stack.Raw(1);
        _level4 = Level5Stack.Raw(4);
        _stackText = Level5Stack.StackFile();
        _level5 = PlatformConfigParser.ParseOrThrow(Level5Stack.Raw(), Level5Stack.Name);
    }

    [Benchmark(Description = "plan Level 1 -> 5")]
    public UpgradePlan PlanLevel1To5() => UpgradePlanner.Default.Plan(_level1, new PlanRequest(5)).Plan;

    [Benchmark(Description = "plan Level 4 -> 5")]
    public UpgradePlan PlanLevel4To5() => UpgradePlanner.Default.Plan(_level4, new PlanRequest(5)).Plan;

    [Benchmark(Description = "compose and render Level 5")]
    public int ComposeAndRenderLevel5() => ManifestRenderer.Render(Composer.Default.Compose(_level5)).Length;

    [Benchmark(Description = "parse the stack file, compose and render Level 5")]
    public int ParseComposeAndRenderLevel5()
    {
        var raw = StackFile.Parse(_stackText, Level5Stack.Name, $"Pulumi.{Level5Stack.Name}.yaml");
        return ManifestRenderer.Render(Composer.Default.Compose(PlatformConfigParser.ParseOrThrow(raw, Level5Stack.Name))).Length;
    }
}
