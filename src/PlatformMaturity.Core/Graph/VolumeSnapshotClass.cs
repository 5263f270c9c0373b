using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace PlatformMaturity.Graph;

/// <summary>
/// A VolumeSnapshotClass (snapshot.storage.k8s.io/v1): a CRD kind without a spec, whose fields sit beside its metadata,
/// so it cannot be a <see cref="CustomObject"/>.
/// </summary>
public sealed class VolumeSnapshotClass : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "snapshot.storage.k8s.io/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "VolumeSnapshotClass";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The CSI driver whose snapshots the class describes.</summary>
    [JsonPropertyName("driver")]
    public string Driver { get; set; } = "";

    /// <summary>Delete or Retain: what happens to the storage snapshot when its VolumeSnapshotContent is deleted.</summary>
    [JsonPropertyName("deletionPolicy")]
    public string DeletionPolicy { get; set; } = "Delete";

    [JsonPropertyName("parameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IDictionary<string, string>? Parameters { get; set; }
}
