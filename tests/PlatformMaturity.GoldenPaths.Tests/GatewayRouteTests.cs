using System.Text.Json.Nodes;
using PlatformMaturity.Cli;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.GoldenPaths.Rendering;
using PlatformMaturity.Graph;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>An exposed app is reachable from outside: its HTTPRoute attaches to the Gateway the platform actually builds.</summary>
public sealed class GatewayRouteTests : IDisposable
{
    private const string Host = "shop.team-a.example.com";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, int, DeploymentTarget> ExposableCases()
    {
        var data = new TheoryData<string, int, DeploymentTarget>();
        foreach (var goldenPath in new[] { "web-service", "ml-inference" })
        {
            for (var level = TestPlatforms.Catalog.Find(goldenPath)!.Manifest.MinimumLevel; level <= 5; level++)
            {
                foreach (var target in Enum.GetValues<DeploymentTarget>())
                    data.Add(goldenPath, level, target);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ExposableCases))]
    public void An_exposed_app_with_a_host_gets_an_http_route_attached_to_the_platform_gateway_and_its_service(string goldenPath, int level, DeploymentTarget target)
    {
        var config = TestPlatforms.Config(level, target);
        var graph = Composer.Default.Compose(config);
        var objects = RenderedObjects(goldenPath, level, target, graph, $"host={Host}");

        var route = Assert.Single(objects, o => o.Kind == "HTTPRoute");
        Assert.Empty(SchemaValidator.Validate(route.Json));
        var parent = Assert.Single(route.Json["spec"]!["parentRefs"]!.AsArray())!;
        var gateway = graph.Resources.OfType<KubernetesResource>().Single(r =>
            r.Kind == "Gateway" && r.ObjectName == parent["name"]!.GetValue<string>() && r.Namespace == parent["namespace"]!.GetValue<string>());
        Assert.Equal([Host], route.Json["spec"]!["hostnames"]!.AsArray().Select(h => h!.GetValue<string>()));

        // The Gateway admits the route: the route's namespace is a namespace the graph creates, selected by every listener.
        var routeNamespace = route.Json["metadata"]!["namespace"]!.GetValue<string>();
        var ns = graph.Resources.OfType<KubernetesResource>().Single(r => r.Kind == "Namespace" && r.ObjectName == routeNamespace);
        var labels = new Dictionary<string, string>(ns.Object.Metadata.Labels ?? new Dictionary<string, string>()) { ["kubernetes.io/metadata.name"] = routeNamespace };
        Assert.All(((CustomObject)gateway.Object).Spec!["listeners"]!.AsArray(), l => Assert.True(Selects(l!["allowedRoutes"]!["namespaces"]!["selector"]!, labels)));

        var backend = Assert.Single(Assert.Single(route.Json["spec"]!["rules"]!.AsArray())!["backendRefs"]!.AsArray())!;
        var service = Assert.Single(objects, o => o.Kind == "Service" && o.Json["spec"]!["type"]?.GetValue<string>() == "ClusterIP" && o.Json["spec"]!["clusterIP"] is null);
        Assert.Equal(service.Name, backend["name"]!.GetValue<string>());
        Assert.Equal(service.Json["spec"]!["ports"]![0]!["port"]!.GetValue<long>(), backend["port"]!.GetValue<long>());
        Assert.Equal(service.Json["metadata"]!["namespace"]!.GetValue<string>(), routeNamespace);
    }

    [Theory]
    [InlineData("web-service", 1, DeploymentTarget.Existing)]
    [InlineData("web-service", 3, DeploymentTarget.Azure)]
    [InlineData("ml-inference", 5, DeploymentTarget.Existing)]
    public void An_app_not_exposed_or_without_a_host_gets_no_route(string goldenPath, int level, DeploymentTarget target)
    {
        var graph = Composer.Default.Compose(TestPlatforms.Config(level, target));
        Assert.DoesNotContain(RenderedObjects(goldenPath, level, target, graph, $"host={Host}", "expose=false"), o => o.Kind == "HTTPRoute");
        Assert.DoesNotContain(RenderedObjects(goldenPath, level, target, graph), o => o.Kind == "HTTPRoute");
    }

    [Theory]
    [InlineData("Shop.example.com")]
    [InlineData("shop..example.com")]
    [InlineData("*.example.com")]
    [InlineData("shop.example.com/admin")]
    [InlineData("-shop.example.com")]
    [InlineData("shop_1.example.com")]
    public void App_new_refuses_a_host_that_is_not_a_dns_hostname_exits_1_and_writes_nothing(string host)
    {
        Directory.CreateDirectory(_dir.Combine("stacks"));
        File.WriteAllText(_dir.Combine("stacks", "Pulumi.l1.yaml"), """
            config:
              platform:level: 1
              platform:target: existing
              platform:registry: registry.example.com/apps
              platform:tenants:
                - name: team-a
            """);
        var before = _dir.Snapshot();
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Pmctl.Run(["app", "new", "shop", "--template", "web-service", "--stack", "l1", "--team", "team-a", "--out", "out",
            "--set", $"host={host}", "--stacks-dir", "stacks", "--template-dir", Path.Combine(TestPaths.RepositoryRoot, "templates")],
            new CliIO(output, error, _dir.Path));

        Assert.Equal(ExitCodes.UserProblem, exit);
        Assert.Contains($"--set host: '{host}' is not allowed", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, _dir.Snapshot());
    }

    private static IReadOnlyList<RenderedObject> RenderedObjects(string goldenPath, int level, DeploymentTarget target, PlatformGraph graph, params string[] sets)
    {
        var request = new AppRequest("shop", goldenPath, "team-a", [.. TestPlatforms.RequiredSets(goldenPath, level, target), .. sets]);
        // The platform the graph builds; ml-inference needs GPU capacity this version does not build yet, so it renders
        // on the same stack with every practice taken as implemented (the Gateway it must attach to is still the graph's).
        var platform = goldenPath == "ml-inference" ? TestPlatforms.Platform(level, target) : PlatformContext.Of(graph, Model.MaturityModel.Default);
        return RenderedObject.Of(GoldenPathRenderer.Render(request, TestPlatforms.Catalog, platform));
    }

    private static bool Selects(JsonNode selector, IReadOnlyDictionary<string, string> labels) =>
        (selector["matchLabels"]?.AsObject() ?? []).All(l => labels.GetValueOrDefault(l.Key) == l.Value!.GetValue<string>())
        && (selector["matchExpressions"]?.AsArray() ?? []).All(e =>
        {
            var key = e!["key"]!.GetValue<string>();
            var values = e["values"]?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? [];
            return e["operator"]!.GetValue<string>() switch
            {
                "In" => labels.TryGetValue(key, out var v) && values.Contains(v),
                "Exists" => labels.ContainsKey(key),
                var op => throw new InvalidOperationException($"operator {op} not expected in the platform gateway's selector"),
            };
        });
}
