using System.Text.Json;

namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>
/// `pmctl tenant add` writes one tenant into the stack file by inserting its lines, every other byte kept; a refusal
/// names what is wrong and writes nothing. `pmctl tenant list` shows the tenants as text and JSON.
/// </summary>
public sealed class TenantCommandTests
{
    private const string Header = "config:\n  platform:level: 1\n  platform:target: existing\n  platform:environment: nonprod\n";

    [Fact]
    public void Add_inserts_the_tenant_after_the_last_one_and_keeps_every_other_byte()
    {
        using var ws = new Workspace();
        var original = File.ReadAllText(ws.StackFile);

        var result = ws.Run("tenant", "add", Workspace.Stack, "team-c", "--group", "team-c-devs", "--tier", "small");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Added tenant team-c (group team-c-devs, tier small) to stacks/Pulumi.s.yaml", result.Out);
        var anchor = "    tier: large\n";
        var at = original.IndexOf(anchor, StringComparison.Ordinal) + anchor.Length;
        Assert.Equal(original.Insert(at, "  - name: team-c\n    group: team-c-devs\n    tier: small\n"), File.ReadAllText(ws.StackFile));

        var list = ws.Run("tenant", "list", Workspace.Stack, "--output", "json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var tenants = JsonDocument.Parse(list.Out).RootElement.GetProperty("tenants").EnumerateArray()
            .Select(t => $"{t.GetProperty("name").GetString()}/{t.GetProperty("group").GetString()}/{t.GetProperty("tier").GetString()}").ToList();
        Assert.Equal(["team-a/team-a-devs/small", "team-b/team-b-devs/large", "team-c/team-c-devs/small"], tenants);
    }

    [Theory]
    [InlineData("  platform:tenants:\n    - name: a   # first team\n      tier: small # the end of a\n  # a comment for the next key\n  platform:staged: []\n",
        "  platform:tenants:\n    - name: a   # first team\n      tier: small # the end of a\n    - name: new-team\n      group: g\n  # a comment for the next key\n  platform:staged: []\n")]
    [InlineData("  platform:tenants:\n  - name: a", "  platform:tenants:\n  - name: a\n  - name: new-team\n    group: g\n")]
    [InlineData("", "  # Teams on the platform")]
    [InlineData("  platform:tenants:\n  platform:staged: []\n", "  platform:tenants:\n  - name: new-team\n    group: g\n  platform:staged: []\n")]
    [InlineData("  platform:tenants: []\n", "  platform:tenants:\n  - name: new-team\n    group: g\n")]
    public void Add_keeps_the_lists_own_layout_and_comments(string tenants, string expected)
    {
        using var ws = new Workspace();
        ws.WriteStack(Header + tenants);

        var result = ws.Run("tenant", "add", Workspace.Stack, "new-team", "--group", "g");

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = File.ReadAllText(ws.StackFile);
        Assert.StartsWith(Header, text);
        Assert.Contains(expected, text);
        Assert.Contains("new-team", ws.Run("tenant", "list", Workspace.Stack).Out);
    }

    [Fact]
    public void Add_keeps_crlf_line_ends_and_the_byte_order_mark()
    {
        using var ws = new Workspace();
        var text = (Header + "  platform:tenants:\n  - name: a\n").Replace("\n", "\r\n");
        File.WriteAllBytes(ws.StackFile, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(text)]);

        var result = ws.Run("tenant", "add", Workspace.Stack, "b");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(text + "  - name: b\r\n")], File.ReadAllBytes(ws.StackFile));
    }

    [Theory]
    [InlineData("Team-C", 1, "tenant name 'Team-C' is not a DNS-1123 label")]
    [InlineData("team_c", 1, "tenant name 'team_c' is not a DNS-1123 label")]
    [InlineData("team-c\n", 1, "tenant name 'team-c\\n' is not a DNS-1123 label")]
    [InlineData("-team", 1, "tenant name '-team' is not a DNS-1123 label")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234", 1, "is not a DNS-1123 label")]
    [InlineData("\u202Eevil", 1, "tenant name '\\u202Eevil' is not a DNS-1123 label")]
    [InlineData("t\u00e9am", 1, "is not a DNS-1123 label")]
    [InlineData("default", 1, "tenant 'default' is reserved for Kubernetes or the platform")]
    [InlineData("kube-system", 1, "tenant 'kube-system' is reserved for Kubernetes or the platform")]
    [InlineData("gateway-system", 1, "platform:ingressNamespace: 'gateway-system' is a tenant's namespace")]
    [InlineData("team-a", 1, "tenant 'team-a' already exists in stacks/Pulumi.s.yaml")]
    public void Add_refuses_a_bad_name_and_writes_nothing(string name, int exit, string message)
    {
        using var ws = new Workspace();
        var before = ws.Snapshot();

        var result = ws.Run("tenant", "add", Workspace.Stack, name, "--group", "g", "--tier", "small");

        HostileAssert.Refused(result, exit, message, "nothing was written");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Theory]
    [InlineData(new[] { "--group", "system:masters" }, "tenant 'team-c' group 'system:masters' is a Kubernetes system group")]
    [InlineData(new[] { "--group", "System:Authenticated" }, "is a Kubernetes system group: every signed-in user would get edit rights")]
    [InlineData(new[] { "--group", "" }, "--group '' is not a group name")]
    [InlineData(new[] { "--group", "a\u001B]0;x\u0007" }, "--group 'a\\u001B]0;x\\u0007' is not a group name")]
    public void Add_refuses_a_bad_group_and_writes_nothing(string[] options, string message)
    {
        using var ws = new Workspace();
        var before = ws.Snapshot();

        var result = ws.Run(["tenant", "add", Workspace.Stack, "team-c", .. options]);

        HostileAssert.Refused(result, 1, message, "nothing was written");
        // Ordinal: a culture-aware search ignores control characters and finds ESC in every string.
        Assert.False(result.Error.Contains('\u001B', StringComparison.Ordinal), result.ToString());
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Theory]
    [InlineData("huge", "--tier 'huge' is not allowed; allowed: small, medium, large")]
    [InlineData("smal", "--tier 'smal' is not allowed; allowed: small, medium, large; did you mean small?")]
    [InlineData("Small", "--tier 'Small' is not allowed")]
    public void A_tier_outside_the_known_tiers_is_a_usage_error(string tier, string message)
    {
        using var ws = new Workspace();
        var before = ws.Snapshot();

        var result = ws.Run("tenant", "add", Workspace.Stack, "team-c", "--group", "g", "--tier", tier);

        HostileAssert.Refused(result, 2, message);
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void Add_at_level_2_needs_a_group()
    {
        using var ws = new Workspace("l2-existing");
        var before = ws.Snapshot();

        var result = ws.Run("tenant", "add", Workspace.Stack, "team-c", "--tier", "small");

        HostileAssert.Refused(result, 1, "tenant 'team-c' has no group; from Level 2 each tenant needs its team's group", "nothing was written");
        HostileAssert.Unchanged(before, ws.Root);
    }

    /// <summary>
    /// At Level 5 a tenant's namespaces are its name and &lt;name&gt;-* (Capsule's forceTenantPrefix), which its Argo CD
    /// project, backups and metrics follow: a name that would give one tenant another's namespaces, or a platform
    /// namespace, is refused. The example stack has team-a and team-b.
    /// </summary>
    [Theory]
    [InlineData("team", "tenant 'team' would claim tenant 'team-a'", "team-* would give tenant 'team' the namespaces of tenant 'team-a'")]
    [InlineData("team-a-eu", "tenant 'team-a-eu' starts with 'team-a-', so it is a namespace tenant 'team-a' may create", "team-a-* would give tenant 'team-a' the namespaces of tenant 'team-a-eu'")]
    [InlineData("cert", "tenant 'cert' would claim the platform namespace 'cert-manager'", "cert-* would give tenant 'cert' 'cert-manager'")]
    public void Add_at_level_5_refuses_a_name_whose_prefix_claims_another_tenant_or_a_platform_namespace(string name, string message, string why)
    {
        using var ws = new Workspace("l5-existing");
        var before = ws.Snapshot();

        var result = ws.Run("tenant", "add", Workspace.Stack, name, "--group", $"{name}-devs");

        HostileAssert.Refused(result, 1, message, why, "Capsule's forceTenantPrefix", "nothing was written");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void Add_on_azure_at_level_2_needs_an_entra_object_id()
    {
        using var ws = new Workspace("l2-azure");
        var before = ws.Snapshot();

        var result = ws.Run("tenant", "add", Workspace.Stack, "team-c", "--group", "team-c-devs");

        HostileAssert.Refused(result, 1, "tenant 'team-c' group 'team-c-devs' is not an Entra ID object id", "nothing was written");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Add_refuses_a_read_only_stack_file()
    {
        Skip.If(OperatingSystem.IsWindows(), "modes are POSIX");
        using var ws = new Workspace();
        File.SetUnixFileMode(ws.StackFile, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = ws.Snapshot();

        var result = ws.Run("tenant", "add", Workspace.Stack, "team-c", "--group", "g");

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml: is read-only (mode 0444)", "nothing was written");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void Add_refuses_a_stack_file_it_cannot_read_and_a_missing_stack()
    {
        using var ws = new Workspace();
        ws.WriteStack(HostileYaml.StackWith(HostileYaml.AliasBomb()));
        var before = ws.Snapshot();

        var bomb = ws.Run("tenant", "add", Workspace.Stack, "team-c");
        var missing = ws.Run("tenant", "add", "nope", "team-c");

        HostileAssert.Refused(bomb, 1, "stacks/Pulumi.s.yaml", "is this an alias bomb?");
        HostileAssert.Refused(missing, 1, "'nope' has no stack file");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void Add_edits_only_where_it_is_exact_and_refuses_an_anchor_shared_with_another_key()
    {
        using var ws = new Workspace();
        ws.WriteStack(Header + "  platform:tenants: &teams\n  - name: a\n  other:teams: *teams\n");
        var before = ws.Snapshot();

        var result = ws.Run("tenant", "add", Workspace.Stack, "b");

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", "would change other:teams too", "nothing was written");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void Add_without_arguments_is_a_usage_error()
    {
        using var ws = new Workspace();
        var before = ws.Snapshot();

        var result = ws.Run("tenant", "add", Workspace.Stack);

        HostileAssert.Refused(result, 2);
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void List_prints_a_table_and_says_when_there_are_none()
    {
        using var ws = new Workspace();

        var table = ws.Run("tenant", "list", Workspace.Stack);
        ws.WriteStack(Header);
        var none = ws.Run("tenant", "list", Workspace.Stack);

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("Stack s (stacks/Pulumi.s.yaml): 2 tenants", table.Out);
        Assert.Matches(@"team-b\s*│\s*team-b\s*│\s*team-b-devs\s*│\s*large", table.Out);
        Assert.True(none.ExitCode == 0, none.ToString());
        Assert.Contains("has no tenants; add one with: pmctl tenant add s <name>", none.Out);
    }

    [Fact]
    public void List_with_an_unknown_output_format_is_a_usage_error()
    {
        using var ws = new Workspace();

        var result = ws.Run("tenant", "list", Workspace.Stack, "--output", "yaml");

        HostileAssert.Refused(result, 2, "--output");
    }
}
