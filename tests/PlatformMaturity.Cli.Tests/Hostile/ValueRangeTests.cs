namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>Numbers, versions and quantities too large to hold, and keys that are not text, are refused with a message, never an exception.</summary>
public sealed class ValueRangeTests
{
    [Fact]
    public void A_mapping_as_a_key_in_a_stack_file_is_refused_with_its_line()
    {
        using var ws = new Workspace();
        ws.WriteStack(HostileYaml.StackWith("  ? {a: 1}\n  : x\n"));
        var before = ws.Snapshot();

        var result = ws.Run("status", Workspace.Stack);

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", "line 5", "a key must be plain text, not a mapping");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void A_sequence_as_a_top_level_key_is_refused()
    {
        using var ws = new Workspace();
        ws.WriteStack(HostileYaml.StackWith("? [a, b]\n: x\n"));
        var before = ws.Snapshot();

        var result = ws.Run("status", Workspace.Stack);

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", "line 5", "a key must be plain text, not a sequence");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void A_kubernetes_version_with_a_huge_number_is_refused()
    {
        using var ws = new Workspace("l1-azure");
        ws.WriteStack(File.ReadAllText(ws.StackFile).Replace("platform:kubernetesVersion: \"1.34\"", "platform:kubernetesVersion: \"1.99999999999999999999\""));
        var before = ws.Snapshot();

        var result = ws.Run("status", Workspace.Stack);

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", "platform:kubernetesVersion", "out of range");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Theory]
    [InlineData("memory-limit=99999999999999999999999999999999999999Ei")]
    [InlineData("cpu-limit=99999999999999999999999999999999999999")]
    public void A_huge_quantity_in_set_is_refused(string set)
    {
        using var ws = new Workspace();
        var before = ws.Snapshot();

        var result = ws.Run("app", "new", "shop", "--template", "web-service", "--stack", Workspace.Stack, "--out", "app", "--set", set);

        HostileAssert.Refused(result, 1, set.Split('=')[0], "Nothing was written");
        HostileAssert.Unchanged(before, ws.Root);
    }
}

/// <summary>A value over the size limit in --set is refused by its key, not echoed.</summary>
public sealed class SetValueSizeTests
{
    [Fact]
    public void A_100_KB_set_value_is_refused_and_not_echoed()
    {
        using var ws = new Workspace();
        var before = ws.Snapshot();

        var result = ws.Run("app", "new", "shop", "--template", "web-service", "--stack", Workspace.Stack, "--out", "app", "--set", "image=" + new string('a', 100_000));

        HostileAssert.Refused(result, 1, "--set image=…: 100,006 characters, over the limit of 65,536", "Nothing was written");
        Assert.True(result.Error.Length < 2000, $"stderr is {result.Error.Length} characters");
        HostileAssert.Unchanged(before, ws.Root);
    }
}
