using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Planning;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Security;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Planning;

/// <summary>Every enforcing control of Levels 1–3 arrives staged (warn/audit) and enforces only after promotion.</summary>
public sealed class StagedEnforcementTests
{
    private static IEnumerable<KubernetesResource> Objects(PlatformGraph graph) => graph.Resources.OfType<KubernetesResource>();

    private static string? MtlsMode(CustomObject peer) => peer.Spec is { } spec ? spec["mtls"]?["mode"]?.GetValue<string>() : null;

    private static string? AuthorizationAction(CustomObject policy) => policy.Spec is { } spec ? spec["action"]?.GetValue<string>() : null;

    /// <summary>What refuses or drops a request: the kinds of control an upgrade must stage.</summary>
    private static IEnumerable<string> EnforcingObjects(PlatformGraph graph)
    {
        foreach (var resource in Objects(graph))
        {
            switch (resource.Object)
            {
                case V1ValidatingAdmissionPolicyBinding binding when binding.Spec.ValidationActions.Contains("Deny"):
                    yield return resource.Name;
                    break;
                case V1Namespace ns when ns.Metadata.Labels?.ContainsKey(PodSecurity.Enforce) == true:
                    yield return resource.Name;
                    break;
                case V1ResourceQuota:
                    yield return resource.Name;
                    break;
                // A Capsule tenant that allows only some classes refuses the others in the namespaces teams create.
                case CustomObject { Kind: "Tenant", Spec: { } tenantSpec } when tenantSpec.ContainsKey("storageClasses") || tenantSpec.ContainsKey("priorityClasses"):
                    yield return resource.Name;
                    break;
                // A production chaos schedule that is not paused injects faults (kills pods) in its windows.
                case CustomObject { Kind: "Schedule" } schedule when schedule.Metadata.Labels?.ContainsKey(ChaosEngineeringInProduction.ScheduleLabel) == true
                                                                     && schedule.Metadata.Annotations?.ContainsKey(ChaosEngineeringInProduction.PauseAnnotation) != true:
                case CustomObject { Kind: "ImageValidatingPolicy" } policy when policy.Spec!["validationActions"]!.AsArray().Any(a => a!.GetValue<string>() == "Deny"):
                    yield return resource.Name;
                    break;
                case V1NetworkPolicy policy when policy.Spec.PolicyTypes.Contains("Ingress") && (policy.Spec.Ingress is null || policy.Spec.Ingress.Count == 0):
                case V1NetworkPolicy egress when egress.Spec.PolicyTypes.Contains("Egress") && egress.Spec.PodSelector.MatchLabels is null && egress.Spec.PodSelector.MatchExpressions is null
                                                 && (egress.Spec.Egress is null || egress.Spec.Egress.Count == 0):
                    yield return resource.Name;
                    break;
                // Mesh controls: STRICT mutual TLS refuses plain-text callers; an ALLOW or DENY AuthorizationPolicy refuses requests.
                case CustomObject { Kind: "PeerAuthentication" } peer when MtlsMode(peer) == "STRICT":
                // (A dry-run policy only logs what it would decide.)
                case CustomObject { Kind: "AuthorizationPolicy" } authz when AuthorizationAction(authz) is "ALLOW" or "DENY" or null
                                                                           && (authz.Metadata.Annotations is not { } notes || !notes.TryGetValue(ZeroTrustEnvironment.DryRunAnnotation, out var dry) || dry != "true"):
                    yield return resource.Name;
                    break;
            }
        }
        // Azure settings that refuse: with local accounts disabled only Entra ID identities get in.
        foreach (var cluster in graph.Resources.OfType<PlatformMaturity.Graph.Azure.KubernetesCluster>().Where(c => c.LocalAccountDisabled == true))
            yield return cluster.Name + ".LocalAccountDisabled";
        // Azure Policy assignments whose effect is Deny: Azure refuses non-compliant resources.
        foreach (var assignment in graph.Resources.OfType<PlatformMaturity.Graph.Azure.ResourceGroupPolicyAssignment>().Where(a => a.Parameters.GetValueOrDefault("effect") == "Deny"))
            yield return assignment.Name;
        // AKS settings that refuse: with run command off nobody runs commands through the Azure control plane.
        foreach (var cluster in graph.Resources.OfType<PlatformMaturity.Graph.Azure.KubernetesCluster>().Where(c => c.RunCommandEnabled == false))
            yield return cluster.Name + ".RunCommandEnabled";
    }

