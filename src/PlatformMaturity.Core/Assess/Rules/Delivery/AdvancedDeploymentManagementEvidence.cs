using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Snapshot;

namespace PlatformMaturity.Assess.Rules.Delivery;

/// <summary>Levels 3–5: workloads carry probes (required by an admission policy, or present on every tenant Deployment).</summary>
public sealed class AdvancedDeploymentManagementEvidence : EvidenceRule
{
    public override string Practice => "Advanced Deployment Management";
    public override IReadOnlyList<ApiKind> Reads => WithTenants(Kinds.ValidatingAdmissionPolicy, Kinds.KyvernoClusterPolicy);
    public override string Brings => "probe, revision-history and topology-spread policies; PDBs and probes in golden paths";

    public override Finding Evaluate(ClusterView cluster)
    {
        var policies = AdmissionPolicies.Mentioning(cluster, "readinessProbe", "livenessProbe");
        if (policies.Count > 0)
            return Finding.Met("an admission policy requires probes", policies);
        var deployments = cluster.TenantNamespaces.SelectMany(t => cluster.InNamespace(Kinds.Deployment, t)).ToList();
        if (deployments.Count == 0)
            return Finding.Missing("no admission policy requires probes and no tenant Deployment to check");
        var probed = deployments.Where(d => d.Items("spec", "template", "spec", "containers").All(c => c.TryGetProperty("readinessProbe", out _) && c.TryGetProperty("livenessProbe", out _)))
            .Select(d => $"Deployment {d.Id} (probes)").ToList();
        var why = $"{probed.Count} of {deployments.Count} tenant Deployments have readiness and liveness probes";
        return probed.Count == deployments.Count ? Finding.Met(why, probed) : probed.Count == 0 ? Finding.Missing(why) : Finding.Partial(why, probed);
    }
}
