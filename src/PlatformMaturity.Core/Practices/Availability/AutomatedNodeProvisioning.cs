using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Levels 3–5 (supersedes Basic Cluster Updates): AKS keeps nodes healthy and current by itself — auto-repair,
/// node images and Kubernetes upgrades on the stable channel inside the maintenance window, pools autoscaled.
/// </summary>
public sealed class AutomatedNodeProvisioning : PracticeComponent
{
    public override string Practice => "Automated Node Provisioning";

    public override Implementation Implementation => new(
        Existing: "not applicable",
        Azure: "AKS settings: automatic upgrade channel stable, node OS channel NodeImage, both in the weekly window of platform:maintenanceWindow; auto-repair is built into AKS; node pools autoscale with Cluster Autoscaling");

    public override string? NotApplicableReason(DeploymentTarget target) => target == DeploymentTarget.Existing
        ? "the nodes of an existing cluster are provisioned, repaired and upgraded by whoever runs it (kind, minikube, a cloud's node groups); the platform cannot manage them"
        : null;

    public override void Build(ComponentBuilder component)
    {
        var window = component.Config.MaintenanceWindow;
        var aks = new MaintenanceWindow("Weekly", 1, window.DurationHours, window.DayOfWeek, window.StartTime, window.UtcOffset);
        // With a fleet (Multi-cluster Platform, Level 5) the fleet's update runs upgrade Kubernetes region by region; a
        // cluster on its own channel would upgrade outside those stages, so the channel stays off there.
        var fleet = component.Implements(WellKnown.MultiClusterPlatform);
        component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
        {
            AutomaticUpgradeChannel = fleet ? null : "stable",
            NodeOsUpgradeChannel = "NodeImage",
            MaintenanceWindowAutoUpgrade = aks,
            MaintenanceWindowNodeOs = aks,
        });
        if (fleet)
            component.Note($"Kubernetes versions: the fleet's update runs (Multi-cluster Platform), not a cluster channel; node images every {window.DayOfWeek} from {window.StartTime} (UTC{window.UtcOffset}) for {window.DurationHours} hours.");
        else
        component.Note($"AKS upgrades Kubernetes (stable channel: the latest patch of the previous minor) and node images every {window.DayOfWeek} from {window.StartTime} (UTC{window.UtcOffset}) for {window.DurationHours} hours; change the window with {ConfigKeys.MaintenanceWindow.FullName}.");
        component.Note("AKS repairs unhealthy nodes by itself (auto-repair); watch upgrades with: az aks show -g <group> -n <cluster> --query '{k8s:currentKubernetesVersion,state:provisioningState}'");
    }
}
