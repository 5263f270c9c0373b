using PlatformMaturity.Composition;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>Levels 1–2: people scale by hand, reading usage from metrics-server (built into AKS).</summary>
public sealed class ManualApplicationScaling : PracticeComponent
{
    public const string ReleaseName = MetricsServer.ReleaseName;

    public override string Practice => "Manual Application Scaling";

    public override Implementation Implementation => new(
        Existing: $"metrics-server (chart {Pins.MetricsServer.Version}, 2 replicas with a PodDisruptionBudget) so kubectl top shows usage; no autoscalers by design",
        Azure: "metrics-server is built into AKS, so kubectl top shows usage; no autoscalers by design");

    public override void Build(ComponentBuilder component)
    {
        MetricsServer.Add(component);
        component.Note("See usage with: kubectl top pods -n <tenant>");
        component.Note("Scale by hand with: kubectl scale deployment/<name> --replicas=<n> -n <tenant>");
    }
}
