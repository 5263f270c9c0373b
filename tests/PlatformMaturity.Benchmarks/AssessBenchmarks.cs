using BenchmarkDotNet.Attributes;
using PlatformMaturity.Assess;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Benchmarks;

/// <summary>
/// pmctl assess on a large cluster: the bar is a 50,000-object JSON snapshot in under 3 s and 500 MiB
/// (peak memory is measured by assess-snapshot.sh with /usr/bin/time; this measures time and allocation), and a
/// YAML snapshot at a stated MB/s.
/// </summary>
[MemoryDiagnoser]
public class AssessBenchmarks
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pmctl-assess-bench");

    private string Json => Path.Combine(_dir, "cluster-50000.json");

    private string Yaml => Path.Combine(_dir, "cluster-10000.yaml");

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_dir);
        if (!File.Exists(Json))
            SyntheticCluster.WriteJson(Json, 50_000);
        if (!File.Exists(Yaml))
            SyntheticCluster.WriteYaml(Yaml, 10_000);
    }

    [Benchmark]
    public int AssessJson50000() => Assessor.Default.Assess(SnapshotReader.Read(Json, "cluster-50000.json")).Level;

    [Benchmark]
    public int AssessYaml10000() => Assessor.Default.Assess(SnapshotReader.Read(Yaml, "cluster-10000.yaml")).Level;
}
