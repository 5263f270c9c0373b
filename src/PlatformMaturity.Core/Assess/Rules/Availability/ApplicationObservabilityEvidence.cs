using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Levels 3–5: applications are instrumented (OpenTelemetry) and traces have a backend.</summary>
public sealed class ApplicationObservabilityEvidence : EvidenceRule
{
    public override string Practice => "Application Observability";
    public override IReadOnlyList<ApiKind> Reads => WithComponents(Kinds.OtelInstrumentation);
    public override string Brings => "OpenTelemetry Operator, a collector, Instrumentation per tenant and Tempo";

    public override Finding Evaluate(ClusterView cluster)
    {
        var instrumentation = cluster.Find(Components.OtelOperator)?.Evidence.ToList() ?? [];
        instrumentation.AddRange(cluster.Of(Kinds.OtelInstrumentation).Select(i => $"Instrumentation {i.Id}"));
        return Finding.OfParts(
        [
            ("instrumentation", instrumentation.Count > 0 ? new Sighting("OpenTelemetry", instrumentation) : null),
            ("trace backend", cluster.Find(Components.TraceBackend)),
        ]);
    }
}
