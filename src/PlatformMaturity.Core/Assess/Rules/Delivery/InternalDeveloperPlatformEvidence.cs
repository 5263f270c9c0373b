using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Practices.Delivery;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>
/// Level 5: a developer portal (Backstage) in the cluster. The platform's portal shows its generated catalog (ConfigMap
/// backstage-catalog: the platform, the tenants and a software template per golden path) beside it; a portal without one
/// may still hold its catalog in Git, which a cluster cannot show, so its presence is what counts.
/// </summary>
public sealed class InternalDeveloperPlatformEvidence : EvidenceRule
{
    public override string Practice => InternalDeveloperPlatform.PracticeName;
    public override IReadOnlyList<ApiKind> Reads => WithComponents(Kinds.ConfigMap);
    public override string Brings => "Backstage with a software template per golden path";

    public override Finding Evaluate(ClusterView cluster)
    {
        if (cluster.Find(Components.Backstage) is not { } found)
            return Finding.Missing("no Backstage found");
        var catalog = cluster.Of(Kinds.ConfigMap).Where(c => c.Name == InternalDeveloperPlatform.CatalogConfigMap).Select(c => $"ConfigMap {c.Id}").ToList();
        return catalog.Count > 0
            ? Finding.Met("developer portal: Backstage with the platform's generated catalog and software templates", [.. found.Evidence, .. catalog])
            : Finding.Met("developer portal: Backstage (its catalog and templates are not visible in the cluster)", found.Evidence);
    }
}
