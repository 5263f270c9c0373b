using PlatformMaturity.Assess.Rules;
using PlatformMaturity.Config;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Practices.Security;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Assess;

/// <summary>
/// What a Level 5 cluster shows of Network Traffic Auditing (ACNS's CRD and the ContainerNetworkLog selections) and of
/// Advanced Costs Management (budget alerts over OpenCost) is what their evidence rules recognise.
/// </summary>
public sealed class Level5CostsAndFlowsAssessTests
{
    private static PlatformConfig Azure5 => Azure(5) with
    {
        Tenants = [new("team-a", null, TenantTier.Small)],
        TenantBudgets = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("team-a", 500.0)]),
        ApiServerAuthorizedIpRanges = ["203.0.113.0/24"],
    };

    private static PracticeAssessmentView Judge(IEnumerable<SeenObject> objects, string practice)
    {
        var found = RoundTripTests.AssessObjects(objects).Practices.Single(p => p.Practice == practice);
        return new(found.Verdict, found.Why);
    }

    private sealed record PracticeAssessmentView(Verdict Verdict, string Why);

    [Fact]
    public void Acns_without_any_ContainerNetworkLog_stores_nothing_and_is_partial()
    {
        var objects = StackCluster.Objects(Azure5);
        var met = Judge(objects, NetworkTrafficAuditing.PracticeName);
        Assert.True(met.Verdict == Verdict.Met, met.Why);

        var noSelection = Judge(objects.Where(o => o.Item["kind"]!.GetValue<string>() != NetworkTrafficAuditing.Kind), NetworkTrafficAuditing.PracticeName);
        Assert.True(noSelection.Verdict == Verdict.Partial, noSelection.Why);
        Assert.Contains("none is stored", noSelection.Why);
    }

    [Fact]
    public void An_existing_cluster_without_cilium_is_not_checkable_for_flow_logs()
    {
        var found = Judge(StackCluster.Objects(Existing(5)), NetworkTrafficAuditing.PracticeName);
        Assert.True(found.Verdict == Verdict.NotCheckable, found.Why);
    }

    [Fact]
    public void Budget_alerts_over_opencost_meet_advanced_costs_management_and_without_them_it_is_missing()
    {
        var objects = StackCluster.Objects(Azure5);
        var met = Judge(objects, AdvancedCostsManagement.PracticeName);
        Assert.True(met.Verdict == Verdict.Met, met.Why);

        var without = Judge(objects.Where(o => o.Practice != AdvancedCostsManagement.PracticeName), AdvancedCostsManagement.PracticeName);
        Assert.True(without.Verdict == Verdict.Missing, without.Why);
        Assert.Contains("no alert compares", without.Why);
    }
}
