namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>Input built to exhaust memory or the stack is refused with the limit it hit, quickly, within a 256 MiB heap.</summary>
public sealed class ResourceExhaustionTests
{
    [Theory]
    [InlineData("status")]
    [InlineData("render")]
    [InlineData("plan")]
    [InlineData("upgrade")]
    public void An_alias_bomb_in_a_stack_file_is_refused_by_every_command(string command)
    {
        using var ws = new Workspace();
        ws.WriteStack(HostileYaml.StackWith(HostileYaml.AliasBomb()));
        var before = ws.Snapshot();
        string[] args = command switch
        {
            "render" => [command, Workspace.Stack, "--out", "out"],
            "plan" => [command, Workspace.Stack, "--to", "2"],
            "upgrade" => [command, Workspace.Stack, "--to", "2", "--yes"],
            _ => [command, Workspace.Stack],
        };

        var result = ws.Run(args);

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", "line ", "aliases expand to more than 100,000 nodes");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void Twenty_thousand_levels_of_nesting_in_a_stack_file_are_refused()
    {
        using var ws = new Workspace();
        ws.WriteStack(HostileYaml.StackWith($"  platform:deep: {HostileYaml.DeepFlow(20_000)}\n"));
        var before = ws.Snapshot();

        var result = ws.Run("status", Workspace.Stack);

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", "line 5", "deeper than the limit of 64 levels");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void Twenty_thousand_levels_of_nesting_in_Pulumi_yaml_are_refused()
    {
        using var ws = new Workspace();
        var deep = string.Concat(Enumerable.Repeat("{a: ", 20_000)) + "1" + new string('}', 20_000);
        File.WriteAllText(ws.Combine("Pulumi.yaml"), $"name: platform\nruntime: dotnet\nx: {deep}\n");
        var before = ws.Snapshot();

        var result = ws.Run("status", Workspace.Stack);

        HostileAssert.Refused(result, 1, "Pulumi.yaml", "deeper than the limit of 64 levels");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void A_stack_file_over_the_size_limit_is_refused_before_it_is_parsed()
    {
        using var ws = new Workspace();
        ws.WriteStack(HostileYaml.StackWith(string.Concat(Enumerable.Repeat("# padding padding padding padding padding padding padding padding\n", 40_000))));
        var before = ws.Snapshot();

        var result = ws.Run("status", Workspace.Stack);

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", "over the limit of 1 MiB for a stack file");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void A_single_value_over_the_limit_is_refused_with_its_line()
    {
        using var ws = new Workspace();
        ws.WriteStack(HostileYaml.StackWith($"  platform:name: {new string('x', 500_000)}\n"));
        var before = ws.Snapshot();

        var result = ws.Run("status", Workspace.Stack);

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", "line 5", "over the limit of 65,536");
        Assert.True(result.Error.Length < 2000, "the value is not echoed whole: " + result.Error.Length);
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void An_alias_bomb_in_a_golden_path_manifest_is_refused()
    {
        using var ws = new Workspace();
        var templates = ws.CopyTemplates();
        File.AppendAllText(Path.Combine(templates, "web-service", "template.yaml"), "\nbomb:\n" + HostileYaml.AliasBomb());
        var before = ws.Snapshot();

        var result = ws.Run("templates", "--template-dir", templates);

        HostileAssert.Refused(result, 1, "web-service/template.yaml", "aliases expand to more than 100,000 nodes");
        HostileAssert.Unchanged(before, ws.Root);
    }
}
