using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace PlatformMaturity.Tests.Shared;

/// <summary>
/// Validates Kubernetes manifests against the JSON schemas in tests/TestData/schemas (Kubernetes v1.32.2
/// built-in kinds, strict; common CRDs), choosing the file by apiVersion and kind.
/// </summary>
public static class SchemaValidator
{
    private static readonly HashSet<string> BuiltInGroups =
    [
        "", "apps", "batch", "autoscaling", "policy", "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io",
        "scheduling.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io",
    ];

    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Cache = new();

    /// <summary>The schema file for a kind; throws when the kind has none (add its schema to the test data).</summary>
    public static string SchemaFile(string apiVersion, string kind)
    {
        var slash = apiVersion.LastIndexOf('/');
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        var path = BuiltInGroups.Contains(group)
            ? Path.Combine(TestPaths.Schemas, "kubernetes-v1.32.2",
                group.Length == 0 ? $"{kind.ToLowerInvariant()}-{version}.json" : $"{kind.ToLowerInvariant()}-{group.Split('.')[0]}-{version}.json")
            : Path.Combine(TestPaths.Schemas, "crds", group, $"{kind.ToLowerInvariant()}_{version}.json");
        return File.Exists(path) ? path : throw new FileNotFoundException($"no schema for {apiVersion} {kind}: {path}");
    }

    /// <summary>Every schema error of a manifest, as "path: kind" lines; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(JsonNode manifest)
    {
        var apiVersion = manifest["apiVersion"]?.GetValue<string>() ?? throw new ArgumentException("manifest has no apiVersion");
        var kind = manifest["kind"]?.GetValue<string>() ?? throw new ArgumentException("manifest has no kind");
        var file = SchemaFile(apiVersion, kind);
        var schema = Cache.GetOrAdd(file, f => new Lazy<JsonSchema>(() => JsonSchema.FromJsonAsync(File.ReadAllText(f)).GetAwaiter().GetResult())).Value;
        return [.. schema.Validate(manifest.ToJsonString()).Select(e => $"{apiVersion} {kind} {manifest["metadata"]?["name"]}: {e.Path}: {e.Kind}")];
    }

    /// <summary>Validates every document of a YAML text.</summary>
    public static IReadOnlyList<string> ValidateYaml(string yaml) =>
        [.. YamlDocuments.Parse(yaml).Where(d => d is not null).SelectMany(d => Validate(d!))];
}
