using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/PlatformMaturity.Benchmarks -- --filter '*'
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
BenchmarkSwitcher.FromAssembly(typeof(PlatformMaturity.Benchmarks.PlanningBenchmarks).Assembly).Run(args);
