using PlatformMaturity.Composition;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>Level 1: no quotas or limits, by design; Level 2's Basic Resources Management brings them.</summary>
public sealed class UnmanagedClusterResources : PracticeComponent
{
    public override string Practice => "Unmanaged Cluster Resources";

    public override Implementation Implementation => Implementation.OnBothTargets(
        "No ResourceQuota or LimitRange, by design: workloads take what they ask for (Basic Resources Management adds them at Level 2)");

    public override void Build(ComponentBuilder component) =>
        component.Note("Nothing limits what a namespace consumes; watch kubectl top nodes and set requests on your workloads.");
}
