using System.Collections.Immutable;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Security;

namespace PlatformMaturity.Planning;

/// <summary>Finds the changes of a plan that can break running workloads.</summary>
public static class Risks
{
    private const string EnforceLabel = "metadata.labels[\"pod-security.kubernetes.io/enforce\"]";

    /// <summary>AKS settings whose change makes Azure replace the whole cluster.</summary>
    private static readonly string[] ClusterReplacing = ["ClusterName", "Location", "ResourceGroup", "DnsPrefix", "NetworkProfile", "DefaultNodePool.Name", "PrivateClusterEnabled"];

    /// <summary>System pool settings whose change rotates the pool (nodes drained and replaced).</summary>
    private static readonly string[] PoolRotating = ["DefaultNodePool.VmSize", "DefaultNodePool.Zones", "DefaultNodePool.OsSku", "DefaultNodePool.HostEncryptionEnabled",
        "DefaultNodePool.OnlyCriticalAddonsEnabled"];

    /// <param name="promoting">The changes promote staged enforcements: they enforce what the staged phase only reported.</param>
    public static ImmutableArray<Risk> Find(IReadOnlyList<ResourceChange> phase1, IReadOnlyList<ResourceChange> phase2, IReadOnlyList<string> staged, bool promoting = false)
    {
        var risks = new List<Risk>();
        var all = phase1.Concat(phase2).ToList();

        var enforceLabels = all.Where(c => c.Kind != ChangeKind.Remove && c.ResourceKind == "Namespace" && c.Settings.Any(s => s.Path == EnforceLabel && s.After is not null)).ToList();
        var platformPodSecurity = enforceLabels.Where(IsPlatformNamespace).ToList();
        if (platformPodSecurity.Count > 0)
            risks.Add(EnforcementRisk(Enforcements.PlatformPodSecurity, staged, promoting, platformPodSecurity,
                "Platform pods that break the Pod Security level documented for their namespace are refused"));

        var podSecurity = enforceLabels.Where(c => !IsPlatformNamespace(c) && c.Settings.Any(s => s.Path == EnforceLabel && s.After == "restricted")).ToList();
        if (podSecurity.Count > 0)
            risks.Add(EnforcementRisk(Enforcements.PodSecurityRestricted, staged, promoting, podSecurity,
                "Pods that break the restricted Pod Security Standard (root, privilege escalation, host access, no seccomp) are refused in tenant namespaces"));

        var defaultDeny = all.Where(c => c.Kind == ChangeKind.Add && c.ResourceKind == "NetworkPolicy" && IsDefaultDeny(c)).ToList();
        var platformDeny = defaultDeny.Where(c => c.Resource.EndsWith("-" + PlatformNetworkPolicies.DefaultDeny, StringComparison.Ordinal)).ToList();
        var tenantDeny = defaultDeny.Except(platformDeny).ToList();
        if (tenantDeny.Count > 0)
            risks.Add(EnforcementRisk(Enforcements.NetworkDefaultDeny, staged, promoting, tenantDeny,
                "Traffic into tenant namespaces that no allow policy permits is dropped"));
        if (platformDeny.Count > 0)
            risks.Add(EnforcementRisk(Enforcements.PlatformNetworkDefaultDeny, staged, promoting, platformDeny,
                "Traffic into platform namespaces from anything but their documented clients is dropped (a client the rules miss loses its connection)"));

        var quotas = all.Where(c => c.Kind == ChangeKind.Add && c.ResourceKind == "ResourceQuota").ToList();
        if (quotas.Count > 0)
            risks.Add(EnforcementRisk(Enforcements.TenantQuota, staged, promoting, quotas,
                "Pods, volume claims and LoadBalancer or NodePort Services beyond a tenant's quota are refused (rollouts stall when a new ReplicaSet does not fit)"));

        var denyingPolicies = all.Where(c => c.Kind != ChangeKind.Remove && c.ResourceKind == "ValidatingAdmissionPolicyBinding"
            && c.Settings.Any(s => s.Path.StartsWith("spec.validationActions", StringComparison.Ordinal) && s.After == "Deny")).ToList();
        var registries = denyingPolicies.Where(c => c.Resource.EndsWith("-" + AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy, StringComparison.Ordinal)).ToList();
        if (registries.Count > 0)
            risks.Add(EnforcementRisk(Enforcements.AllowedRegistries, staged, promoting, registries,
                "Tenant pods with an image from a registry outside platform:allowedRegistries are refused"));
        var metricsAddress = denyingPolicies.Where(c => c.Resource.EndsWith("-" + Practices.Availability.TenantMetricsPolicy.PolicyName, StringComparison.Ordinal)).ToList();
        if (metricsAddress.Count > 0)
            risks.Add(EnforcementRisk(Enforcements.TenantMetricsAddress, staged, promoting, metricsAddress,
                "Tenant AnalysisTemplates and KEDA triggers that query anything but their own Prometheus proxy are refused (a canary or scaler created before is not re-checked until it changes)"));
        var otherDenying = denyingPolicies.Except(registries).Except(metricsAddress).ToList();
        if (otherDenying.Count > 0)
        {
            risks.Add(new Risk("admission-deny", "Admission policies start refusing requests that break them",
                [.. otherDenying.Select(c => c.Resource)],
                "Bindings first run with validationActions [Warn, Audit]; check the audit annotations before denying",
                "set the bindings' validationActions back to [Warn, Audit] and run pulumi up"));
        }

        var runCommandOff = all.Where(c => c.Kind != ChangeKind.Remove && c.ResourceKind == "azure:KubernetesCluster"
            && c.Settings.Any(s => s.Path == "RunCommandEnabled" && string.Equals(s.After, "false", StringComparison.OrdinalIgnoreCase))).ToList();
        if (runCommandOff.Count > 0)
            risks.Add(EnforcementRisk(Enforcements.RunCommandDisabled, staged, promoting, runCommandOff,
                "az aks command invoke is refused: whoever reached the cluster through it (outside the authorized ranges) loses access"));

        foreach (var change in all.Where(c => c.Kind == ChangeKind.Change && c.ResourceKind == "azure:KubernetesCluster"))
        {
            var replacing = change.Settings.Where(s => ClusterReplacing.Any(p => s.Path == p || s.Path.StartsWith(p + ".", StringComparison.Ordinal))).ToList();
            if (replacing.Count > 0)
            {
                risks.Add(new Risk("cluster-replacement",
                    $"Changing {string.Join(", ", replacing.Select(s => s.Path))} makes Azure replace the AKS cluster: every workload and in-cluster state is lost",
                    [change.Resource],
                    "Provision a new stack at the target level beside this one and move workloads over, instead of upgrading in place",
                    "none in place: restore workloads from backups into the replacement cluster"));
            }
            var rotating = change.Settings.Where(s => PoolRotating.Any(p => s.Path == p || s.Path.StartsWith(p + "[", StringComparison.Ordinal))).ToList();
            if (rotating.Count > 0)
            {
                // Pulumi changes the cluster before it creates a pool that needs the cluster's id, so the workloads the
                // rotation evicts wait for the new user pool.
                var tainting = rotating.Any(s => s.Path == "DefaultNodePool.OnlyCriticalAddonsEnabled" && string.Equals(s.After, "true", StringComparison.OrdinalIgnoreCase))
                    ? "; from then on it runs only critical add-ons, so other pods move to the user node pool, which is created right after (until it is ready they wait as Pending)"
                    : "";
                risks.Add(new Risk("node-pool-rotation",
                    $"Changing {string.Join(", ", rotating.Select(s => s.Path).Distinct())} rotates the system node pool: every node is drained and replaced{tainting}",
                    [change.Resource],
                    "AKS rotates through the temporary pool, honouring PodDisruptionBudgets; run 2+ replicas with PDBs and apply in a maintenance window",
                    "set the previous values in the stack and run pulumi up (another rotation)"));
            }
        }

        var removed = all.Where(c => c.Destroys).ToList();
        if (removed.Count > 0)
        {
            risks.Add(new Risk("resources-destroyed",
                $"{Text.Counted.Of(removed.Count, "resource")} {(removed.Count == 1 ? "is" : "are")} destroyed, with whatever state {(removed.Count == 1 ? "it holds" : "they hold")}",
                [.. removed.Select(c => c.Resource)],
                "Back up what they hold first (Velero backups, registry images, Key Vault secrets); pmctl upgrade refuses a downgrade without --allow-downgrade",
                "upgrade again to recreate them; their state comes back only from backups"));
        }

        var retained = all.Where(c => c.Retains).ToList();
        if (retained.Count > 0)
        {
            risks.Add(new Risk("resources-retained",
                $"{Text.Counted.Of(retained.Count, "resource")} {(retained.Count == 1 ? "is" : "are")} {ResourceChange.RetainedText}, not destroyed: " +
                $"Pulumi forgets {(retained.Count == 1 ? "it" : "them")}, so what {(retained.Count == 1 ? "it holds" : "they hold")} stays, and Azure keeps billing",
                [.. retained.Select(c => c.Resource)],
                "Nothing is lost; once the data is no longer needed, delete them in Azure yourself (az resource delete --ids …)",
                "upgrade again: Pulumi creates new, empty ones beside them; to reuse a retained one instead, pulumi import it into the stack first"));
        }
        return [.. risks];
    }

