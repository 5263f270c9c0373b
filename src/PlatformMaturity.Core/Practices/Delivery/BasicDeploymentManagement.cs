using PlatformMaturity.Composition;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>Levels 1–2: rolling updates and manual rollback with kubectl.</summary>
public sealed class BasicDeploymentManagement : PracticeComponent
{
    public override string Practice => "Basic Deployment Management";

    public override Implementation Implementation => Implementation.OnBothTargets(
        "Deployments with the RollingUpdate strategy; rollback by hand with kubectl rollout undo");

    public override void Build(ComponentBuilder component)
    {
        component.Note("Watch a rollout: kubectl rollout status deployment/<name> -n <tenant>");
        component.Note("Roll back: kubectl rollout undo deployment/<name> -n <tenant> (history: kubectl rollout history deployment/<name>)");
    }
}
