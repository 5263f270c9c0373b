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

    /// <summary>The golden paths a stack's portal offers, and the platform pmctl app new sees for that stack.</summary>
    private static (IReadOnlyList<string> Offered, PlatformContext Platform) Portal(string stack, Composer composer)
    {
        var config = PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, stack), stack), stack);
        var graph = composer.Compose(config);
        var catalog = (V1ConfigMap)graph.Resources.OfType<KubernetesResource>()
            .Single(r => r.Kind == "ConfigMap" && r.ObjectName == InternalDeveloperPlatform.CatalogConfigMap).Object;
        var offered = YamlDocuments.Parse(catalog.Data[InternalDeveloperPlatform.TemplatesCatalogFile]).OfType<JsonObject>()
            .Select(t => t["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        return (offered, PlatformContext.Of(graph, composer.Model));
    }

    /// <summary>The tool as it was before it implemented a practice: its catalog without that practice's component.</summary>
    private static Composer Without(string practice)
    {
        var model = Model.MaturityModel.Default;
        var components = PracticeCatalog.Default.ImplementedPractices.Where(p => p != practice)
            .Select(p => PracticeCatalog.Default.TryGet(p, out var component) ? component : throw new InvalidOperationException(p)).Distinct();
        return new Composer(model, new PracticeCatalog(components, model));
    }

    public static TheoryData<string, string?> Platforms => new()
    {
        { "l5-existing", null },
        { "l5-azure", null },
        // A Level 5 platform without Just-in-time Capacity has no GPU capacity: the ML golden paths cannot run on it.
        { "l5-azure", "Just-in-time Capacity" },
        { "l5-existing", "Advanced Volume Management" },
    };

    [Theory]
    [MemberData(nameof(Platforms))]
    public void The_portal_offers_exactly_the_golden_paths_pmctl_app_new_runs_on_its_platform(string stack, string? missing)
    {
        var (offered, platform) = Portal(stack, missing is null ? Composer.Default : Without(missing));
        foreach (var goldenPath in TestPlatforms.Catalog.GoldenPaths)
        {
            // What pmctl app new does with the golden path on this platform: render it, or refuse it for what the platform lacks.
            var refusal = Record.Exception(() => GoldenPathRenderer.Render(TestPlatforms.Request(goldenPath.Name, 5, platform.Config.Target), TestPlatforms.Catalog, platform));
            Assert.True(refusal is null or GoldenPathInputException, $"{stack} {goldenPath.Name}: {refusal}");
            var runs = refusal is null;
            Assert.True(runs == offered.Contains(goldenPath.Name),
                $"{stack}: the portal {(offered.Contains(goldenPath.Name) ? "offers" : "does not offer")} {goldenPath.Name}, which pmctl app new {(runs ? "runs" : $"refuses: {refusal!.Message}")}");
            if (!runs)
                Assert.Contains("cannot run on stack", ((GoldenPathInputException)refusal!).Problems.Single().Message, StringComparison.Ordinal);
        }
        Assert.Contains("web-service", offered);
        // Without the practice, the golden paths that require it are the ones left out (and the stack says so).
        var needing = TestPlatforms.Catalog.GoldenPaths.Where(g => g.Manifest.Requires.Any(r => r.Practice == missing)).Select(g => g.Name).ToList();
        Assert.Equal(missing is null ? [] : needing, TestPlatforms.Catalog.GoldenPaths.Select(g => g.Name).Except(offered).ToList());
    }
}
