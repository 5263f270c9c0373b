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
