namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>
/// YAML that every reader here would silently ignore or reinterpret: tags (<c>!!python/object</c>, <c>!foo</c>) and
/// mapping keys that are not text. Each is refused with the file, line and column; nothing is written.
/// </summary>
public sealed class YamlTagAndKeyTests
{
    [Theory]
    [InlineData("  platform:registry: !!python/object:os.system localhost:5001\n", "the YAML tag !!python/object:os.system is not allowed")]
    [InlineData("  platform:registry: !foo localhost:5001\n", "the YAML tag !foo is not allowed")]
    [InlineData("  platform:tenants: !!set {team-a}\n", "the YAML tag !!set is not allowed")]
    [InlineData("  platform:tenants:\n  - !<tag:example.com,2000:app> {name: team-a}\n", "line 6, column 5: the YAML tag tag:example.com,2000:app is not allowed")]
    public void A_custom_tag_in_a_stack_file_is_refused_with_its_position(string extra, string message)
    {
        using var ws = new Workspace();
        ws.WriteStack(HostileYaml.StackWith(extra));
        var before = ws.Snapshot();

        foreach (var args in new[] { new[] { "status", Workspace.Stack }, ["upgrade", Workspace.Stack, "--to", "2", "--yes", .. Workspace.AttestAll(2)] })
        {
            var result = ws.Run(args);

            HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", "line", "column", message);
            HostileAssert.Unchanged(before, ws.Root);
        }
    }

    [Fact]
    public void Core_tags_that_only_say_what_a_value_is_are_accepted()
    {
        using var ws = new Workspace();
        ws.WriteStack(File.ReadAllText(ws.StackFile).Replace("platform:registry: localhost:5001", "platform:registry: !!str localhost:5001"));

        var result = ws.Run("status", Workspace.Stack);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void A_custom_tag_in_the_project_file_is_refused_with_its_position()
    {
        using var ws = new Workspace();
        File.WriteAllText(ws.Combine("Pulumi.yaml"), "name: platform\nruntime: dotnet\nstackConfigDir: !shell stacks\n");
        var before = ws.Snapshot();

        var result = ws.Run("status", Workspace.Stack);

        HostileAssert.Refused(result, 1, "Pulumi.yaml", "line 3, column 17", "the YAML tag !shell is not allowed");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Theory]
    [InlineData("  ~: x\n", "line 5, column 3: the key '~' is null, not text")]
    [InlineData("  null: x\n", "line 5, column 3: the key 'null' is null, not text")]
    [InlineData("  ? \n  : x\n", "line 5, column 4: an empty key is null, not text")]
    [InlineData("  : x\n", "line 5, column 4: an empty key is null, not text; every key must be text (write the key's name before the colon)")]
    [InlineData("  1: x\n", "line 5, column 3: the key '1' is a number, not text; every key must be text (quote it, '1', if you mean the text)")]
    [InlineData("  0x1F: x\n", "the key '0x1F' is a number")]
    [InlineData("  .inf: x\n", "the key '.inf' is a number")]
    [InlineData("  true: x\n", "line 5, column 3: the key 'true' is a boolean, not text")]
    [InlineData("  !!int \"7\": x\n", "the key '7' is a number")]
    [InlineData("  platform:tenants:\n  - {name: team-a, 2: b}\n", "line 6, column 20: the key '2' is a number")]
    [InlineData("  platform:tenants:\n  - name: team-a\n    ~: b\n", "line 7, column 5: the key '~' is null")]
    [InlineData("  &k platform:x: 1\n  *k : 2\n", "line 6, column 3: a key must be plain text, not an alias (*k)")]
    public void A_mapping_key_that_is_not_text_is_refused_with_its_position(string extra, string message)
    {
        using var ws = new Workspace();
        ws.WriteStack(HostileYaml.StackWith(extra));
        var before = ws.Snapshot();

        var result = ws.Run("status", Workspace.Stack);

        HostileAssert.Refused(result, 1, "stacks/Pulumi.s.yaml", message);
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Theory]
    [InlineData("  \"1\": x\n")]
    [InlineData("  'true': x\n")]
    [InlineData("  platform:tenants:\n  - {name: team-a, group: team-a-devs, tier: small}\n")]
    public void A_quoted_key_is_text_and_accepted(string extra)
    {
        using var ws = new Workspace();
        ws.WriteStack(HostileYaml.StackWith(extra));

        var result = ws.Run("status", Workspace.Stack);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void A_null_key_in_the_project_file_is_refused()
    {
        using var ws = new Workspace();
        File.WriteAllText(ws.Combine("Pulumi.yaml"), "name: platform\nruntime: dotnet\n~: stacks\n");
        var before = ws.Snapshot();

        var result = ws.Run("status", Workspace.Stack);

        HostileAssert.Refused(result, 1, "Pulumi.yaml", "line 3, column 1: the key '~' is null, not text");
        HostileAssert.Unchanged(before, ws.Root);
    }

    [Fact]
    public void A_tag_in_a_golden_path_manifest_is_refused_naming_the_manifest()
    {
        using var ws = new Workspace();
        var templates = ws.CopyTemplates();
        var manifest = Path.Combine(templates, "worker", "template.yaml");
        File.WriteAllText(manifest, "!!python/object:os.system\n" + File.ReadAllText(manifest));
        var before = ws.Snapshot();

        var result = ws.Run("app", "new", "jobs", "--template", "worker", "--stack", Workspace.Stack, "--out", "app", "--template-dir", templates);

        HostileAssert.Refused(result, 1, "worker/template.yaml", "line 1, column 1", "the YAML tag !!python/object:os.system is not allowed", "Nothing was written");
        HostileAssert.Unchanged(before, ws.Root);
    }
}
