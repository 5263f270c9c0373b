using BenchmarkDotNet.Attributes;
using PlatformMaturity.Config;
using PlatformMaturity.GoldenPaths.Rendering;

namespace PlatformMaturity.GoldenPaths.Benchmarks;

/// <summary>
/// Renders 1,000 apps: every golden path at every level it supports, in turn, each with its own name, through
/// validation and rendering (in memory; writing files is the file system's speed, not ours).
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    public const int Apps = 1000;

    private GoldenPathCatalog _catalog = null!;
    private (AppRequest Request, PlatformContext Platform)[] _work = [];

    [GlobalSetup]
    public void Setup()
    {
        _catalog = GoldenPathCatalog.Load(Workload.TemplatesDirectory());
        _work = Workload.Requests(_catalog, Apps);
    }

    [Benchmark(Description = "render 1,000 apps")]
    public int RenderThousand()
    {
        var files = 0;
        foreach (var (request, platform) in _work)
            files += GoldenPathRenderer.Render(request, _catalog, platform).Files.Length;
        return files;
    }

    [Benchmark(Description = "load and parse the templates")]
    public int LoadCatalog() => GoldenPathCatalog.Load(Workload.TemplatesDirectory()).GoldenPaths.Length;
}

/// <summary>The apps the benchmark renders, spread over golden paths, levels and targets.</summary>
public static class Workload
{
    public static string TemplatesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlatformMaturity.sln")))
                return Path.Combine(dir.FullName, "templates");
        }
        throw new InvalidOperationException("PlatformMaturity.sln not found above " + AppContext.BaseDirectory);
    }

    public static (AppRequest, PlatformContext)[] Requests(GoldenPathCatalog catalog, int count)
    {
        // Every practice of each level taken as implemented: the benchmark renders everything the templates can emit.
        var platforms = Enumerable.Range(1, 5).Select(level => PlatformContext.AssumingEveryPracticeImplemented(new PlatformConfig
        {
            Stack = $"l{level}",
            Name = "bench",
            Level = level,
            Target = DeploymentTarget.Existing,
            Tenants = [new Tenant("team-a", "team-a-devs", TenantTier.Medium)],
            Registry = "registry.example.com",
        })).ToArray();
        var cases = catalog.GoldenPaths
            .SelectMany(g => Enumerable.Range(g.Manifest.MinimumLevel, 6 - g.Manifest.MinimumLevel).Select(level => (g.Name, Level: level)))
            .ToArray();
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var (goldenPath, level) = cases[i % cases.Length];
            var sets = new List<string>();
            if (level >= 4)
                sets.AddRange(["cost-center=cc-1", "repository=acme/app"]);
            if (goldenPath == "cron-job")
                sets.Add("schedule=0 3 * * *");
            return (new AppRequest($"app-{i}", goldenPath, "team-a", sets), platforms[level - 1]);
        })];
    }
}
