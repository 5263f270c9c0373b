using System.Text.Json.Nodes;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Practices.Security;
using static PlatformMaturity.GoldenPaths.Tests.TestPlatforms;

namespace PlatformMaturity.GoldenPaths.Tests.Admission;

/// <summary>
/// Level 4's compliance policies, evaluated with the CEL evaluator: they refuse what they promise to refuse (so the
/// golden paths passing them, in <see cref="GoldenPathAdmissionTests"/>, means something), warn while staged and deny
/// once promoted.
/// </summary>
public sealed class ComplianceAdmissionTests
{
    private static readonly string[] PolicyNames =
    [
        CompliancePoliciesEnforcement.RequiredLabelsPolicy, CompliancePoliciesEnforcement.ResourceLimitsPolicy,
        CompliancePoliciesEnforcement.NoLatestTagPolicy, CompliancePoliciesEnforcement.WorkloadProbesPolicy,
    ];

    private static AdmissionPolicies Policies(int level, DeploymentTarget target, params string[] staged) =>
        AdmissionPolicies.Of(Composer.Default.Compose(TestPlatforms.Config(level, target) with { Staged = [.. staged] }));

    [Theory]
    [InlineData(4, DeploymentTarget.Existing)]
    [InlineData(4, DeploymentTarget.Azure)]
    [InlineData(5, DeploymentTarget.Existing)]
    public void Levels_4_and_5_have_every_compliance_policy(int level, DeploymentTarget target)
    {
        var names = Policies(level, target).PolicyNames;
        Assert.All(PolicyNames, p => Assert.Contains(p, names));
        Assert.Contains(AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy, names);
        Assert.DoesNotContain(CompliancePoliciesEnforcement.RequiredLabelsPolicy, Policies(3, target).PolicyNames);
    }

