using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Availability;

/// <summary>Levels 3–5: every tenant namespace is in a scheduled backup (Velero Schedules).</summary>
public sealed class BasicDisasterRecoveryEvidence : EvidenceRule
{
    public override string Practice => "Basic Disaster Recovery";
    public override IReadOnlyList<ApiKind> Reads => WithTenants(Kinds.VeleroSchedule);
    public override string Brings => "Velero with a daily Schedule per tenant (platform:backup)";

    public override Finding Evaluate(ClusterView cluster) =>
        PerTenant(cluster, "a Velero Schedule", t => [.. Covering(cluster, t)]);

    internal static IEnumerable<string> Covering(ClusterView cluster, string ns) =>
        cluster.Of(Kinds.VeleroSchedule)
            .Where(s => !s.Items("spec", "template", "includedNamespaces").Any() || s.Items("spec", "template", "includedNamespaces").Any(n => n.GetString() is "*" || n.GetString() == ns))
            .Where(s => !s.Items("spec", "template", "excludedNamespaces").Any(n => n.GetString() == ns))
            .Select(s => $"Schedule {s.Id} ({s.Text("spec", "schedule")})");
}
