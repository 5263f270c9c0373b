namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>Valid YAML that a text edit cannot keep exactly is refused with the construct and its line; what it can keep, it keeps byte for byte.</summary>
public sealed class YamlEditTests
{
    private static string[] Upgrade => ["upgrade", Workspace.Stack, "--to", "2", "--yes", .. Workspace.AttestAll(2)];

    [Theory]
    [InlineData("config: {platform:level: 1, platform:target: existing, platform:environment: nonprod}\n", "line 1", "a flow-style config map")]
    [InlineData("config:\n  platform:level: 1\n  platform:target: &t existing\n  platform:environment: nonprod\n  other:x: *t\n", "line 3", "an anchor (&t)")]
    [InlineData("config:\n  platform:level: 1\n  platform:target: existing\n  platform:environment: nonprod\n  other:notes: |+\n    kept\n\n\n", "line 5", "keeps trailing newlines (|+ or >+)")]
    public void Constructs_a_text_edit_cannot_keep_are_refused_with_their_line(string stack, string line, string construct)
    {
        using var ws = new Workspace();
        ws.WriteStack(stack);
        var before = ws.Snapshot();

        var result = ws.Run(Upgrade);

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", line, construct, "nothing was written");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void A_folded_scalar_the_upgrade_does_not_write_is_kept_byte_for_byte()
    {
        using var ws = new Workspace();
        const string folded = "  other:notes: >\n    a long note\n    folded over lines\n";
        ws.WriteStack(File.ReadAllText(ws.StackFile).Replace("config:\n", "config:\n" + folded));

        var result = ws.Run(Upgrade);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(folded, File.ReadAllText(ws.StackFile));
    }
}
