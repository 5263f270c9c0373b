using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.Planning;
using Xunit;

namespace PlatformMaturity.Core.Tests.Planning;

/// <summary>The plan moves the platform's objects between Pulumi and Argo CD in order, both ways, without deleting them.</summary>
public class GitOpsHandOverPlanTests
{
    private static RawConfig Raw(int level) => PlanTestStacks.Raw(DeploymentTarget.Existing, level, attested: true)
        .With(ConfigKeys.GitOps, JsonNode.Parse("""{"repoUrl": "https://github.com/acme/platform.git", "path": "platform", "revision": "main"}"""));

    private static List<string> Titles(UpgradePlan plan) => [.. plan.Steps.Select(s => s.Title)];

    [Fact]
    public void Upgrading_3_to_4_hands_the_objects_over_to_argo_cd_in_order()
    {
        var plan = UpgradePlanner.Default.Plan(Raw(3), new PlanRequest(4)).Plan;
        var titles = Titles(plan);
        int At(string text) => titles.FindIndex(t => t.Contains(text, StringComparison.Ordinal));
        var installed = plan.Steps.ToList().FindIndex(s => s.Resources.Contains("argocd"));
        Assert.True(installed >= 0, "Argo CD's release is applied");
        Assert.True(installed < At("Hand-over 1/4") && At("Hand-over 1/4") < At("Hand-over 2/4") && At("Hand-over 2/4") < At("Hand-over 3/4")
            && At("Hand-over 3/4") < At("Hand-over 4/4") && At("Hand-over 4/4") < At("drops the platform's releases") && At("drops the platform's releases") < At("leftover Helm release Secrets"),
            string.Join("\n", titles));
        Assert.Contains("no resources-finalizer.argocd.argoproj.io", titles[At("Hand-over 3/4")], StringComparison.Ordinal);
        Assert.Equal(2, plan.Steps[At("drops the platform's releases")].Phase);
        Assert.Contains(plan.Steps[At("leftover Helm release Secrets")].Verify, v => v.Contains("owner=helm,name=kube-prometheus-stack", StringComparison.Ordinal));
        Assert.All(plan.Steps, s => Assert.NotEmpty(s.Verify));
        Assert.Equal(Enumerable.Range(1, plan.Steps.Length), plan.Steps.Select(s => s.Number));
    }

    [Fact]
    public void The_upgrade_stages_the_hand_over_so_pulumi_keeps_the_objects_retained_until_promoted()
    {
        var (_, writes) = UpgradePlanner.Default.Plan(Raw(3), new PlanRequest(4));
        var upgraded = PlatformConfigParser.ParseOrThrow(LevelChange.Apply(Raw(3), writes), "test");
        Assert.True(upgraded.IsStaged(Enforcements.GitOpsHandOver));
        var graph = PlatformMaturity.Composition.Composer.Default.Compose(upgraded);
        var prometheus = graph.Resources.Single(r => r.Name == "kube-prometheus-stack");
        Assert.True(GitOps.GitOpsDelivery.ByPulumi(graph, prometheus));
        Assert.True(GitOps.GitOpsDelivery.RetainedForHandOver(graph, prometheus));
        var promoted = PlatformMaturity.Composition.Composer.Default.Compose(upgraded with { Staged = [] });
        Assert.False(GitOps.GitOpsDelivery.ByPulumi(promoted, prometheus));
    }

    [Fact]
    public void Downgrading_4_to_3_hands_the_objects_back_before_pulumi_takes_them()
    {
        var plan = UpgradePlanner.Default.Plan(Raw(4), new PlanRequest(3)).Plan;
        var titles = Titles(plan);
        Assert.StartsWith("Hand-back 1/3", titles[0], StringComparison.Ordinal);
        Assert.StartsWith("Hand-back 2/3", titles[1], StringComparison.Ordinal);
        Assert.StartsWith("Hand-back 3/3", titles[2], StringComparison.Ordinal);
        Assert.Contains(plan.Steps[0].Verify, v => v.Contains("--cascade=orphan", StringComparison.Ordinal));
        Assert.Contains(plan.Steps[1].Verify, v => v.Contains("meta.helm.sh/release-name=kube-prometheus-stack", StringComparison.Ordinal));
        Assert.DoesNotContain(titles, t => t.StartsWith("Hand-over", StringComparison.Ordinal));
    }
}
