using PlatformMaturity.Assess.Rules;
using PlatformMaturity.Config;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Assess;

/// <summary>
/// What a Level 5 cluster shows of Just-in-time Capacity (the GPU operator and Kueue; the GPU pool from zero has no node
/// while idle) is recognised by the practice's evidence rule, and only those objects make it met.
/// </summary>
public sealed class JustInTimeCapacityAssessTests
{
    private const string Practice = "Just-in-time Capacity";

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void The_gpu_operator_and_kueue_of_a_level_5_cluster_meet_the_practice_and_without_them_it_is_missing(DeploymentTarget target)
    {
        var objects = StackCluster.Objects(For(target, 5));
        var met = RoundTripTests.AssessObjects(objects).Practices.Single(p => p.Practice == Practice);
        Assert.True(met.Verdict == Verdict.Met, met.Why);
        Assert.Contains(met.Evidence, e => e.Contains("kueue", StringComparison.Ordinal));
        Assert.Contains(met.Evidence, e => e.Contains("gpu-operator", StringComparison.Ordinal));

        var without = RoundTripTests.AssessObjects(objects.Where(o => o.Practice != Practice)).Practices.Single(p => p.Practice == Practice);
        Assert.Equal(Verdict.Missing, without.Verdict);
    }
}
