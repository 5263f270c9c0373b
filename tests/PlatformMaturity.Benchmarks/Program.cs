using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/PlatformMaturity.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(PlatformMaturity.Benchmarks.PlanningBenchmarks).Assembly).Run(args);
