using CsCheck;
using PlatformMaturity.Config;
using PlatformMaturity.GoldenPaths.Rendering;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.GoldenPaths.Tests.TestPlatforms;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>Properties over generated input: valid input always renders valid objects; any input is either refused or renders valid objects.</summary>
public sealed class PropertyTests
{
    private static readonly Gen<string> Label =
        Gen.Select(Gen.Char['a', 'z'], Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"], 0, 30], Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"],
            (first, middle, last) => first + middle + last);

    private static readonly Gen<string> Tag =
        Gen.Select(Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"], Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789_.-"], 0, 40],
            (first, rest) => first + rest).Where(t => !string.Equals(t, "latest", StringComparison.OrdinalIgnoreCase));

    private static readonly Gen<(int Request, int Limit)> Millicores =
        Gen.Select(Gen.Int[1, 4000], Gen.Int[0, 4000], (request, extra) => (request, request + extra));

    private static readonly Gen<(int Request, int Limit)> Mebibytes =
        Gen.Select(Gen.Int[16, 8192], Gen.Int[0, 8192], (request, extra) => (request, request + extra));

    /// <summary>Valid names that YAML reads as booleans or null when unquoted (YAML 1.1, which kubectl's parser follows, or 1.2).</summary>
    private static readonly string[] AmbiguousWords = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"];

    /// <summary>A random valid web-service, worker or cron-job request at a random level and target.</summary>
    private static readonly Gen<(AppRequest Request, int Level, DeploymentTarget Target, EnvironmentKind Environment)> ValidRequests =
        from level in Gen.Int[1, 5]
        from target in Gen.OneOf(DeploymentTarget.Existing, DeploymentTarget.Azure)
        from environment in Gen.OneOf(EnvironmentKind.NonProd, EnvironmentKind.Prod)
        from goldenPath in Gen.OneOf("web-service", "worker", "cron-job")
        from name in Gen.OneOf(Label.Where(n => n.Length <= 40), Gen.OneOf(AmbiguousWords))
        from port in Gen.Int[1, 65535]
        from replicas in Gen.Int[1, 50]
        from extra in Gen.Int[0, 50]
        from cpu in Millicores
        from memory in Mebibytes
        from tag in Tag
        from peers in Gen.Select(Label.Where(n => n.Length <= 20), Gen.Int[0, 3], (l, n) => string.Join(",", Enumerable.Range(0, n).Select(i => $"{l}{i}")))
        from canary in Gen.Bool
        from slo in Gen.Select(Gen.Int[90, 99], Gen.Int[0, 999], (whole, fraction) => $"{whole}.{fraction}")
        from minute in Gen.Int[0, 59]
        select (new AppRequest(name, goldenPath, level >= 2 ? "team-b" : null, [
            .. RequiredSets(goldenPath, level, target).Where(s => !s.StartsWith("schedule=", StringComparison.Ordinal)),
            $"tag={tag}", $"cpu-request={cpu.Request}m", $"cpu-limit={cpu.Limit}m",
            $"memory-request={memory.Request}Mi", $"memory-limit={memory.Limit}Mi",
            .. goldenPath == "cron-job"
                ? (string[])[$"schedule={minute} */2 * * 1-5"]
                : [$"replicas={replicas}", $"max-replicas={Math.Min(100, replicas + extra)}", $"canary={(canary ? "true" : "false")}",
                   goldenPath == "web-service" ? $"port={port}" : $"health-port={port}"],
            .. goldenPath == "web-service" ? (string[])[$"allow-from={peers}", $"slo={slo}"] : [],
        ]), level, target, environment);

    [Fact]
    public void Any_valid_input_renders_YAML_that_parses_and_validates()
    {
        ValidRequests.Sample(x =>
        {
            var app = GoldenPathRenderer.Render(x.Request, Catalog, Platform(x.Level, x.Target, x.Environment));
            foreach (var file in app.Files.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal)))
            {
                Assert.NotEmpty(YamlDocuments.Parse(file.Content));
                Assert.Empty(AmbiguousPlainValues(file.Content));
            }
            var objects = RenderedObject.Of(app);
            Assert.Contains(objects, o => o.Name == x.Request.Name);
            Assert.Empty(objects.SelectMany(o => SchemaValidator.Validate(o.Json)));
        }, iter: 150, threads: 1);
    }

    /// <summary>Unquoted values that YAML 1.1 (kubectl) reads as booleans or null although the template meant text.</summary>
    private static IEnumerable<string> AmbiguousPlainValues(string yaml)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.SelectMany(d => d.AllNodes)
            .OfType<YamlDotNet.RepresentationModel.YamlMappingNode>()
            .SelectMany(m => m.Children.Values)
            .OfType<YamlDotNet.RepresentationModel.YamlScalarNode>()
            .Where(s => s.Style == YamlDotNet.Core.ScalarStyle.Plain && s.Value is { } v && AmbiguousWords.Except(["true", "false"]).Contains(v, StringComparer.OrdinalIgnoreCase))
            .Select(s => $"line {s.Start.Line}: {s.Value}");
    }

    /// <summary>Text with everything that breaks YAML, shells and templates.</summary>
    private static readonly Gen<string> AnyText =
        Gen.String[Gen.Char[" abcAZ09-_./:#\"'\\`{}[]%$@&*!|>?,\n\t\r~=+"], 0, 24];

    [Theory]
    [InlineData("description")]
    [InlineData("cost-center")]
    [InlineData("image")]
    [InlineData("tag")]
    [InlineData("health-path")]
    [InlineData("allow-from")]
    [InlineData("port")]
    public void Any_value_is_either_refused_naming_its_parameter_or_renders_valid_YAML(string parameter)
    {
        AnyText.Sample(value =>
        {
            var request = new AppRequest("shop", "web-service", "team-a", [.. RequiredSets("web-service", 5), $"{parameter}={value}"]);
            try
            {
                var app = GoldenPathRenderer.Render(request, Catalog, Platform(5));
                foreach (var file in app.Files.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal)))
                    Assert.NotEmpty(YamlDocuments.Parse(file.Content));
                Assert.Empty(RenderedObject.Of(app).SelectMany(o => SchemaValidator.Validate(o.Json)));
            }
            catch (GoldenPathInputException e)
            {
                Assert.All(e.Problems, p => Assert.Equal($"--set {parameter}", p.Subject));
            }
        }, iter: 200, threads: 1);
    }
}
