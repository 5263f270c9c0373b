using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace PlatformMaturity.Cli;

/// <summary>
/// PMCTL_TRACE=1 prints, on stderr when the command ends, where a run's time went: the runtime's start before Main,
/// the command itself, and the JIT, assembly loading and GC inside it. It measures start-up work that no profiler
/// shows cheaply (a JIT-compiled method is paid on every run of a short-lived CLI), and costs nothing when unset.
/// </summary>
internal sealed class StartupTrace
{
    public const string Variable = "PMCTL_TRACE";

    private readonly Stopwatch _main = Stopwatch.StartNew();
    private readonly List<(string Phase, double Ms)> _phases = [];

    private StartupTrace()
    {
    }

    public static StartupTrace? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is "1" or "true" ? new StartupTrace() : null;

    /// <summary>Marks the end of a phase (its time is since the previous mark).</summary>
    public void Mark(string phase) => _phases.Add((phase, _main.Elapsed.TotalMilliseconds));

    public void Write(TextWriter error)
    {
        var total = _main.Elapsed.TotalMilliseconds;
        var sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        var c = CultureInfo.InvariantCulture;
        error.WriteLine(string.Create(c, $"pmctl trace: {sinceStart:F0} ms since the process started; runtime start before Main {sinceStart - total:F0} ms, Main {total:F0} ms"));
        var previous = 0.0;
        foreach (var (phase, at) in _phases)
        {
            error.WriteLine(string.Create(c, $"pmctl trace:   {phase,-28} {at - previous,7:F1} ms"));
            previous = at;
        }
        error.WriteLine(string.Create(c, $"pmctl trace: JIT {System.Runtime.JitInfo.GetCompiledMethodCount()} methods in {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms; {AppDomain.CurrentDomain.GetAssemblies().Length} assemblies loaded"));
        error.WriteLine(string.Create(c, $"pmctl trace: GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen0/1/2), {GC.GetTotalAllocatedBytes() / 1048576.0:F1} MiB allocated, {GCSettings.IsServerGC switch { true => "server", false => "workstation" }} GC; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F1} MiB"));
    }
}
