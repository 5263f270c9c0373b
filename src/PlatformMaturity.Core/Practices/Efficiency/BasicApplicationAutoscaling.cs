using PlatformMaturity.Composition;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>
/// Level 3 (supersedes Manual Application Scaling): workloads scale on CPU with HorizontalPodAutoscalers, fed by
/// metrics-server (installed on existing, built into AKS). The golden paths emit the HPAs.
/// </summary>
public sealed class BasicApplicationAutoscaling : PracticeComponent
{
    public override string Practice => "Basic Application Autoscaling";

    public override Implementation Implementation => new(
        Existing: $"metrics-server (chart {Pins.MetricsServer.Version}, 2 replicas with a PodDisruptionBudget, taken over from Manual Application Scaling) serving the resource metrics HorizontalPodAutoscalers scale on; golden paths add a CPU HPA",
        Azure: "AKS' built-in metrics-server serves the resource metrics HorizontalPodAutoscalers scale on; golden paths add a CPU HPA");

    public override void Build(ComponentBuilder component)
    {
        MetricsServer.Add(component);
        component.Note("Scale a Deployment on CPU: kubectl autoscale deployment/<name> --cpu-percent=70 --min=2 --max=10 -n <tenant> (the golden paths emit the same HorizontalPodAutoscaler).");
        component.Note("An HPA needs CPU requests on the pods it scales; check it with kubectl get hpa -n <tenant> (TARGETS shows <unknown> without them).");
    }
}