    [Theory]
    [MemberData(nameof(LevelsOneToThree))]
    public void With_every_enforcement_staged_nothing_at_levels_1_to_3_refuses_or_drops(DeploymentTarget target, int level)
    {
        var graph = Compose(For(target, level) with { Staged = [.. Enforcements.All.Select(e => e.Id)] });
        Assert.Empty(EnforcingObjects(graph));
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Each_enforcement_changes_what_its_level_builds_and_promotion_makes_it_enforce(DeploymentTarget target)
    {
        foreach (var enforcement in Enforcements.All)
        {
            // The level its practice arrives at, where an upgrade stages it.
            var practice = PlatformMaturity.Model.MaturityModel.Default.Practice(enforcement.Practice);
            var level = practice.FirstLevel;
            // An AKS setting changes nothing on an existing cluster.
            if (!enforcement.AppliesTo(target))
                continue;
            // A control of a practice that does not apply to the target (e.g. Azure-only access auditing) builds nothing there.
            if (Composer.Default.StatusOf(practice, carried: false, target).State == PracticeState.NotApplicable)
                continue;
            // With an Entra ID admin group, which disabling local accounts needs (someone must still administer the
            // cluster), a GitOps repository and signers, so the hand-over and signature checks have something to stage.
            var config = For(target, level) with
            {
                AdminGroupObjectIds = target == DeploymentTarget.Azure ? ["6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"] : For(target, level).AdminGroupObjectIds,
                GitOps = GitOpsConfig.Default with { RepoUrl = "https://github.com/acme/platform.git" },
                ImageSigning = ImageSigningConfig.Default with { Identities = ["https://github.com/acme/shop/.github/workflows/shop.yaml@refs/heads/main"] },
            };
            // Production chaos applies only to a prod stack that asks for it and names tenants that opt in.
            if (enforcement.Id == Enforcements.ProductionChaos)
                config = config with { Environment = EnvironmentKind.Prod, ChaosRequested = true, ProductionChaos = new ProductionChaosConfig(["team-a"], ProductionChaosConfig.DefaultSchedule, ProductionChaosConfig.DefaultDuration) };
            var enforced = Compose(config);
            var staged = Compose(config with { Staged = [enforcement.Id] });
            var changes = GraphDiff.Between(staged, enforced);
            Assert.True(changes.Length > 0, $"{enforcement.Id} is in Enforcements.All but no practice builds anything different while it is staged");
            if (enforcement.Refuses)
                Assert.True(EnforcingObjects(enforced).Count() > EnforcingObjects(staged).Count(), $"{enforcement.Id}: promotion must add something that refuses or drops");
        }
    }

    [Fact]
    public void Upgrading_2_to_3_stages_the_registry_allow_list_as_warn_and_audit_and_promotion_denies()
    {
        var raw = PlanTestStacks.Raw(DeploymentTarget.Existing, 2, attested: true);
        var planner = UpgradePlanner.Default;
        var (plan, writes) = planner.Plan(raw, new PlanRequest(3));

        var upgraded = LevelChange.Apply(raw, writes);
        var config = PlatformConfigParser.ParseOrThrow(upgraded, "Pulumi.test.yaml");
        Assert.Contains(Enforcements.AllowedRegistries, config.Staged);
        Assert.Contains(Enforcements.PlatformPodSecurity, config.Staged);
        Assert.Contains(Enforcements.PodSecurityRestricted, config.Staged);
        Assert.Equal(["Warn", "Audit"], Binding(Compose(config)).Spec.ValidationActions);
        var risk = Assert.Single(plan.Risks, r => r.Id == Enforcements.AllowedRegistries);
        Assert.StartsWith("Staged: phase 1", risk.Mitigation);
        Assert.Contains(plan.Steps, s => s.Phase == 2 && s.Resources.Any(r => r.EndsWith(AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy, StringComparison.Ordinal)));

        var (_, promotion) = planner.PlanPromotion(upgraded);
        var promoted = PlatformConfigParser.ParseOrThrow(LevelChange.Apply(upgraded, promotion), "Pulumi.test.yaml");
        Assert.Empty(promoted.Staged);
        Assert.Equal(["Deny"], Binding(Compose(promoted)).Spec.ValidationActions);
    }

    [Fact]
    public void Platform_namespaces_only_warn_and_audit_their_level_while_staged()
    {
        var staged = Compose(Existing(3) with { Staged = [Enforcements.PlatformPodSecurity] });
        var enforced = Compose(Existing(3));
        foreach (var (name, podSecurity) in PodSecurity.PlatformNamespaceLevels)
        {
            if (staged.Resources.OfType<KubernetesResource>().FirstOrDefault(r => r.Object is V1Namespace && r.ObjectName == name) is not { } ns)
                continue;
            Assert.False(ns.Object.Metadata.Labels.ContainsKey(PodSecurity.Enforce), name);
            Assert.Equal(PodSecurity.Name(podSecurity.Level), ns.Object.Metadata.Labels[PodSecurity.Warn]);
            var after = enforced.Resources.OfType<KubernetesResource>().Single(r => r.Object is V1Namespace && r.ObjectName == name);
            Assert.Equal(PodSecurity.Name(podSecurity.Level), after.Object.Metadata.Labels[PodSecurity.Enforce]);
        }
    }

    [Fact]
    public void Tenant_quotas_wait_for_promotion_but_the_limit_range_does_not()
    {
        var staged = Compose(Existing(2) with { Staged = [Enforcements.TenantQuota] });
        Assert.DoesNotContain(Objects(staged), r => r.Object is V1ResourceQuota);
        Assert.Equal(Tenants.Length, Objects(staged).Count(r => r.Object is V1LimitRange));
        Assert.Equal(Tenants.Length, Objects(Compose(Existing(2))).Count(r => r.Object is V1ResourceQuota));
    }

    /// <summary>
    /// A Level 3 stack written by a pmctl that had no platform:enforced record and fewer controls (nothing staged, as
    /// after its promotion): the controls that pmctl had keep enforcing; the ones it did not know
    /// (platform-network-default-deny, tenant-metrics-address) arrive staged and enforce only on --promote.
    /// </summary>
    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Controls_an_older_pmctl_did_not_know_arrive_staged_on_its_stacks_and_enforce_on_promotion(DeploymentTarget target)
    {
        var raw = PlanTestStacks.Raw(target, 3, attested: true, recorded: false).With(ConfigKeys.Staged, new JsonArray());
        var config = PlatformConfigParser.ParseOrThrow(raw, "Pulumi.test.yaml");
        // Every control the older pmctl did not know is staged (those of higher levels' practices too: they wait for their
        // upgrade, and arrive staged with it); none it already enforced is loosened.
        Assert.Contains(Enforcements.PlatformNetworkDefaultDeny, config.Staged);
        Assert.Contains(Enforcements.TenantMetricsAddress, config.Staged);
        Assert.DoesNotContain(Enforcements.AllowedRegistries, config.Staged);
        Assert.DoesNotContain(Enforcements.NetworkDefaultDeny, config.Staged);

        var graph = Compose(config);
        Assert.Contains(Objects(graph), r => r.Object is V1NetworkPolicy && r.ObjectName == PlatformNetworkPolicies.StagedAllowAll);
        Assert.DoesNotContain(Objects(graph), r => r.Object is V1NetworkPolicy && r.ObjectName == PlatformNetworkPolicies.DefaultDeny && PlatformNamespaces.IsPlatformNamespace(r.Namespace!));
        Assert.Equal(["Warn", "Audit"], BindingOf(graph, TenantMetricsPolicy.PolicyName).Spec.ValidationActions);
        // What the older pmctl already enforced is not loosened.
        Assert.Equal(["Deny"], Binding(graph).Spec.ValidationActions);

        // The level's plan shows them as staged; promotion enforces them and records every control.
        var (promotion, writes) = UpgradePlanner.Default.PlanPromotion(raw);
        Assert.Contains(promotion.Risks, r => r.Id == Enforcements.PlatformNetworkDefaultDeny);
        var promoted = PlatformConfigParser.ParseOrThrow(LevelChange.Apply(raw, writes), "Pulumi.test.yaml");
        Assert.Empty(promoted.Staged);
        Assert.Equal(["Deny"], BindingOf(Compose(promoted), TenantMetricsPolicy.PolicyName).Spec.ValidationActions);
    }

    /// <summary>Whatever control a later version adds: a stack whose record lacks it runs it staged, one that records it enforces it.</summary>
    [Fact]
    public void A_control_missing_from_the_record_is_staged_and_a_recorded_one_enforced()
    {
        foreach (var enforcement in Enforcements.All)
        {
            var record = new JsonArray([.. Enforcements.All.Where(e => e != enforcement).Select(e => JsonValue.Create(e.Id))]);
            var raw = PlanTestStacks.Raw(DeploymentTarget.Existing, 3).With(ConfigKeys.Enforced, record);
            Assert.Equal([enforcement.Id], PlatformConfigParser.ParseOrThrow(raw, "Pulumi.test.yaml").Staged.AsEnumerable());
            // platform:staged wins over the record: an upgrade stages a control of a new practice even if it is recorded.
            var both = PlanTestStacks.Raw(DeploymentTarget.Existing, 3).With(ConfigKeys.Staged, new JsonArray(enforcement.Id));
            Assert.Equal([enforcement.Id], PlatformConfigParser.ParseOrThrow(both, "Pulumi.test.yaml").Staged.AsEnumerable());
        }
        Assert.Empty(PlatformConfigParser.ParseOrThrow(PlanTestStacks.Raw(DeploymentTarget.Existing, 3), "Pulumi.test.yaml").Staged);
    }

    public static TheoryData<DeploymentTarget, int> LevelsOneToThree() => new()
    {
        { DeploymentTarget.Existing, 1 }, { DeploymentTarget.Existing, 2 }, { DeploymentTarget.Existing, 3 },
        { DeploymentTarget.Azure, 1 }, { DeploymentTarget.Azure, 2 }, { DeploymentTarget.Azure, 3 },
    };

    private static V1ValidatingAdmissionPolicyBinding Binding(PlatformGraph graph) =>
        (V1ValidatingAdmissionPolicyBinding)Objects(graph).Single(r => r.Object is V1ValidatingAdmissionPolicyBinding && r.ObjectName == AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy).Object;

    private static V1ValidatingAdmissionPolicyBinding BindingOf(PlatformGraph graph, string name) =>
        (V1ValidatingAdmissionPolicyBinding)Objects(graph).Single(r => r.Object is V1ValidatingAdmissionPolicyBinding && r.ObjectName == name).Object;
}