    [Fact]
    public void A_compliant_deployment_and_its_pods_pass()
    {
        var policies = Policies(4, DeploymentTarget.Existing);
        var deployment = Deployment(Compliant());
        var violations = ClusterCreates.From(deployment, policies).SelectMany(policies.Evaluate).ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    public static TheoryData<string, string> Breaches => new()
    {
        { "no-team-label", CompliancePoliciesEnforcement.RequiredLabelsPolicy },
        { "empty-cost-center", CompliancePoliciesEnforcement.RequiredLabelsPolicy },
        { "no-memory-limit", CompliancePoliciesEnforcement.ResourceLimitsPolicy },
        { "no-cpu-request", CompliancePoliciesEnforcement.ResourceLimitsPolicy },
        { "latest", CompliancePoliciesEnforcement.NoLatestTagPolicy },
        { "untagged", CompliancePoliciesEnforcement.NoLatestTagPolicy },
        { "registry-port-untagged", CompliancePoliciesEnforcement.NoLatestTagPolicy },
        { "latest-init", CompliancePoliciesEnforcement.NoLatestTagPolicy },
        { "no-liveness", CompliancePoliciesEnforcement.WorkloadProbesPolicy },
    };

    [Theory]
    [MemberData(nameof(Breaches))]
    public void Each_breach_is_caught_by_its_policy_on_the_deployment_and_the_pod(string breach, string policy)
    {
        var template = Compliant();
        var container = template["spec"]!["containers"]![0]!.AsObject();
        switch (breach)
        {
            case "no-team-label": template["metadata"]!["labels"]!.AsObject().Remove(StandardLabels.Team); break;
            case "empty-cost-center": template["metadata"]!["labels"]![StandardLabels.CostCenter] = ""; break;
            case "no-memory-limit": container["resources"]!["limits"]!.AsObject().Remove("memory"); break;
            case "no-cpu-request": container["resources"]!["requests"]!.AsObject().Remove("cpu"); break;
            case "latest": container["image"] = Registry + "/team-a/shop:latest"; break;
            case "untagged": container["image"] = Registry + "/team-a/shop"; break;
            case "registry-port-untagged": container["image"] = "registry.example.com:5000/apps/shop"; break;
            case "latest-init": template["spec"]!["initContainers"] = new JsonArray(new JsonObject { ["name"] = "init", ["image"] = Registry + "/team-a/init:latest" }); break;
            case "no-liveness": container.Remove("livenessProbe"); break;
        }
        var staged = Policies(4, DeploymentTarget.Existing, [.. Enforcements.All.Select(e => e.Id)]);
        var created = ClusterCreates.From(Deployment(template), staged).ToList();
        var hits = created.SelectMany(staged.Evaluate).ToList();
        // Only the policy of the breach fires (plus allowed registries for an image of another registry, and Level 3's
        // warn-only deployment practices for probes, which the compliance policy turns into a denial).
        Assert.All(hits, v => Assert.True(v.Policy == policy
            || (v.Policy == AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy && breach == "registry-port-untagged")
            || (v.Policy == PlatformMaturity.Practices.Delivery.AdvancedDeploymentManagement.PolicyName && breach == "no-liveness"), v.ToString()));
        Assert.Contains(hits, v => v.Policy == policy && v.Actions.SequenceEqual(["Warn", "Audit"]));
        Assert.Contains(created.Where(c => c["kind"]!.GetValue<string>() == "Deployment").SelectMany(staged.Evaluate), v => v.Policy == policy);
        if (policy != CompliancePoliciesEnforcement.WorkloadProbesPolicy)
            Assert.Contains(created.Where(c => c["kind"]!.GetValue<string>() == "Pod").SelectMany(staged.Evaluate), v => v.Policy == policy);

        var promoted = Policies(4, DeploymentTarget.Existing);
        Assert.Contains(ClusterCreates.From(Deployment(template), promoted).SelectMany(promoted.Evaluate), v => v.Policy == policy && v.Actions.SequenceEqual(["Deny"]));
    }

    [Fact]
    public void Platform_namespaces_are_not_bound()
    {
        var policies = Policies(4, DeploymentTarget.Existing);
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "p", ["namespace"] = "kube-system" },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) },
        };
        Assert.Empty(policies.Evaluate(pod));
    }

    [Fact]
    public void Jobs_need_no_probes()
    {
        var policies = Policies(4, DeploymentTarget.Existing);
        var template = Compliant();
        template["spec"]!["containers"]![0]!.AsObject().Remove("livenessProbe");
        template["spec"]!["containers"]![0]!.AsObject().Remove("readinessProbe");
        template["spec"]!["restartPolicy"] = "Never";
        var job = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject
            {
                ["name"] = "train", ["namespace"] = "team-a",
                ["labels"] = new JsonObject { [StandardLabels.Team] = "team-a", [StandardLabels.CostCenter] = "cc-1234" },
            },
            ["spec"] = new JsonObject { ["template"] = template },
        };
        Assert.Empty(ClusterCreates.From(job, policies).SelectMany(policies.Evaluate));
    }

    private static JsonObject Compliant() => new()
    {
        ["metadata"] = new JsonObject
        {
            ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "shop", [StandardLabels.Team] = "team-a", [StandardLabels.CostCenter] = "cc-1234" },
        },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "app",
                ["image"] = Registry + "/team-a/shop:1.0",
                ["resources"] = new JsonObject
                {
                    ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" },
                    ["limits"] = new JsonObject { ["memory"] = "256Mi" },
                },
                ["readinessProbe"] = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/ready", ["port"] = 8080 } },
                ["livenessProbe"] = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/live", ["port"] = 8080 } },
            }),
        },
    };

    private static JsonObject Deployment(JsonObject template) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        // The workload carries the team's labels too, as the golden paths write them (Costs Center Management's policy checks the workload itself).
        ["metadata"] = new JsonObject
        {
            ["name"] = "shop", ["namespace"] = "team-a",
            ["labels"] = new JsonObject { [StandardLabels.Team] = "team-a", [StandardLabels.CostCenter] = "cc-1234" },
        },
        ["spec"] = new JsonObject
        {
            ["replicas"] = 1,
            ["revisionHistoryLimit"] = 5,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app.kubernetes.io/name"] = "shop" } },
            ["template"] = template.DeepClone(),
        },
    };
}
