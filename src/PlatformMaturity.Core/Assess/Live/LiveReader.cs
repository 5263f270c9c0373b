using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Files;

namespace PlatformMaturity.Assess.Live;

/// <summary>
/// Reads a live cluster with get/list only, in pages, the kinds the rules read and nothing else. A kind it may
/// not list (403) or cannot find (404) is reported as unseen and the practices that need it become unknown; a
/// CRD-backed kind whose CRD is absent is not served, so it is known to be absent.
/// </summary>
public static class LiveReader
{
    private const int PageSize = 500;

    public static async Task<ClusterSnapshot> ReadAsync(string kubeconfig, string? context, CancellationToken cancel = default)
    {
        KubernetesClientConfiguration config;
        IReadOnlyList<string> otherContexts;
        try
        {
            InputFile.Check(kubeconfig, kubeconfig, "kubeconfig", InputLimits.StackFileBytes);
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, currentContext: context);
            var file = await KubernetesClientConfiguration.LoadKubeConfigAsync(new FileInfo(kubeconfig)).ConfigureAwait(false);
            var current = context ?? file.CurrentContext;
            otherContexts = [.. (file.Contexts ?? []).Select(c => c.Name).Where(n => n != current).Order(StringComparer.Ordinal)];
        }
        catch (KubeConfigException e)
        {
            throw new InputException($"{kubeconfig}: {e.Message}");
        }
        // HTTP/2 adds nothing for a few hundred GETs and some proxies in front of API servers refuse it.
        config.DisableHttp2 = true;
        using var client = new ReadOnlyKubernetes(config);
        var objects = new List<ClusterObject>();
        var coverage = new Dictionary<ApiKind, KindCoverage>();
        long read = 0;
        Dictionary<string, string>? definitions = null;
        foreach (var kind in Kinds.All)
        {
            string? version = kind.Version;
            if (!kind.BuiltIn && definitions is not null)
            {
                if (!definitions.TryGetValue(kind.DefinitionName, out version))
                {
                    coverage[kind] = new KindCoverage(kind, CoverageState.NotServed, $"no CustomResourceDefinition {kind.DefinitionName}");
                    continue;
                }
            }
            var (state, count) = await ListAsync(client, kind, version, objects, cancel).ConfigureAwait(false);
            coverage[kind] = state;
            read += count;
            if (kind == Kinds.CustomResourceDefinition && state.State == CoverageState.Listed)
                definitions = objects.Where(o => o.Kind == Kinds.CustomResourceDefinition).ToDictionary(o => o.Name, StoredVersion, StringComparer.Ordinal);
        }
        var notes = new List<string> { $"read live from {config.Host} (context {context ?? config.CurrentContext}) with get/list only" };
        return new ClusterSnapshot($"cluster {config.Host} (context {context ?? config.CurrentContext})", objects, (k, _) => coverage[k], [], notes, read, otherContexts);
    }

    private static async Task<(KindCoverage, long)> ListAsync(ReadOnlyKubernetes client, ApiKind kind, string version, List<ClusterObject> into, CancellationToken cancel)
    {
        string? next = null;
        long count = 0;
        do
        {
            var path = kind.ListPathAt(version).TrimStart('/') + $"?limit={PageSize}" + (next is null ? "" : $"&continue={Uri.EscapeDataString(next)}");
            byte[] body;
            try
            {
                body = await client.GetAsync(path, metadataOnly: kind == Kinds.Secret, cancel).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
            {
                var why = e.Response.StatusCode == HttpStatusCode.Forbidden ? "forbidden: the identity may not list it (RBAC)" : $"not found at /{kind.ListPathAt(version)}";
                return (new KindCoverage(kind, CoverageState.Unknown, $"{why} ({(int)e.Response.StatusCode})"), count);
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new InputException($"the API server refused the credentials of the kubeconfig (401 Unauthorized) listing {kind.Resource}");
            }
            catch (HttpOperationException e)
            {
                return (new KindCoverage(kind, CoverageState.Unknown, $"the API server answered {(int?)e.Response?.StatusCode} listing /{kind.ListPathAt(version)}"), count);
            }
            catch (HttpRequestException e)
            {
                throw new InputException($"cannot reach the API server: {e.Message}");
            }
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    count++;
                    if (ClusterObject.Read(item, kind, out _) is { } obj)
                        into.Add(obj);
                }
            }
            next = document.RootElement.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("continue", out var c) && c.ValueKind == JsonValueKind.String && c.GetString() is { Length: > 0 } token ? token : null;
        }
        while (next is not null);
        return (new KindCoverage(kind, CoverageState.Listed), count);
    }

    /// <summary>The version a CRD stores (else the first it serves): the one its objects are listed at.</summary>
    private static string StoredVersion(ClusterObject definition)
    {
        var versions = definition.Items("spec", "versions").ToList();
        var stored = versions.FirstOrDefault(v => v.TryGetProperty("storage", out var s) && s.ValueKind == JsonValueKind.True);
        var chosen = stored.ValueKind == JsonValueKind.Object ? stored : versions.FirstOrDefault(v => v.TryGetProperty("served", out var s) && s.ValueKind == JsonValueKind.True);
        return chosen.ValueKind == JsonValueKind.Object && chosen.TryGetProperty("name", out var name) ? name.GetString() ?? "v1" : "v1";
    }
}
