namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>Messages never echo a password or a huge value, point at the right line, and suggest the right thing.</summary>
public sealed class MessageTests
{
    [Fact]
    public void A_password_in_a_url_is_never_echoed()
    {
        using var ws = new Workspace();
        ws.WriteStack(File.ReadAllText(ws.StackFile).Replace("platform:registry: localhost:5001", "platform:registry: \"https://ana:hunter2-very-long-secret-that-would-be-cut-in-the-middle@registry.example.com/x\""));
        var before = ws.Snapshot();

        var result = ws.Run("status", Workspace.Stack);

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", "platform:registry", "https://ana:***@");
        Assert.DoesNotContain("hunter2", result.Error + result.Out);
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void A_huge_unknown_command_is_not_echoed_whole()
    {
        using var ws = new Workspace();
        var result = ws.Run(new string('x', 100_000));

        HostileAssert.Refused(result, 2, "is not a pmctl command", "(100,000 characters)");
        Assert.True(result.Error.Length < 2000, $"stderr is {result.Error.Length} characters");
    }

    [Fact]
    public void An_unknown_command_gets_a_did_you_mean()
    {
        using var ws = new Workspace();
        var result = ws.Run("statsu", Workspace.Stack);

        HostileAssert.Refused(result, 2, "'statsu' is not a pmctl command; did you mean status?");
    }

    [Fact]
    public void A_level_out_of_range_suggests_the_nearest_level()
    {
        using var ws = new Workspace();
        var result = ws.Run("describe", "6");

        HostileAssert.Refused(result, 2, "level '6' is not allowed; allowed: 1, 2, 3, 4, 5; did you mean 5?");
    }

    [Fact]
    public void A_tab_in_indentation_is_reported_on_its_own_line()
    {
        using var ws = new Workspace();
        ws.WriteStack("config:\n  platform:level: 1\n  platform:target: existing\n\tplatform:environment: nonprod\n");
        var before = ws.Snapshot();

        var result = ws.Run("status", Workspace.Stack);

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", "line 4, column 1: a tab indents this line");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void Latin_1_bytes_are_refused_with_their_line_not_turned_into_replacement_characters()
    {
        using var ws = new Workspace();
        var bytes = File.ReadAllBytes(ws.StackFile).ToList();
        var text = System.Text.Encoding.ASCII.GetBytes("# Caf\u00e9 team\n");
        text[5] = 0xE9; // é in Latin-1
        bytes.InsertRange(0, text);
        File.WriteAllBytes(ws.StackFile, [.. bytes]);
        var before = ws.Snapshot();

        var result = ws.Run(["upgrade", Workspace.Stack, "--to", "2", "--yes", .. Workspace.AttestAll(2)]);

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", "line 1", "byte 0xE9 is not UTF-8");
        HostileAssert.Unchanged(before, ws.Root);
    }
}
