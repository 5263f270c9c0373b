using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests;

/// <summary>status, render and graph on stacks, and their failures.</summary>
public sealed class StackCommandsTests
{
    private static TempDirectory StackDir(string stack, string yaml)
    {
        var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("stacks"));
        File.WriteAllText(dir.Combine("stacks", $"Pulumi.{stack}.yaml"), yaml);
        return dir;
    }

    [Fact]
    public void Status_json_carries_level_target_practices_and_counts()
    {
        using var dir = new TempDirectory();
        CliRunner.Run(dir.Path, "init", "dev", "--level", "1", "--target", "azure", "--tenant", "team-a");
        var json = CliRunner.Run(dir.Path, "status", "dev", "--output", "json").Json;
        Assert.Equal(1, json["level"]!.GetValue<int>());
        Assert.Equal("The Launchpad", json["levelName"]!.GetValue<string>());
        Assert.Equal("azure", json["target"]!.GetValue<string>());
        Assert.Equal(9, json["practices"]!.AsArray().Count);
        Assert.All(json["practices"]!.AsArray(), p => Assert.Equal("implemented", p!["state"]!.GetValue<string>()));
        // Resource group, cluster, registry, key vault, kubelet pull role, and the spoke VNet init chooses (platform:network
        // spoke) with its node and API server subnets.
        Assert.Equal(8, json["resources"]!["azureResources"]!.GetValue<int>());

        var text = CliRunner.Run(dir.Path, "status", "dev").Out;
        Assert.Contains("Level 1 - The Launchpad; target azure", text);
        foreach (var practice in json["practices"]!.AsArray())
            Assert.Contains(practice!["practice"]!.GetValue<string>(), text);
    }

    [Fact]
    public void Status_names_every_config_problem_with_key_value_and_allowed_values()
    {
        using var dir = StackDir("dev", """
            config:
              platform:level: 7
              platform:target: gke
              platform:environment: production
              platform:tenant: [{name: a}]
            """);
        var result = CliRunner.Run(dir.Path, "status", "dev");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("stacks/Pulumi.dev.yaml: 4 problems", result.Error);
        Assert.Contains("platform:level: '7' is not a maturity level; allowed: 1, 2, 3, 4, 5", result.Error);
        Assert.Contains("platform:target: 'gke' is not allowed; allowed: existing, azure", result.Error);
        Assert.Contains("platform:environment: 'production' is not allowed; allowed: nonprod, prod", result.Error);
        Assert.Contains("platform:tenant: is not a known key; did you mean platform:tenants?", result.Error);
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("graph")]
    public void A_missing_stack_says_how_to_create_it(string command)
    {
        using var dir = new TempDirectory();
        var result = CliRunner.Run(dir.Path, command, "nope");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'nope' has no stack file", result.Error);
        Assert.Contains("pmctl init nope", result.Error);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line()
    {
        using var dir = StackDir("dev", "config:\n  platform:level: [1\n");
        var result = CliRunner.Run(dir.Path, "status", "dev");
        Assert.Equal(1, result.ExitCode);
        Assert.Matches("line \\d+", result.Error);
    }

    [Theory]
    [InlineData("existing")]
    [InlineData("azure")]
    public void Render_writes_a_tree_kustomize_builds_and_a_second_render_is_byte_identical(string target)
    {
        using var dir = new TempDirectory();
        CliRunner.Run(dir.Path, "init", "dev", "--level", "1", "--target", target, "--tenant", "team-a", "--tenant", "team-b");
        var first = CliRunner.Run(dir.Path, "render", "dev", "--out", "out");
        Assert.Equal(0, first.ExitCode);
        var snapshot = Snapshot(dir.Combine("out"));

        Assert.Equal(0, CliRunner.Run(dir.Path, "render", "dev", "--out", "out").ExitCode);
        Assert.Equal(snapshot, Snapshot(dir.Combine("out")));

        foreach (var file in Directory.EnumerateFiles(dir.Combine("out"), "*.yaml", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(f) is not ("kustomization.yaml" or "release.yaml" or "values.yaml")))
            Assert.Empty(SchemaValidator.ValidateYaml(File.ReadAllText(file)));
        Assert.True(File.Exists(dir.Combine("out", "foundation", "README.md")));
    }

    [SkippableFact]
    public void Kubectl_kustomize_builds_the_rendered_level_1_tree()
    {
        Skip.IfNot(Kubectl.IsAvailable, Kubectl.MissingReason);
        using var dir = new TempDirectory();
        CliRunner.Run(dir.Path, "init", "dev", "--level", "1", "--target", "existing", "--tenant", "team-a");
        CliRunner.Run(dir.Path, "render", "dev", "--out", "out");
        var (exit, output, error) = Kubectl.Kustomize(dir.Combine("out"));
        Assert.True(exit == 0, error);
        var documents = YamlDocuments.Parse(output);
        Assert.Contains(documents, d => d!["kind"]!.GetValue<string>() == "Namespace" && d["metadata"]!["name"]!.GetValue<string>() == "team-a");
        Assert.Contains(documents, d => d!["kind"]!.GetValue<string>() == "ConfigMap");
        Assert.All(documents, d => Assert.Empty(SchemaValidator.Validate(d!)));
    }

    [Fact]
    public void Render_refuses_a_folder_it_did_not_write_and_leaves_it_alone()
    {
        using var dir = new TempDirectory();
        CliRunner.Run(dir.Path, "init", "dev", "--level", "1", "--target", "existing");
        Directory.CreateDirectory(dir.Combine("mine"));
        File.WriteAllText(dir.Combine("mine", "precious.txt"), "keep me");
        var before = dir.Snapshot();

        var result = CliRunner.Run(dir.Path, "render", "dev", "--out", "mine");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not empty and was not written by pmctl render", result.Error);
        Assert.Equal(before, dir.Snapshot());
    }

    [Fact]
    public void Render_replaces_a_folder_whose_marker_lists_the_files_of_a_large_platform()
    {
        // A Level 5 stack of 3 clusters and 200 tenants writes about 16,000 files: its marker is over a megabyte.
        using var dir = new TempDirectory();
        CliRunner.Run(dir.Path, "init", "dev", "--level", "1", "--target", "existing");
        Directory.CreateDirectory(dir.Combine("out"));
        var listed = Enumerable.Range(0, 20_000).Select(i => $"tenants/tenant-{i:00000}/clusters/secondary/objects/network-policy-{i}.yaml");
        File.WriteAllText(dir.Combine("out", ".pmctl-render"), string.Join('\n', ["Rendered by pmctl render", .. listed]) + "\n");
        Assert.True(new FileInfo(dir.Combine("out", ".pmctl-render")).Length > 1024 * 1024);

        var result = CliRunner.Run(dir.Path, "render", "dev", "--out", "out");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(dir.Combine("out", "foundation", "README.md")));
    }

    [Fact]
    public void Render_release_descriptor_pins_chart_version_beside_its_values()
    {
        using var dir = new TempDirectory();
        CliRunner.Run(dir.Path, "init", "dev", "--level", "1", "--target", "existing");
        CliRunner.Run(dir.Path, "render", "dev", "--out", "out");
        var release = YamlDocuments.ParseSingle(File.ReadAllText(dir.Combine("out", "manual-application-scaling", "metrics-server", "release.yaml")))!;
        Assert.Equal(Versions.Pins.MetricsServer.Version, release["version"]!.GetValue<string>());
        Assert.Equal("kube-system", release["namespace"]!.GetValue<string>());
        Assert.Equal(Versions.Pins.MetricsServer.Repository, release["repository"]!.GetValue<string>());
        var values = YamlDocuments.ParseSingle(File.ReadAllText(dir.Combine("out", "manual-application-scaling", "metrics-server", "values.yaml")))!;
        Assert.Equal(2, values["replicas"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("mermaid", "flowchart TD", "foundation --> basic_build_processes")]
    [InlineData("dot", "digraph platform {", "\"foundation\" -> \"basic-build-processes\";")]
    public void Graph_draws_components_and_their_dependencies(string format, string header, string edge)
    {
        using var dir = new TempDirectory();
        CliRunner.Run(dir.Path, "init", "dev", "--level", "1", "--target", "azure");
        var result = CliRunner.Run(dir.Path, "graph", "dev", "--format", format);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(header, result.Out);
        Assert.Contains(edge, result.Out);
        Assert.Equal(result.Out, CliRunner.Run(dir.Path, "graph", "dev", "--format", format).Out);
    }

    [Fact]
    public void Graph_shows_practices_without_a_component_as_dashed_nodes()
    {
        using var dir = new TempDirectory();
        CliRunner.Run(dir.Path, "init", "dev", "--level", "5", "--target", "existing", "--force");
        var result = CliRunner.Run(dir.Path, "graph", "dev");
        var absent = CliRunner.Run(dir.Path, "status", "dev", "--output", "json").Json["practices"]!.AsArray()
            .Where(p => p!["state"]!.GetValue<string>() != "implemented").ToList();
        Assert.Equal(absent.Count, result.Out.Split('\n').Count(l => l.EndsWith(":::absent")));
    }

    private static IReadOnlyDictionary<string, string> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllText);
}
