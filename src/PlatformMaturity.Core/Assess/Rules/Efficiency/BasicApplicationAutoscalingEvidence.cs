using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Efficiency;

/// <summary>Level 3: the resource metrics API (metrics-server) that HorizontalPodAutoscalers need.</summary>
public sealed class BasicApplicationAutoscalingEvidence : EvidenceRule
{
    public override string Practice => "Basic Application Autoscaling";
    public override IReadOnlyList<ApiKind> Reads => WithComponents(Kinds.ApiService, Kinds.HorizontalPodAutoscaler);
    public override string Brings => "metrics-server and HPAs in golden paths";

    public override Finding Evaluate(ClusterView cluster)
    {
        var metrics = cluster.Find(Components.MetricsServer)?.Evidence.ToList() ?? [];
        metrics.AddRange(cluster.Of(Kinds.ApiService).Where(a => a.Name == "v1beta1.metrics.k8s.io" && a.At("spec", "service") is { ValueKind: System.Text.Json.JsonValueKind.Object }).Select(a => $"APIService {a.Name}"));
        var hpas = cluster.Of(Kinds.HorizontalPodAutoscaler).Select(h => $"HorizontalPodAutoscaler {h.Id}").ToList();
        return metrics.Count > 0
            ? Finding.Met($"the resource metrics API is served; {hpas.Count} HorizontalPodAutoscalers", metrics.Concat(hpas))
            : Finding.Missing($"no metrics-server (resource metrics API): HorizontalPodAutoscalers cannot scale on CPU{(hpas.Count > 0 ? $" ({hpas.Count} exist)" : "")}");
    }
}
