using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Efficiency;

/// <summary>Levels 4–5: PriorityClasses for the platform's tiers and rightsizing from VPA recommendations.</summary>
public sealed class AdvancedResourcesManagementEvidence : EvidenceRule
{
    public override string Practice => "Advanced Resources Management";
    public override IReadOnlyList<ApiKind> Reads => WithComponents(Kinds.PriorityClass);
    public override string Brings => "PriorityClasses and Goldilocks over VPA recommendations";

    public override Finding Evaluate(ClusterView cluster)
    {
        var classes = cluster.Of(Kinds.PriorityClass).Where(p => !p.Name.StartsWith("system-", StringComparison.Ordinal)).Select(p => $"PriorityClass {p.Name}").ToList();
        return Finding.OfParts(
        [
            ("priority classes", classes.Count > 0 ? new Sighting("PriorityClasses", classes) : null),
            ("rightsizing recommendations", cluster.Find(Components.Vpa)),
        ]);
    }
}
