using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using PlatformMaturity.Planning;
using PlatformMaturity.Practices.Availability;
using static PlatformMaturity.Core.Tests.Planning.PlanTestStacks;

namespace PlatformMaturity.Core.Tests.Planning;

/// <summary>4→5 and back: the fleet join as ordered steps, the keys Level 5 needs written, and what only Level 5 accepts removed on the way down.</summary>
public sealed class FleetPlanTests
{
    private static RawConfig Level4(string tier = "Standard") => Raw(DeploymentTarget.Azure, 4, attested: true, resilient: true)
        .With(ConfigKeys.SkuTier, tier)
        .With(ConfigKeys.Regions, new JsonArray("westeurope", "northeurope"))
        .With(ConfigKeys.Clusters, new JsonArray(
            new JsonObject { ["name"] = "primary", ["region"] = "westeurope", ["zones"] = new JsonArray("1", "2", "3") },
            new JsonObject { ["name"] = "secondary", ["region"] = "northeurope", ["zones"] = new JsonArray("1", "2", "3") }));

    [Fact]
    public void Upgrading_to_level_5_joins_every_cluster_to_the_fleet_before_the_first_update_run()
    {
        var (plan, writes) = UpgradePlanner.Default.Plan(Level4(), new PlanRequest(5));
        int StepOf(string resource) => plan.Steps.First(s => s.Resources.Contains(resource)).Number;
        var fleet = StepOf(MultiClusterPlatform.FleetResource);
        var members = new[] { "fleet-member-primary", "fleet-member-secondary" }.Select(StepOf).ToList();
        Assert.All(members, m => Assert.True(m > fleet));
        Assert.True(StepOf(MultiClusterPlatform.RunResource(Versions.Pins.AksKubernetesVersion)) > members.Max());
        Assert.True(StepOf(MultiClusterPlatform.RunResource(Versions.Pins.AksKubernetesVersion)) > StepOf(MultiClusterPlatform.StrategyResource));
        // The clusters stay: joining the fleet replaces or removes none of them.
        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.Remove && c.Resource.EndsWith("aks", StringComparison.Ordinal));
        Assert.DoesNotContain(writes, w => w.Key == ConfigKeys.Clusters);
    }

    [Fact]
    public void Upgrading_to_level_5_shows_the_hub_join_as_ordered_steps_after_pulumi_up_created_the_registrations()
    {
        var plan = UpgradePlanner.Default.Plan(Level4(), new PlanRequest(5)).Plan;
        var join = plan.Steps.Where(s => s.Title.StartsWith("Fleet join ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["1/4", "2/4", "3/4", "4/4"], join.Select(s => s.Title["Fleet join ".Length..][..3]));
        Assert.Equal(join.Select(s => s.Number).Order(), join.Select(s => s.Number));
        Assert.All(join, s => Assert.NotEmpty(s.Verify));
        // After the steps that apply the hub identity's role assignment and the member's registration.
        int StepOf(string resource) => plan.Steps.First(s => s.Resources.Contains(resource)).Number;
        Assert.True(join[0].Number > StepOf(FleetHub.ClusterAdminAssignment));
        Assert.True(join[0].Number > StepOf($"secret-argocd-{FleetHub.SecretName("secondary")}"));
        Assert.Contains(FleetHub.ClusterAdminRole, join[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_free_tier_stack_moves_to_standard_for_the_sla_and_a_standard_one_is_left_as_it_is()
    {
        var (_, writes) = UpgradePlanner.Default.Plan(Level4("Free"), new PlanRequest(5));
        Assert.Equal("Standard", Assert.Single(writes, w => w.Key == ConfigKeys.SkuTier).Value!.GetValue<string>());
        Assert.DoesNotContain(UpgradePlanner.Default.Plan(Level4(), new PlanRequest(5)).Writes, w => w.Key == ConfigKeys.SkuTier);
    }

    [Fact]
    public void Going_below_level_5_drops_capabilities_the_specialised_member_and_the_sla_and_the_result_validates()
    {
        var clusters = (JsonArray)Level4()[ConfigKeys.Clusters]!.DeepClone();
        clusters.Add(new JsonObject { ["name"] = "gpu", ["region"] = "westeurope", ["capabilities"] = new JsonArray("gpu") });
        var raw = Level4().With(ConfigKeys.Level, 5).With(ConfigKeys.Clusters, clusters)
            .With(ConfigKeys.Sla, new JsonObject { ["owner"] = "platform-team@example.com" });
        Assert.NotNull(PlatformConfigParser.Parse(raw).Config);
        var (_, writes) = UpgradePlanner.Default.Plan(raw, new PlanRequest(4));
        var kept = Assert.Single(writes, w => w.Key == ConfigKeys.Clusters).Value!.AsArray();
        Assert.Equal(["primary", "secondary"], kept.Select(c => c!["name"]!.GetValue<string>()));
        Assert.All(kept, c => Assert.False(c!.AsObject().ContainsKey("capabilities")));
        Assert.Null(Assert.Single(writes, w => w.Key == ConfigKeys.Sla).Value);
        var result = PlatformConfigParser.Parse(LevelChange.Apply(raw, writes));
        Assert.True(result.Config is not null, string.Join("\n", result.Problems.Select(p => p.Message)));
    }
}
