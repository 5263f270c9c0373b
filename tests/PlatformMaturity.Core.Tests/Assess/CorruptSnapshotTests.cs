using PlatformMaturity.Assess;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Core.Tests.Assess;

/// <summary>Malformed or partial snapshots: each problem is reported with its file and position, and the rest is assessed.</summary>
public sealed class CorruptSnapshotTests
{
    [Fact]
    public void A_truncated_json_file_keeps_the_items_before_the_break_and_says_where_it_broke()
    {
        using var dir = new TempDirectory();
        var full = File.ReadAllText(SampleSnapshotTests.Sample("bare-cluster.json"));
        var cut = full[..full.IndexOf("\"kind\": \"Deployment\"", StringComparison.Ordinal)];
        File.WriteAllText(dir.Combine("cut.json"), cut);
        var snapshot = SnapshotReader.Read(dir.Combine("cut.json"), "cut.json");
        var problem = Assert.Single(snapshot.Problems);
        Assert.StartsWith("cut.json: line ", problem.Where, StringComparison.Ordinal);
        Assert.Contains("items before it were read", problem.Message, StringComparison.Ordinal);
        Assert.Equal(3, snapshot.Of(Kinds.Node).Count);
        Assert.Equal(1, Assessor.Default.Assess(snapshot).Practices.Count(p => p.Practice == "Kubernetes Built-in Resiliency" && p.Verdict == PlatformMaturity.Assess.Rules.Verdict.Met));
    }

    [Fact]
    public void A_broken_yaml_file_in_a_folder_is_skipped_with_its_line_and_the_other_files_are_assessed()
    {
        using var dir = new TempDirectory();
        File.Copy(SampleSnapshotTests.Sample("level2-cluster.yaml"), dir.Combine("a-good.yaml"));
        File.WriteAllText(dir.Combine("b-broken.yaml"), "apiVersion: v1\nkind: List\nitems:\n- kind: Namespace\n  metadata: {name: x\n    labels: [\n");
        File.WriteAllText(dir.Combine("c-not-objects.yaml"), "apiVersion: v1\nkind: List\nitems:\n- just: a map\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: ok}\n");
        var a = Assessor.Default.Assess(SnapshotReader.Read(dir.Path, "snap"));
        Assert.Equal(2, a.Level);
        Assert.Contains(a.Problems, p => p.Where.StartsWith(Path.Combine("snap", "b-broken.yaml") + ": line ", StringComparison.Ordinal) && p.Message.Contains("skipped", StringComparison.Ordinal));
        Assert.Contains(a.Problems, p => p.Where == Path.Combine("snap", "c-not-objects.yaml") + ": line 4, column 3" && p.Message.Contains("no apiVersion, kind, metadata.name", StringComparison.Ordinal));
    }

    [Fact]
    public void An_alias_bomb_in_a_snapshot_is_refused_at_its_position()
    {
        using var dir = new TempDirectory();
        var bomb = new System.Text.StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
            bomb.Append($"{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 10))}]\n");
        File.WriteAllText(dir.Combine("bomb.yaml"), bomb.ToString());
        var snapshot = SnapshotReader.Read(dir.Path, "snap");
        var problem = Assert.Single(snapshot.Problems);
        Assert.Contains("alias bomb", problem.Message, StringComparison.Ordinal);
    }
}
