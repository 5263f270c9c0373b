using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// Levels 3–5: progressive delivery. Argo Rollouts runs canaries that golden paths opt into at Level 3 (default at 4),
/// with analysis against the platform's Prometheus.
/// </summary>
public sealed class AdvancedDeliveryProcesses : PracticeComponent
{
    public const string Namespace = "argo-rollouts";
    public const string ReleaseName = "argo-rollouts";
    public const string BasicPractice = "Basic Delivery Processes";
    public const string PracticeName = "Advanced Delivery Processes";

    /// <summary>
    /// The controller's pod labels (argo-rollouts chart 2.41.0, templates/controller/deployment.yaml: the selector labels
    /// app.kubernetes.io/name and instance, and app.kubernetes.io/component: controller.component, default rollouts-controller).
    /// It runs every AnalysisRun, so it is the client of the tenants' Prometheus proxies.
    /// </summary>
    public static readonly (string Key, string Value)[] ControllerPods =
        [("app.kubernetes.io/name", "argo-rollouts"), ("app.kubernetes.io/component", "rollouts-controller")];

    public override string Practice => PracticeName;

    public override Implementation Implementation => Implementation.OnBothTargets(
        $"Argo Rollouts (chart {Pins.ArgoRollouts.Version}): 2 controller replicas with a PodDisruptionBudget and a ServiceMonitor, CRDs kept on uninstall, no dashboard; golden paths opt into canaries with Prometheus analysis. From Level 4 (Basic Delivery Processes superseded) it keeps the platform gateway: " + PlatformGateway.Description);

    public override void Build(ComponentBuilder component)
    {
        // The platform gateway is Basic Delivery Processes' until Level 4 supersedes it; then this practice keeps it.
        if (!component.InEffect(BasicPractice))
            PlatformGateway.Add(component, component.Since(Model.MaturityModel.Default.Practice(BasicPractice).ListedAt[^1] + 1));
        component.AddPlatformNamespace(Namespace);
        component.AddRelease(ReleaseName, Namespace, Pins.ArgoRollouts, HelmValues.From(
                ("installCRDs", true),
                ("keepCRDs", true),
                ("controller.replicas", 2),
                ("controller.pdb.enabled", true),
                ("controller.pdb.minAvailable", 1),
                ("controller.metrics.enabled", true),
                ("controller.metrics.serviceMonitor.enabled", component.HasMonitoring),
                ("dashboard.enabled", false)),
            providesApiGroups: ["argoproj.io"], dependsOn: MonitoringStack.IfMonitored(component), createNamespace: false);
        component.Note($"Canary analyses query the tenant's own Prometheus proxy, never Prometheus itself: AnalysisTemplate provider prometheus.address {TenantMetricsProxies.Url("<tenant>")} (refused otherwise by {TenantMetricsPolicy.PolicyName}).");
        component.Note("Follow a rollout: kubectl argo rollouts get rollout <name> -n <tenant> --watch; abort: kubectl argo rollouts abort <name> -n <tenant>");
    }
}
