using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Graph;

/// <summary>
/// A Kubernetes object on one cluster: a typed <c>k8s.Models</c> object, or a <see cref="CustomObject"/> for CRDs.
/// The object is built during composition and never changed afterwards.
/// </summary>
public sealed record KubernetesResource : GraphResource
{
    public required string Cluster { get; init; }

    public required IKubernetesObject<V1ObjectMeta> Object { get; init; }

    /// <summary>
    /// Azure outputs whose <see cref="AzureRef.Placeholder"/> stands in the object's text (e.g. the platform
    /// registry's login server in an admission policy); the object depends on their resources.
    /// </summary>
    public ImmutableArray<AzureRef> TextFromAzure { get; init; } = [];

    /// <summary>
    /// Whether the object exists only on the first cluster, the fleet's Argo CD hub (e.g. the cluster Secrets that register
    /// the other members): members of platform:clusters do not get a copy.
    /// </summary>
    public bool PrimaryOnly { get; init; }

    /// <summary>
    /// The object's JSON with every placeholder of <see cref="TextFromAzure"/> replaced by the matching value
    /// (<paramref name="azureValues"/> in the same order); without values, the JSON as composed.
    /// </summary>
    public JsonObject ToJson(IReadOnlyList<string>? azureValues = null)
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(Object))!.AsObject();
        if (azureValues is null)
            return json;
        if (azureValues.Count != TextFromAzure.Length)
            throw new ArgumentException($"{Name} takes {TextFromAzure.Length} Azure values, got {azureValues.Count}", nameof(azureValues));
        return (JsonObject)Replace(json, [.. TextFromAzure.Select((r, i) => (r.Placeholder, azureValues[i]))])!;
    }

    private static JsonNode? Replace(JsonNode? node, (string Placeholder, string Value)[] values) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Replace(p.Value, values)))),
        JsonArray array => new JsonArray([.. array.Select(item => Replace(item, values))]),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String =>
            JsonValue.Create(values.Aggregate(value.GetValue<string>(), (text, v) => text.Replace(v.Placeholder, v.Value, StringComparison.Ordinal))),
        _ => node?.DeepClone(),
    };

    public override string Kind => Object.Kind;

    public string ApiVersion => Object.ApiVersion;

    /// <summary>The API group ("" for the core group).</summary>
    public string ApiGroup => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    public string ObjectName => Object.Metadata.Name;

    public string? Namespace => Object.Metadata.NamespaceProperty;
}