    private static Risk EnforcementRisk(string id, IReadOnlyList<string> staged, bool promoting, IReadOnlyList<ResourceChange> changes, string description)
    {
        var enforcement = Enforcements.Find(id)!;
        var mitigation = promoting
            ? $"This promotion enforces it: {enforcement.Enforced}. Before promoting, check what the staged phase reported (warnings on kubectl apply, audit annotations)"
            : staged.Contains(id)
                ? $"Staged: phase 1 {enforcement.Staged}; phase 2 (after pmctl upgrade <stack> --promote) {enforcement.Enforced}"
                : $"Not staged: {enforcement.Enforced} as soon as it is applied";
        return new Risk(id, description, [.. changes.Select(c => c.Resource)], mitigation, enforcement.Rollback);
    }

    private static bool IsPlatformNamespace(ResourceChange change) =>
        PodSecurity.PlatformNamespaceLevels.Keys.Any(ns => change.Resource == $"namespace-{ns}" || change.Resource.EndsWith($"-namespace-{ns}", StringComparison.Ordinal));

    private static bool IsDefaultDeny(ResourceChange change)
    {
        var settings = change.Settings.ToDictionary(s => s.Path, s => s.After);
        return settings.GetValueOrDefault("spec.podSelector") == "{}"
               && settings.ContainsValue("Ingress")
               && !settings.Keys.Any(k => k.StartsWith("spec.ingress[", StringComparison.Ordinal));
    }
}
