using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>Levels 1–2: people scale by hand, reading usage from metrics-server (built into AKS).</summary>
public sealed class ManualApplicationScaling : PracticeComponent
{
    public const string ReleaseName = "metrics-server";

    public override string Practice => "Manual Application Scaling";

    public override Implementation Implementation => new(
        Existing: $"metrics-server (chart {Pins.MetricsServer.Version}, 2 replicas with a PodDisruptionBudget) so kubectl top shows usage; no autoscalers by design",
        Azure: "metrics-server is built into AKS, so kubectl top shows usage; no autoscalers by design");

    public override void Build(ComponentBuilder component)
    {
        if (component.Config.Target == DeploymentTarget.Existing)
        {
            component.AddRelease(ReleaseName, PlatformNamespaces.KubeSystem, Pins.MetricsServer, HelmValues.From(
                ("image.tag", Pins.MetricsServerImageTag),
                ("replicas", 2),
                ("podDisruptionBudget.enabled", true),
                ("podDisruptionBudget.minAvailable", 1)));
        }
        component.Note("See usage with: kubectl top pods -n <tenant>");
        component.Note("Scale by hand with: kubectl scale deployment/<name> --replicas=<n> -n <tenant>");
    }
}
