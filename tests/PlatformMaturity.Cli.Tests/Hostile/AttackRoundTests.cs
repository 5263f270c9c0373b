namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>
/// Cases from attacking every command as an attacker and as a careless user would: names with a trailing line
/// break, terminal escape sequences and right-to-left overrides in arguments, huge arguments, symbolic links that
/// lead nowhere, names longer than the file system allows.
/// </summary>
public sealed class AttackRoundTests
{
    private static void NoRawControlCharacters(ProcessResult result) =>
        // Ordinal: a culture-aware search ignores control characters and would find them in every string.
        Assert.False(result.Error.Any(c => c is '\u001B' or '\u0007' or '\u202E' or '\r'), result.ToString());

    [Theory]
    [InlineData("init", "q\n", "stack name 'q\\n' is not valid")]
    [InlineData("status", "s\n", "stack name 's\\n' is not valid")]
    public void A_name_with_a_trailing_line_break_is_refused_not_written_into_a_file_name(string command, string stack, string message)
    {
        using var ws = new Workspace();
        var before = ws.Snapshot();

        var result = command == "init" ? ws.Run("init", stack, "--level", "1", "--target", "existing") : ws.Run(command, stack);

        HostileAssert.Refused(result, 1, message);
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void A_tenant_with_a_trailing_line_break_in_an_init_option_is_refused()
    {
        using var ws = new Workspace();
        var before = ws.Snapshot();

        var result = ws.Run("init", "t", "--level", "1", "--target", "existing", "--tenant", "team-a\n");

        HostileAssert.Refused(result, 1, "--tenant 'team-a\\n'", "is not a DNS-1123 label");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Theory]
    [InlineData("\u001B]0;pwned\u0007", "'\\u001B]0;pwned\\u0007'")]
    [InlineData("s\u202Elmay.exe", "'s\\u202Elmay.exe'")]
    [InlineData("s\rfake line", "'s\\rfake line'")]
    public void Escape_sequences_and_direction_overrides_in_arguments_are_shown_escaped(string stack, string shown)
    {
        using var ws = new Workspace();

        var result = ws.Run("status", stack);

        HostileAssert.Refused(result, 1, $"stack name {shown} is not valid");
        NoRawControlCharacters(result);
    }

    [Theory]
    [InlineData("ana\u001B[31m\nevil", "--by 'ana\\u001B[31m\\nevil' is not a name")]
    [InlineData(null, "characters)' is not a name: 1 to 200 characters")]
    public void An_attester_name_with_control_characters_or_of_100_KB_is_a_usage_error(string? by, string message)
    {
        using var ws = new Workspace();
        var before = ws.Snapshot();

        var result = ws.Run(["upgrade", Workspace.Stack, "--to", "2", "--yes", .. Workspace.AttestAll(2), "--by", by ?? new string('x', 100_000)]);

        HostileAssert.Refused(result, 2, message);
        NoRawControlCharacters(result);
        Assert.True(result.Error.Length < 2000, $"stderr is {result.Error.Length} characters");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Theory]
    [InlineData("status", "s", "--stacks-dir")]
    [InlineData("templates", "--template-dir", null)]
    [InlineData("init", "t", "--tenant")]
    [InlineData("render", "s", "--out")]
    public void A_100_KB_argument_is_never_echoed_whole(string command, string first, string? option)
    {
        using var ws = new Workspace();
        var huge = new string('a', 100_000);
        var before = ws.Snapshot();
        string[] args = command == "init" ? ["init", first, "--level", "1", "--target", "existing", option!, huge]
            : option is null ? [command, first, huge] : [command, first, option, huge];

        var result = ws.Run(args);

        HostileAssert.Refused(result, 1, "(100,0");
        Assert.True(result.Error.Length < 2000, $"stderr is {result.Error.Length} characters\n{result}");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [SkippableTheory]
    [InlineData("status")]
    [InlineData("init")]
    [InlineData("tenant")]
    public void A_stacks_folder_that_is_a_dangling_or_looping_link_is_named_as_such(string command)
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var ws = new Workspace();
        File.CreateSymbolicLink(ws.Combine("gone"), "/nonexistent-pmctl-target");
        File.CreateSymbolicLink(ws.Combine("loop1"), "loop2");
        File.CreateSymbolicLink(ws.Combine("loop2"), "loop1");
        var before = ws.Snapshot();

        foreach (var folder in new[] { "gone", "loop1" })
        {
            var result = command switch
            {
                "init" => ws.Run("init", "t", "--level", "1", "--target", "existing", "--stacks-dir", folder),
                "tenant" => ws.Run("tenant", "add", "s", "team-c", "--stacks-dir", folder),
                _ => ws.Run(command, "s", "--stacks-dir", folder),
            };

            HostileAssert.Refused(result, 1, folder, "is a symbolic link to", "which does not exist or links back in a loop");
            HostileAssert.Unchanged(before, ws.Root);
        }
    }

    [Fact]
    public void An_output_name_longer_than_the_file_system_allows_is_explained()
    {
        using var ws = new Workspace();
        var before = ws.Snapshot();

        var result = ws.Run("render", Workspace.Stack, "--out", new string('o', 240));

        HostileAssert.Refused(result, 1, "is longer than the file system allows", "choose a shorter path");
        Assert.DoesNotContain(".staging", result.Error, StringComparison.Ordinal);
        HostileAssert.Unchanged(before, ws.Root);
    }
}
