using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Practices.Availability;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Level 5: a published SLA (the ConfigMap platform-sla that keeps the SLA document) resting on evaluated SLOs (Sloth).</summary>
public sealed class PlatformSlaEvidence : EvidenceRule
{
    public override string Practice => PlatformSla.PracticeName;
    public override IReadOnlyList<ApiKind> Reads => [Kinds.ConfigMap, Kinds.SlothServiceLevel];
    public override string Brings => "platform:sla and the SLA document (ConfigMap platform-sla) over the platform's Sloth SLOs";

    public override Finding Evaluate(ClusterView cluster)
    {
        // By name: a cluster shows the document whoever published it, with or without pmctl's labels.
        var documents = cluster.Of(Kinds.ConfigMap).Where(c => c.Name == PlatformSla.ConfigMapName).Select(c => $"ConfigMap {c.Id}").ToList();
        var slos = cluster.Of(Kinds.SlothServiceLevel).Select(s => $"PrometheusServiceLevel {s.Id}").ToList();
        return (documents.Count, slos.Count) switch
        {
            ( > 0, > 0) => Finding.Met("an SLA is published over evaluated objectives", documents.Concat(slos)),
            ( > 0, _) => Finding.Partial("an SLA is published but no objective is evaluated (no Sloth service levels)", documents),
            _ => Finding.Missing($"no published SLA (ConfigMap {PlatformSla.ConfigMapName})"),
        };
    }
}
