using System.Collections.Immutable;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Planning;

namespace PlatformMaturity.Core.Tests.Planning;

/// <summary>Changes that can break running workloads are found, with how the plan softens them and how to roll back.</summary>
public sealed class RisksTests
{
    private static readonly Provenance By = new("Test", 3);

    private static ResourceChange Change(ChangeKind kind, string name, string kind2, params (string Path, string? Before, string? After)[] settings) =>
        new(kind, name, kind2, "c", By, [.. settings.Select(s => new SettingChange(s.Path, s.Before, s.After, By))]);

    [Fact]
    public void Restricted_pod_security_is_a_risk_softened_by_staging()
    {
        var enforce = Change(ChangeKind.Change, "namespace-team-a", "Namespace", ("metadata.labels[\"pod-security.kubernetes.io/enforce\"]", null, "restricted"));
        var staged = Assert.Single(Risks.Find([], [enforce], [Enforcements.PodSecurityRestricted]));
        Assert.Equal(Enforcements.PodSecurityRestricted, staged.Id);
        Assert.StartsWith("Staged: phase 1", staged.Mitigation);
        Assert.Contains("platform:staged", staged.Rollback);
        Assert.StartsWith("Not staged", Assert.Single(Risks.Find([enforce], [], [])).Mitigation);
    }

    [Fact]
    public void A_default_deny_network_policy_is_a_risk_but_an_allow_policy_is_not()
    {
        var deny = Change(ChangeKind.Add, "networkpolicy-team-a-default-deny", "NetworkPolicy", ("spec.podSelector", null, "{}"), ("spec.policyTypes[0]", null, "Ingress"));
        var allow = Change(ChangeKind.Add, "networkpolicy-team-a-allow-dns", "NetworkPolicy", ("spec.podSelector", null, "{}"), ("spec.policyTypes[0]", null, "Ingress"),
            ("spec.ingress[0].from[0].podSelector", null, "{}"));
        Assert.Equal(["networkpolicy-team-a-default-deny"], Assert.Single(Risks.Find([deny, allow], [], [])).Resources.AsEnumerable());
    }

    [Fact]
    public void A_platform_namespace_default_deny_is_its_own_staged_risk()
    {
        var tenant = Change(ChangeKind.Add, "networkpolicy-team-a-default-deny-ingress", "NetworkPolicy", ("spec.podSelector", null, "{}"), ("spec.policyTypes[0]", null, "Ingress"));
        var platform = Change(ChangeKind.Add, $"networkpolicy-loki-{PlatformMaturity.Composition.PlatformNetworkPolicies.DefaultDeny}", "NetworkPolicy",
            ("spec.podSelector", null, "{}"), ("spec.policyTypes[0]", null, "Ingress"));
        var risks = Risks.Find([tenant, platform], [], [Enforcements.PlatformNetworkDefaultDeny]);
        Assert.Equal([Enforcements.NetworkDefaultDeny, Enforcements.PlatformNetworkDefaultDeny], risks.Select(r => r.Id));
        var platformRisk = risks.Single(r => r.Id == Enforcements.PlatformNetworkDefaultDeny);
        Assert.Equal([platform.Resource], platformRisk.Resources.AsEnumerable());
        Assert.StartsWith("Staged: phase 1", platformRisk.Mitigation);
        Assert.StartsWith("Not staged", risks.Single(r => r.Id == Enforcements.NetworkDefaultDeny).Mitigation);
    }

    [Fact]
    public void Changing_the_aks_network_profile_forces_cluster_replacement_and_vm_size_rotates_the_pool()
    {
        var change = Change(ChangeKind.Change, "aks", "azure:KubernetesCluster",
            ("NetworkProfile.NetworkPlugin", "kubenet", "azure"), ("DefaultNodePool.VmSize", "Standard_D2ds_v5", "Standard_D4ds_v5"), ("SkuTier", "Free", "Standard"));
        var risks = Risks.Find([change], [], []);
        Assert.Contains(risks, r => r.Id == "cluster-replacement" && r.Description.Contains("NetworkProfile.NetworkPlugin"));
        Assert.Contains(risks, r => r.Id == "node-pool-rotation" && r.Description.Contains("DefaultNodePool.VmSize"));
        Assert.DoesNotContain(risks, r => r.Description.Contains("SkuTier"));
    }

    [Fact]
    public void Denying_admission_policies_and_removals_are_risks()
    {
        var binding = Change(ChangeKind.Add, "vapb", "ValidatingAdmissionPolicyBinding", ("spec.validationActions[0]", null, "Deny"));
        var removed = Change(ChangeKind.Remove, "velero", "HelmRelease");
        var risks = Risks.Find([binding, removed], [], []);
        Assert.Contains(risks, r => r.Id == "admission-deny");
        Assert.Equal(["velero"], risks.Single(r => r.Id == "resources-destroyed").Resources.AsEnumerable());
    }

    [Fact]
    public void Going_from_level_1_to_2_never_replaces_the_aks_cluster()
    {
        var plan = UpgradePlanner.Default.Plan(PlanTestStacks.Raw(DeploymentTarget.Azure, 1, attested: true), new PlanRequest(2)).Plan;
        Assert.DoesNotContain(plan.Risks, r => r.Id == "cluster-replacement");
    }
}
