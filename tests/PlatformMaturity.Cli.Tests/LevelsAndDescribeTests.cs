using System.Text.Json.Nodes;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests;

/// <summary>pmctl levels and describe: the model as people and machines read it.</summary>
public sealed class LevelsAndDescribeTests
{
    private static readonly string Cwd = TestPaths.RepositoryRoot;

    [Fact]
    public void Levels_json_lists_five_levels_with_practice_counts_per_category()
    {
        var result = CliRunner.Run(Cwd, "levels", "--output", "json");
        Assert.Equal(0, result.ExitCode);
        var levels = result.Json.AsArray();
        Assert.Equal([1, 2, 3, 4, 5], levels.Select(l => l!["number"]!.GetValue<int>()));
        Assert.Equal("The Launchpad", levels[0]!["name"]!.GetValue<string>());
        Assert.Equal([9, 13, 25, 38, 49], levels.Select(l => l!["listed"]!.GetValue<int>()));
        var l4 = levels[3]!["practicesByCategory"]!;
        Assert.Equal((10, 6, 8, 14), (l4["security"]!.GetValue<int>(), l4["efficiency"]!.GetValue<int>(), l4["delivery"]!.GetValue<int>(), l4["availability"]!.GetValue<int>()));
    }

    [Fact]
    public void Levels_text_carries_the_same_data_as_json()
    {
        var text = CliRunner.Run(Cwd, "levels").Out;
        foreach (var level in CliRunner.Run(Cwd, "levels", "--output", "json").Json.AsArray())
        {
            Assert.Contains(level!["name"]!.GetValue<string>(), text);
            Assert.Contains(level["goal"]!.GetValue<string>().Split(' ')[0], text);
        }
    }

    [Theory]
    [InlineData(1, 9, 0)]
    [InlineData(2, 13, 1)]
    [InlineData(3, 25, 2)]
    [InlineData(4, 38, 2)]
    [InlineData(5, 49, 2)]
    public void Describe_lists_exactly_the_seeds_entries_and_the_carried_ones(int level, int listed, int carried)
    {
        var result = CliRunner.Run(Cwd, "describe", level.ToString(), "--output", "json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        Assert.Equal(listed, json["listed"]!.AsArray().Count);
        Assert.Equal(carried, json["carried"]!.AsArray().Count);
        Assert.All(json["carried"]!.AsArray(), p => Assert.True(p!["carried"]!.GetValue<bool>()));
        foreach (var key in new[] { "requirements", "forWhom", "benefits", "do", "dont" })
            Assert.NotEmpty(json[key]!.AsArray());
    }

    [Fact]
    public void Describe_1_shows_what_implements_each_practice_on_each_target()
    {
        var json = CliRunner.Run(Cwd, "describe", "1", "--output", "json").Json;
        foreach (var practice in json["listed"]!.AsArray())
        {
            Assert.True(practice!["implemented"]!.GetValue<bool>(), practice["name"]!.GetValue<string>());
            Assert.DoesNotContain("not implemented", practice["implementation"]!["existing"]!.GetValue<string>());
            Assert.DoesNotContain("not implemented", practice["implementation"]!["azure"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Describe_text_and_markdown_show_the_level_practices_requirements_and_guidance()
    {
        var json = CliRunner.Run(Cwd, "describe", "2", "--output", "json").Json;
        foreach (var format in new[] { "text", "markdown" })
        {
            var text = CliRunner.Run(Cwd, "describe", "2", "--output", format).Out;
            foreach (var practice in json["listed"]!.AsArray())
                Assert.Contains(practice!["name"]!.GetValue<string>(), text);
            foreach (var item in json["dont"]!.AsArray().Concat(json["do"]!.AsArray()))
                Assert.Contains(item!.GetValue<string>(), text);
            Assert.Contains("l2-roadmap", text);
        }
        Assert.StartsWith("# Level 2 - Operational Foundation", CliRunner.Run(Cwd, "describe", "2", "-o", "markdown").Out);
    }

    [Fact]
    public void Describe_reports_practices_without_a_component_as_not_implemented_yet_never_silently()
    {
        var json = CliRunner.Run(Cwd, "describe", "5", "--output", "json").Json;
        foreach (var practice in json["listed"]!.AsArray().Where(p => !p!["implemented"]!.GetValue<bool>()))
            Assert.Equal("not implemented yet", practice!["implementation"]!["existing"]!.GetValue<string>());
        var text = CliRunner.Run(Cwd, "describe", "5").Out;
        Assert.Equal(json["listed"]!.AsArray().Count(p => !p!["implemented"]!.GetValue<bool>()),
            text.Split('\n').Count(l => l.Contains("(not implemented yet")));
    }

    [Theory]
    [InlineData(new[] { "describe", "7" }, 2, "level '7' is not allowed; allowed: 1, 2, 3, 4, 5")]
    [InlineData(new[] { "describe", "0", "--output", "json" }, 2, "allowed: 1, 2, 3, 4, 5")]
    [InlineData(new[] { "describe" }, 2, "Required argument missing")]
    [InlineData(new[] { "describe", "one" }, 2, "one")]
    [InlineData(new[] { "levels", "--output", "xml" }, 2, "--output 'xml' is not allowed; allowed: text, json")]
    [InlineData(new[] { "levels", "--output", "jsno" }, 2, "did you mean json?")]
    [InlineData(new[] { "graph", "dev", "--format", "svg" }, 2, "--format 'svg' is not allowed; allowed: mermaid, dot")]
    [InlineData(new[] { "frobnicate" }, 2, "frobnicate")]
    public void Bad_input_fails_with_a_message_on_stderr_and_the_documented_exit_code(string[] args, int exit, string message)
    {
        var result = CliRunner.Run(Cwd, args);
        Assert.Equal(exit, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Help_exits_zero()
    {
        var result = CliRunner.Run(Cwd, "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "levels", "describe", "init", "status", "render", "graph" })
            Assert.Contains(command, result.Out);
    }
}
