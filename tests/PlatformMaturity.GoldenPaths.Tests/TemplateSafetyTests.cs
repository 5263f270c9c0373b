using PlatformMaturity.GoldenPaths.Output;
using PlatformMaturity.GoldenPaths.Rendering;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>A platform team's own templates (--template-dir) are validated the same way, and none can write outside the output folder.</summary>
public sealed class TemplateSafetyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Manifest = """
        name: tiny
        description: A minimal golden path for tests.
        minimumLevel: 1
        parameters:
          - name: port
            type: port
            description: A port.
            default: "8080"
        """;

    /// <summary>Writes templates/tiny with the manifest and files given (path → content).</summary>
    private string Templates(string? manifest = null, params (string Path, string Content)[] files)
    {
        var root = _dir.Combine("templates");
        var tiny = Path.Combine(root, "tiny");
        Directory.CreateDirectory(tiny);
        File.WriteAllText(Path.Combine(tiny, "template.yaml"), manifest ?? Manifest);
        foreach (var (path, content) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(tiny, path))!);
            File.WriteAllText(Path.Combine(tiny, path), content);
        }
        return root;
    }

    private static RenderedApp Render(string templates, int level = 3) =>
        GoldenPathRenderer.Render(new AppRequest("shop", "tiny", "team-a", []), GoldenPathCatalog.Load(templates), TestPlatforms.Platform(level));

    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ app.name }}\n  labels:\n    platform.maturity/practice: {{ trace \"Basic Delivery Processes\" }}\n";

    [Theory]
    [InlineData("../escape.yaml", "'..' segment")]
    [InlineData("a/../../escape.yaml", "'..' segment")]
    [InlineData("/tmp/absolute.yaml", "absolute path")]
    [InlineData("C:/absolute.yaml", "absolute path")]
    [InlineData("a\\\\..\\\\escape.yaml", "'\\'")]
    [InlineData("./x.yaml", "'.' segment")]
    [InlineData("a//x.yaml", "'' segment")]
    [InlineData("{name}/../../x.yaml", "'..' segment")]
    public void Output_names_that_leave_the_output_folder_are_refused_and_nothing_is_written(string output, string expected)
    {
        var templates = Templates(Manifest + $"\noutputs:\n  \"cm.yaml.sbn\": \"{output}\"\n", ("cm.yaml.sbn", ConfigMap));
        var e = Assert.Throws<TemplateDefinitionException>(() => Render(templates));
        Assert.Contains("tiny/cm.yaml.sbn: output name", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("may only write inside the output folder", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("escape.yaml")));
    }

    [Fact]
    public void The_writer_itself_refuses_paths_outside_the_folder_even_if_a_renderer_produced_them()
    {
        var app = new RenderedApp("shop", "tiny", 1, [new RenderedAppFile("../escape.yaml", "x: 1\n", [])], [], []);
        var output = _dir.Combine("out");
        Assert.Throws<TemplateDefinitionException>(() => AppWriter.Write(app, output, force: true));
        Assert.False(File.Exists(_dir.Combine("escape.yaml")));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_template_must_trace_its_objects_to_a_practice_the_platform_provides()
    {
        var templates = Templates(null, ("app.yaml.sbn", "kind: Application\nlabel: {{ trace \"GitOps Application Management\" }}\n"));
        var e = Assert.Throws<TemplateDefinitionException>(() => Render(templates, level: 3));
        Assert.Contains("tiny/app.yaml.sbn", e.Message, StringComparison.Ordinal);
        Assert.Contains("the platform provides none of 'GitOps Application Management' (stack 'l3', Level 3, target existing)", e.Message, StringComparison.Ordinal);

        Assert.Equal(["GitOps Application Management"], Render(templates, level: 4).Files.Single(f => f.Path == "app.yaml").Practices.ToArray());

        // In effect at Level 4 but not implemented: the same refusal.
        var config = TestPlatforms.Config(4);
        var withoutGitOps = PlatformContext.Assuming(config, PlatformMaturity.Model.MaturityModel.Default.InEffectAt(4)
            .Select(p => p.Practice.Name).Where(n => n != "GitOps Application Management"));
        var missing = Assert.Throws<TemplateDefinitionException>(() =>
            GoldenPathRenderer.Render(new AppRequest("shop", "tiny", "team-a", []), GoldenPathCatalog.Load(templates), withoutGitOps));
        Assert.Contains("the platform provides none of 'GitOps Application Management' (stack 'l4', Level 4", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ trace \"Argo Magic\" }}", "'Argo Magic' is not a practice of the maturity model")]
    [InlineData("{{ provides \"Argo Magic\" }}", "'Argo Magic' is not a practice of the maturity model")]
    [InlineData("{{ practices.restricted_container_runtme }}", "restricted_container_runtme")]
    [InlineData("{{ values.prot }}", "prot")]
    [InlineData("{{ undefined_variable }}", "undefined_variable")]
    [InlineData("{{ include '../../etc/passwd' }}", "no such partial")]
    [InlineData("{{ include '/etc/passwd' }}", "no such partial")]
    public void Typos_and_reads_outside_the_templates_fail_the_render_instead_of_rendering_empty(string body, string expected)
    {
        var templates = Templates(null, ("x.yaml.sbn", body));
        var e = Assert.Throws<TemplateDefinitionException>(() => Render(templates));
        Assert.Contains("tiny/x.yaml.sbn", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Symbolic_links_in_the_templates_folder_are_refused()
    {
        var templates = Templates(null, ("ok.yaml.sbn", ConfigMap));
        File.CreateSymbolicLink(Path.Combine(templates, "tiny", "leak.yaml.sbn"), "/etc/hostname");
        var e = Assert.Throws<TemplateDefinitionException>(() => GoldenPathCatalog.Load(templates));
        Assert.Contains("tiny/leak.yaml.sbn: is a symbolic link", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 7\nparameters: []\n", "minimumLevel 7 is not a level")]
    [InlineData("name: other\ndescription: x\nminimumLevel: 1\nparameters: []\n", "must match its folder 'tiny'")]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 4\nparameters: []\n", "needs belowMinimum")]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 4\nbelowMinimum: {level: 3, section: dont, text: Run anything}\nparameters: []\n", "is not a line of Level 3's dont in the seed")]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 1\ncolour: blue\nparameters: []\n", "colour")]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 1\nparameters:\n  - {name: p, type: colour, description: x}\n", "type 'colour' is not a parameter type")]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 1\nparameters:\n  - {name: p, type: port, description: x, default: \"99999\"}\n", "default '99999' is not allowed")]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 1\nparameters:\n  - {name: p, type: port, description: x, requiredWhen: Argo Magic}\n", "'Argo Magic' is not a practice")]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 1\nparameters:\n  - {name: p, type: integer, description: x}\n", "needs min and max")]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 1\nparameters:\n  - {name: p, type: cpu, description: x, atMost: q}\n", "atMost names 'q'")]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 1\nparameters:\n  - {name: p, type: port, description: x, requiredWhen: [Golden Paths, Argo Magic]}\n", "'Argo Magic' is not a practice")]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 1\nparameters:\n  - {name: p, type: port, description: x, requiredWhen: {a: b}}\n", "requiredWhen must be a practice's name or a list of them")]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 1\nrequires:\n  - {practice: Argo Magic, for: x}\nparameters: []\n", "requires[0]: 'Argo Magic' is not a practice")]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 1\nrequires:\n  - {practice: Golden Paths, apiGroup: a.b, for: x}\nparameters: []\n", "requires[0]: give either practice")]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 1\nrequires:\n  - {apiGroup: apps, for: x}\nparameters: []\n", "apiGroup 'apps' is not the API group of a CRD")]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 1\nrequires:\n  - {apiGroup: http.keda.sh}\nparameters: []\n", "requires[0]: for is required")]
    [InlineData("name: tiny\ndescription: x\nminimumLevel: 1\nrequires:\n  - {practice: Golden Paths, for: x}\nparameters: []\n", "'Golden Paths' is not in effect at Level 1, 2, which the golden path supports")]
    public void Broken_manifests_are_refused_naming_the_file_and_the_problem(string manifest, string expected)
    {
        var templates = Templates(manifest, ("x.yaml.sbn", ConfigMap));
        var e = Assert.Throws<TemplateDefinitionException>(() => GoldenPathCatalog.Load(templates));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Argo Magic: a thing\n", "_shared/practices.yaml: 'Argo Magic' is not a practice of the maturity model")]
    [InlineData("Golden Paths: \"\"\n", "_shared/practices.yaml: 'Golden Paths' needs one line")]
    [InlineData("Golden Paths: [a, b]\n", "_shared/practices.yaml: line")]
    public void A_broken_practices_file_is_refused_naming_the_entry(string content, string expected)
    {
        var templates = Templates(null, ("x.yaml.sbn", ConfigMap));
        Directory.CreateDirectory(Path.Combine(templates, "_shared"));
        File.WriteAllText(Path.Combine(templates, "_shared", "practices.yaml"), content);
        var e = Assert.Throws<TemplateDefinitionException>(() => GoldenPathCatalog.Load(templates));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_may_not_write_the_record_of_written_files()
    {
        var templates = Templates(Manifest + "\noutputs:\n  \"cm.yaml.sbn\": \".pmctl-app\"\n", ("cm.yaml.sbn", ConfigMap));
        var e = Assert.Throws<TemplateDefinitionException>(() => Render(templates));
        Assert.Contains("tiny/cm.yaml.sbn: output name '.pmctl-app' is where pmctl records the files it wrote", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_syntax_errors_are_reported_with_file_and_line_when_loading()
    {
        var templates = Templates(null, ("x.yaml.sbn", "a: 1\nb: {{ if }}\n"));
        var e = Assert.Throws<TemplateDefinitionException>(() => GoldenPathCatalog.Load(templates));
        Assert.Contains("tiny/x.yaml.sbn(2,", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_platform_teams_own_golden_path_renders_and_traces_like_the_shipped_ones()
    {
        var templates = Templates(null, ("cm.yaml.sbn", ConfigMap + "data:\n  port: {{ q values.port }}\n"), ("_part.sbn", "ignored: true\n"));
        var app = Render(templates);
        var file = Assert.Single(app.Files);
        Assert.Equal("cm.yaml", file.Path);
        Assert.Equal(["Basic Delivery Processes"], file.Practices.ToArray());
        Assert.Equal("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop\n  labels:\n    platform.maturity/practice: basic-delivery-processes\ndata:\n  port: \"8080\"\n", file.Content);
        Assert.Empty(SchemaValidator.ValidateYaml(file.Content));
    }
}
