using PlatformMaturity.Assess;
using PlatformMaturity.Assess.Rules;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Core.Tests.Assess;

/// <summary>Snapshots of hand-made clusters (tests/TestData/assess, no pmctl label anywhere) assess at their known levels.</summary>
public sealed class SampleSnapshotTests
{
    internal static string Sample(string name) => Path.Combine(TestPaths.TestData, "assess", name);

    private static Assessment Assess(string name) => Assessor.Default.Assess(SnapshotReader.Read(Sample(name), name));

    [Fact]
    public void A_bare_cluster_is_below_level_1_and_the_gap_names_a_way_in_for_applications()
    {
        var a = Assess("bare-cluster.json");
        Assert.Equal(0, a.Level);
        Assert.Equal(0, a.LevelUpTo);
        Assert.Equal("below Level 1", a.Summary);
        Assert.Equal(1, a.NextLevel);
        var gap = Assert.Single(a.Gap);
        Assert.Equal("Basic Delivery Processes", gap.Practice);
        Assert.Contains("pmctl upgrade", gap.Command, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hand_made_level_2_cluster_is_level_2_and_level_3_is_blocked_by_what_it_lacks()
    {
        var a = Assess("level2-cluster.yaml");
        Assert.Equal(2, a.Level);
        Assert.Equal(2, a.LevelUpTo);
        var practices = a.Practices.ToDictionary(p => p.Practice);
        Assert.Equal(Verdict.Met, practices["Basic Traffic Filtering"].Verdict);
        Assert.Contains("in all 3 tenant namespaces", practices["Hard multi-tenancy"].Why, StringComparison.Ordinal);
        Assert.Equal(Verdict.Missing, practices["Basic Disaster Recovery"].Verdict);
        Assert.Contains(a.Gap, g => g.Practice == "Restricted Container Runtime" && g.Unblocks.SequenceEqual([3, 4, 5]));
        // Practices every higher level needs come before those only the next level needs.
        Assert.True(a.Gap.Zip(a.Gap.Skip(1)).All(p => p.First.Unblocks.Count >= p.Second.Unblocks.Count));
    }

    [Fact]
    public void A_kind_that_could_not_be_listed_makes_its_practice_unknown_and_the_level_a_range()
    {
        var a = Assess("level4-cluster");
        Assert.Equal(3, a.Level);
        Assert.Equal(4, a.LevelUpTo);
        Assert.Equal("at least Level 3, up to Level 4 once the unknowns are resolved", a.Summary);
        var encrypted = a.Practices.Single(p => p.Practice == "All traffic encrypted");
        Assert.Equal(Verdict.Unknown, encrypted.Verdict);
        var unseen = Assert.Single(a.Unseen);
        Assert.Contains("Forbidden", unseen.Reason, StringComparison.Ordinal);
        Assert.Equal(["All traffic encrypted"], unseen.Practices);
        Assert.Equal(LevelState.Undetermined, a.Levels[3].State);
    }

    [Fact]
    public void The_same_cluster_with_the_kind_listed_reaches_level_4()
    {
        using var dir = new TempDirectory();
        foreach (var file in Directory.EnumerateFiles(Sample("level4-cluster")))
            File.Copy(file, dir.Combine(Path.GetFileName(file)));
        File.Delete(dir.Combine("peerauthentications.security.istio.io" + SnapshotReader.ErrorSuffix));
        File.WriteAllText(dir.Combine("peerauthentications.security.istio.io.yaml"), """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: security.istio.io/v1
              kind: PeerAuthentication
              metadata: {name: default, namespace: istio-system}
              spec: {mtls: {mode: STRICT}}
            """);
        var a = Assessor.Default.Assess(SnapshotReader.Read(dir.Path, "level4"));
        Assert.Equal(4, a.Level);
        Assert.Empty(a.Unseen);
    }
}
