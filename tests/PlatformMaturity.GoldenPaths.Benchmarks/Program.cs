using System.Diagnostics;
using BenchmarkDotNet.Running;
using PlatformMaturity.GoldenPaths.Benchmarks;

// --quick: one warm-up and five timed runs with a stopwatch, for a figure in seconds rather than minutes.
if (args.Contains("--quick"))
{
    var bench = new RenderBenchmarks();
    var load = Stopwatch.StartNew();
    bench.Setup();
    load.Stop();
    var files = bench.RenderThousand();
    var runs = new List<double>();
    for (var i = 0; i < 5; i++)
    {
        var watch = Stopwatch.StartNew();
        bench.RenderThousand();
        runs.Add(watch.Elapsed.TotalMilliseconds);
    }
    runs.Sort();
    Console.WriteLine($"templates loaded and parsed in {load.Elapsed.TotalMilliseconds:F0} ms");
    Console.WriteLine($"{RenderBenchmarks.Apps} apps ({files} files) rendered in {runs[2]:F0} ms (median of 5; min {runs[0]:F0}, max {runs[^1]:F0}) = {runs[2] / 10:F1} ms per hundred apps");
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(RenderBenchmarks).Assembly).Run(args);
