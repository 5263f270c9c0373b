using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.GoldenPaths.Manifest;
using PlatformMaturity.GoldenPaths.Parameters;
using PlatformMaturity.GoldenPaths.Rendering;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>
/// The developer portal's software templates (Internal Developer Platform, Level 5) are the golden paths as pmctl app
/// new reads them: one per golden path, each form field a parameter with the same type, choices, range and obligation,
/// so the portal cannot offer what pmctl refuses or miss what it requires. Apps' catalog entries land on the portal's
/// System and Groups.
/// </summary>
public sealed class PortalTemplatesTests
{
    private static readonly PlatformConfig Config = TestPlatforms.Config(5) with
    {
        BackstageImage = "registry.example.com/apps/backstage@sha256:4f0c2a9e7d1b3c5a6e8f9d0b1c2a3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d",
        GitOps = GitOpsConfig.Default with { RepoUrl = "https://github.com/acme/platform.git" },
    };

    private static readonly Lazy<PlatformGraph> Graph = new(() => Composer.Default.Compose(Config));

    private static V1ConfigMap Catalog() => (V1ConfigMap)Graph.Value.Resources.OfType<KubernetesResource>()
        .Single(r => r.Kind == "ConfigMap" && r.ObjectName == InternalDeveloperPlatform.CatalogConfigMap).Object;

    private static IReadOnlyList<JsonObject> Templates() =>
        [.. YamlDocuments.Parse(Catalog().Data[InternalDeveloperPlatform.TemplatesCatalogFile]).OfType<JsonObject>()];

    public static TheoryData<string> GoldenPaths() => [.. TestPlatforms.Catalog.GoldenPaths.Select(g => g.Name)];

    [Fact]
    public void There_is_one_template_per_golden_path()
    {
        Assert.Equal(TestPlatforms.Catalog.GoldenPaths.Select(g => g.Name).Order(StringComparer.Ordinal),
            Templates().Select(t => t["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(GoldenPaths))]
    public void A_templates_form_is_its_golden_paths_parameters_as_pmctl_app_new_takes_them_at_the_level(string name)
    {
        var manifest = TestPlatforms.Catalog.Find(name)!.Manifest;
        var platform = PlatformContext.Of(Graph.Value, Model.MaturityModel.Default);
        var template = Templates().Single(t => t["metadata"]!["name"]!.GetValue<string>() == name);
        Assert.Equal(manifest.Description, template["metadata"]!["description"]!.GetValue<string>());
        Assert.Equal(manifest.CatalogType, template["spec"]!["type"]!.GetValue<string>());
        var page = template["spec"]!["parameters"]![1]!.AsObject();
        var fields = page["properties"]!.AsObject();

        var expected = manifest.Parameters.Where(p => p.Practice is null || platform.InEffect(p.Practice)).ToList();
        Assert.Equal(expected.Select(p => p.Name), fields.Select(f => f.Key));
        foreach (var parameter in expected)
        {
            var field = fields[parameter.Name]!;
            Assert.Equal(parameter.Type switch
            {
                ParameterType.Integer or ParameterType.Port => "integer",
                ParameterType.Boolean => "boolean",
                _ => "string",
            }, field["type"]!.GetValue<string>());
            Assert.Equal(parameter.Allowed.IsDefaultOrEmpty ? null : parameter.Allowed, field["enum"]?.AsArray().Select(v => v!.GetValue<string>()).ToList());
            if (parameter.Type == ParameterType.Integer)
            {
                Assert.Equal(parameter.Min, field["minimum"]?.GetValue<long>());
                Assert.Equal(parameter.Max, field["maximum"]?.GetValue<long>());
            }
            Assert.Equal(parameter.Description, field["description"]!.GetValue<string>());
        }
        var required = expected.Where(p => p.Required || p.RequiredWhen.Any(platform.Provides)).Select(p => p.Name).ToList();
        Assert.Equal(required, page["required"]?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? []);
    }

    [Theory]
    [MemberData(nameof(GoldenPaths))]
    public void The_values_a_template_sends_are_accepted_by_pmctl_app_new(string name)
    {
        // The form's defaults and the required values the tests use elsewhere, as the workflow turns them into --set.
        var template = Templates().Single(t => t["metadata"]!["name"]!.GetValue<string>() == name);
        var fields = template["spec"]!["parameters"]![1]!["properties"]!.AsObject();
        var required = TestPlatforms.Request(name, 5).Sets;
        var defaults = fields.Where(f => f.Value!["default"] is not null)
            .Select(f => $"{f.Key}={(f.Value!["default"] is JsonValue v && v.TryGetValue<bool>(out var b) ? (b ? "true" : "false") : f.Value!["default"]!.ToString())}")
            .Where(s => !required.Any(r => r.StartsWith(s[..(s.IndexOf('=') + 1)], StringComparison.Ordinal)));
        var request = TestPlatforms.Request(name, 5) with { Sets = [.. required, .. defaults] };
        var app = GoldenPathRenderer.Render(request, TestPlatforms.Catalog, PlatformContext.Of(Graph.Value, Model.MaturityModel.Default));
        Assert.NotEmpty(app.Files);
    }

    [Fact]
    public void An_apps_catalog_entry_names_the_system_and_the_group_the_portal_catalog_defines()
    {
        var app = GoldenPathRenderer.Render(TestPlatforms.Request("web-service", 5), TestPlatforms.Catalog, PlatformContext.Of(Graph.Value, Model.MaturityModel.Default));
        var component = YamlDocuments.ParseSingle(app.Files.Single(f => f.Path == "catalog-info.yaml").Content)!;
        var entities = YamlDocuments.Parse(Catalog().Data[InternalDeveloperPlatform.PlatformCatalogFile]).OfType<JsonObject>()
            .Select(e => $"{e["kind"]!.GetValue<string>().ToLowerInvariant()}:{e["metadata"]!["name"]!.GetValue<string>()}").ToHashSet();
        Assert.Contains(component["spec"]!["owner"]!.GetValue<string>(), entities);
        Assert.Contains($"system:{component["spec"]!["system"]!.GetValue<string>()}", entities);
    }
}
