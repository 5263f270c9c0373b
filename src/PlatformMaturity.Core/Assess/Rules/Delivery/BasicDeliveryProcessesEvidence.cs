using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>Levels 1–3: applications can be delivered and reached: an ingress or gateway controller.</summary>
public sealed class BasicDeliveryProcessesEvidence : EvidenceRule
{
    public override string Practice => "Basic Delivery Processes";
    public override IReadOnlyList<ApiKind> Reads => WithComponents(Kinds.GatewayClass, Kinds.IngressClass);
    public override string Brings => "pmctl init --level 1 (Envoy Gateway, platform:ingressNamespace)";

    public override Finding Evaluate(ClusterView cluster)
    {
        var ways = cluster.Of(Kinds.GatewayClass).Select(g => $"GatewayClass {g.Name}")
            .Concat(cluster.Of(Kinds.IngressClass).Select(i => $"IngressClass {i.Name}"))
            .Concat(cluster.Find(Components.IngressControllers)?.Evidence ?? []).ToList();
        return ways.Count > 0
            ? Finding.Met("applications have a way in (gateway or ingress)", ways)
            : Finding.Missing("no GatewayClass, IngressClass or ingress controller: applications cannot be reached");
    }
}
