using k8s;

namespace PlatformMaturity.Assess.Live;

/// <summary>
/// The KubernetesClient with one extra door: a raw GET of a list path, so every kind (built-in or CRD) is read the
/// same way, with the client's authentication (tokens, client certificates, exec plugins such as kubelogin). It
/// has no method that writes: the assessment only gets and lists.
/// </summary>
internal sealed class ReadOnlyKubernetes(KubernetesClientConfiguration config) : Kubernetes(config)
{
    /// <summary>Asks the API server for metadata only: a Secret's data never leaves the server.</summary>
    public const string MetadataOnly = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

    public async Task<byte[]> GetAsync(string relativePath, bool metadataOnly, CancellationToken cancel)
    {
        var headers = metadataOnly
            ? new Dictionary<string, IReadOnlyList<string>> { ["Accept"] = [MetadataOnly] }
            : null;
        using var response = await SendRequest<object?>(relativePath, HttpMethod.Get, headers, null, cancel).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancel).ConfigureAwait(false);
    }
}
