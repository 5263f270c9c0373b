using PlatformMaturity.Composition;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// Levels 1–3: delivery is a documented manual step, applying manifests with kubectl; what is delivered is reached
/// through the platform gateway (<see cref="PlatformGateway"/>), which this practice owns until Advanced Delivery
/// Processes supersedes it.
/// </summary>
public sealed class BasicDeliveryProcesses : PracticeComponent
{
    public override string Practice => "Basic Delivery Processes";

    public override Implementation Implementation => Implementation.OnBothTargets(
        "Documented manual delivery: render an application's manifests and apply them with kubectl apply -k; apps are reached through the platform gateway: " + PlatformGateway.Description);

    public override void Build(ComponentBuilder component)
    {
        PlatformGateway.Add(component);
        component.Note("Deliver an application by hand: kubectl apply -k <app-dir> -n <tenant>");
        component.Note("Check what would change first: kubectl diff -k <app-dir> -n <tenant>");
    }
}
