using PlatformMaturity.Assess;
using PlatformMaturity.Assess.Rules;
using PlatformMaturity.Config;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Assess;

/// <summary>A Level 5 cluster with self-service tenancy and guarded production chaos is recognised by what it shows.</summary>
public sealed class Level5TenancyAndChaosEvidenceTests
{
    private static readonly PlatformConfig Prod = Existing(5) with
    {
        Environment = EnvironmentKind.Prod,
        ChaosRequested = true,
        ProductionChaos = new ProductionChaosConfig(["team-a"], ProductionChaosConfig.DefaultSchedule, ProductionChaosConfig.DefaultDuration),
    };

    private static PracticeAssessment VerdictOf(IEnumerable<SeenObject> objects, string practice) =>
        RoundTripTests.AssessObjects(objects).Practices.Single(p => p.Practice == practice);

    [Fact]
    public void Capsule_tenants_with_owners_and_a_namespace_quota_meet_the_landing_zone_and_capsule_alone_does_not()
    {
        var objects = StackCluster.Objects(Prod);
        var met = VerdictOf(objects, KubernetesLandingZone.PracticeName);
        Assert.Equal(Verdict.Met, met.Verdict);
        Assert.Contains(met.Evidence, e => e.Contains("Tenant team-a", StringComparison.Ordinal));

        var withoutTenants = objects.Where(o => o.Item["kind"]?.GetValue<string>() != "Tenant").ToList();
        Assert.Equal(Verdict.Partial, VerdictOf(withoutTenants, KubernetesLandingZone.PracticeName).Verdict);
    }

    [Fact]
    public void Chaos_mesh_with_the_error_budget_gate_meets_production_chaos_and_without_the_gate_is_partial()
    {
        var objects = StackCluster.Objects(Prod);
        Assert.Equal(Verdict.Met, VerdictOf(objects, ChaosEngineeringInProduction.PracticeName).Verdict);
        var withoutGate = objects.Where(o => o.Item["metadata"]?["name"]?.GetValue<string>() != ChaosEngineeringInProduction.GateName).ToList();
        Assert.Equal(Verdict.Partial, VerdictOf(withoutGate, ChaosEngineeringInProduction.PracticeName).Verdict);
        // A nonprod Level 4 cluster runs Chaos Mesh without a gate: not production chaos.
        Assert.Equal(Verdict.Partial, VerdictOf(StackCluster.Objects(Existing(4)), ChaosEngineeringInProduction.PracticeName).Verdict);
    }

    /// <summary>A namespace team-a created through Capsule: a copy of its pmctl namespace and quota under team-a-dev.</summary>
    private static List<SeenObject> WithCreatedNamespace(IEnumerable<SeenObject> objects)
    {
        var list = objects.ToList();
        foreach (var o in list.ToList())
        {
            var kind = o.Item["kind"]?.GetValue<string>();
            if (kind == "Namespace" && o.Item["metadata"]?["name"]?.GetValue<string>() == "team-a")
            {
                var copy = o.Item.DeepClone().AsObject();
                copy["metadata"]!["name"] = "team-a-dev";
                list.Add(o with { Item = copy });
            }
            else if (kind == "ResourceQuota" && o.Item["metadata"]?["namespace"]?.GetValue<string>() == "team-a")
            {
                var copy = o.Item.DeepClone().AsObject();
                copy["metadata"]!["namespace"] = "team-a-dev";
                list.Add(o with { Item = copy });
            }
        }
        return list;
    }

    [Fact]
    public void The_daily_backups_cover_a_namespace_a_team_created_through_its_glob_and_a_schedule_naming_only_the_tenant_does_not()
    {
        var objects = WithCreatedNamespace(StackCluster.Objects(Existing(5)));
        Assert.Equal(Verdict.Met, VerdictOf(objects, BasicDisasterRecovery.PracticeName).Verdict);

        // The same cluster whose schedules name the tenants' own namespaces only (as below Level 5) leaves team-a-dev out.
        var namesOnly = objects.Select(o => o.Item["kind"]?.GetValue<string>() == "Schedule" && o.Item["spec"]?["template"]?["includedNamespaces"] is System.Text.Json.Nodes.JsonArray included
            ? o with { Item = Without(o.Item, included) } : o).ToList();
        Assert.Equal(Verdict.Partial, VerdictOf(namesOnly, BasicDisasterRecovery.PracticeName).Verdict);

        static System.Text.Json.Nodes.JsonObject Without(System.Text.Json.Nodes.JsonObject item, System.Text.Json.Nodes.JsonArray included)
        {
            var copy = item.DeepClone().AsObject();
            var list = copy["spec"]!["template"]!["includedNamespaces"]!.AsArray();
            foreach (var glob in list.Where(n => n!.GetValue<string>().Contains('*', StringComparison.Ordinal)).ToList())
                list.Remove(glob);
            return copy;
        }
    }

    [Theory]
    [InlineData("team-a-*", "team-a-dev", true)]
    [InlineData("team-a-*", "team-a", false)]
    [InlineData("team-a-*", "team-b-dev", false)]
    [InlineData("team-?", "team-a", true)]
    [InlineData("*", "anything", true)]
    [InlineData("team-a", "team-a", true)]
    [InlineData("team-[ab]", "team-c", false)]
    [InlineData("team-[", "team-a", false)]
    public void Velero_namespace_patterns_match_as_velero_1_18_expands_them(string pattern, string ns, bool matches) =>
        Assert.Equal(matches, PlatformMaturity.Assess.Rules.Availability.BasicDisasterRecoveryEvidence.GlobMatches(pattern, ns));

    [Fact]
    public void A_cluster_said_to_be_nonprod_cannot_show_production_chaos()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("cluster.json");
        File.WriteAllText(file, StackCluster.ListJson(StackCluster.Objects(Existing(4))));
        var assessment = Assessor.Default.Assess(SnapshotReader.Read(file, "cluster.json"), "test", EnvironmentKind.NonProd);
        Assert.Equal(Verdict.NotCheckable, assessment.Practices.Single(p => p.Practice == ChaosEngineeringInProduction.PracticeName).Verdict);
    }
}
