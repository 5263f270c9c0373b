using System.Diagnostics;
using BenchmarkDotNet.Running;
using PlatformMaturity.Benchmarks;

// dotnet run -c Release --project tests/PlatformMaturity.Benchmarks -- --filter '*'      (BenchmarkDotNet)
// dotnet run -c Release --project tests/PlatformMaturity.Benchmarks -- --quick           (stopwatch, seconds)
// dotnet run -c Release --project tests/PlatformMaturity.Benchmarks -- --write-stack DIR (the Level 5 stack and its Level 4 twin)
// dotnet run -c Release --project tests/PlatformMaturity.Benchmarks -- snapshot json|yaml OBJECTS PATH   (writes a synthetic cluster snapshot)
if (args is ["snapshot", var format, var count, var path])
{
    if (format == "yaml")
        PlatformMaturity.Benchmarks.SyntheticCluster.WriteYaml(path, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
    else
        PlatformMaturity.Benchmarks.SyntheticCluster.WriteJson(path, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
    return;
}
if (args is ["time", var file])
{
    var watch = System.Diagnostics.Stopwatch.StartNew();
    var snapshot = PlatformMaturity.Assess.Snapshot.SnapshotReader.Read(file, file);
    Console.WriteLine($"read {watch.Elapsed.TotalSeconds:0.00} s ({snapshot.Count} kept of {snapshot.ObjectsRead})");
    watch.Restart();
    var view = new PlatformMaturity.Assess.Evidence.ClusterView(snapshot);
    Console.WriteLine($"view {watch.Elapsed.TotalSeconds:0.00} s ({view.TenantNamespaces.Count} tenants)");
    watch.Restart();
    var assessment = PlatformMaturity.Assess.Assessor.Default.Assess(snapshot);
    Console.WriteLine($"assess {watch.Elapsed.TotalSeconds:0.00} s (level {assessment.Level})");
    return;
}
if (args is ["--write-stack", var directory])
{
    foreach (var written in Level5Stack.Write(directory))
        Console.WriteLine(written);
    return;
}
if (args.Contains("--quick"))
{
    var bench = new PlanningBenchmarks();
    bench.Setup();
    Quick("plan Level 1 -> 5", () => bench.PlanLevel1To5());
    Quick("plan Level 4 -> 5", () => bench.PlanLevel4To5());
    Quick("compose and render Level 5", () => bench.ComposeAndRenderLevel5());
    Quick("parse, compose and render Level 5", () => bench.ParseComposeAndRenderLevel5());
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(PlanningBenchmarks).Assembly).Run(args);

// One warm-up and five timed runs: a figure in seconds rather than BenchmarkDotNet's minutes.
static void Quick(string name, Action work)
{
    work();
    var runs = new List<double>();
    var cpu = new List<double>();
    var process = Process.GetCurrentProcess();
    for (var i = 0; i < 5; i++)
    {
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        work();
        runs.Add(watch.Elapsed.TotalMilliseconds);
        process.Refresh();
        cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
    }
    runs.Sort();
    cpu.Sort();
    // CPU time beside wall time: on a shared machine the wall clock also counts the time others held the cores.
    Console.WriteLine($"{name,-36} {runs[2],8:F1} ms (median of 5; min {runs[0]:F1}, max {runs[^1]:F1}; CPU {cpu[2]:F1} ms); {Level5Stack.Tenants} tenants, {Level5Stack.Regions.Length} regions");
}
