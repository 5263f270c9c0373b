using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Security;

/// <summary>Level 2: AKS applies Kubernetes patch releases and node images by itself, inside a weekly maintenance window.</summary>
public sealed class BasicClusterUpdates : PracticeComponent
{
    /// <summary>Patch releases only: a minor-version upgrade stays a decision people make (Automated Node Provisioning goes further at Level 3).</summary>
    public const string UpgradeChannel = "patch";

    public const string NodeOsChannel = "NodeImage";

    public override string Practice => "Basic Cluster Updates";

    public override Implementation Implementation => new(
        Existing: "Not applicable: the cluster's owner upgrades it",
        Azure: $"AKS automatic upgrades: Kubernetes patch releases (channel {UpgradeChannel}) and weekly node images (channel {NodeOsChannel}), both inside platform:maintenanceWindow");

    public override string? NotApplicableReason(DeploymentTarget target) => target == DeploymentTarget.Existing
        ? "the existing cluster is upgraded by whoever runs it (kind, minikube, your provider); the platform cannot change its control plane or nodes (see its version with kubectl version)"
        : null;

    public override void Build(ComponentBuilder component)
    {
        var window = component.Config.MaintenanceWindow;
        var weekly = new MaintenanceWindow("Weekly", 1, window.DurationHours, window.DayOfWeek, window.StartTime, window.UtcOffset);
        component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
        {
            AutomaticUpgradeChannel = UpgradeChannel,
            NodeOsUpgradeChannel = NodeOsChannel,
            MaintenanceWindowAutoUpgrade = weekly,
            MaintenanceWindowNodeOs = weekly,
        });
        component.Note($"AKS upgrades Kubernetes patch releases and node images on {window.DayOfWeek}s from {window.StartTime} (UTC{window.UtcOffset}) for {window.DurationHours} hours; change the window with {ConfigKeys.MaintenanceWindow.FullName}.");
        component.Note("Minor versions stay manual: az aks get-upgrades --resource-group <group> --name <cluster>, then raise platform:kubernetesVersion and run pulumi up.");
    }
}
