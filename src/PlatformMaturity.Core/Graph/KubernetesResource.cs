using k8s;
using k8s.Models;

namespace PlatformMaturity.Graph;

/// <summary>
/// A Kubernetes object on one cluster: a typed <c>k8s.Models</c> object, or a <see cref="CustomObject"/> for CRDs.
/// The object is built during composition and never changed afterwards.
/// </summary>
public sealed record KubernetesResource : GraphResource
{
    public required string Cluster { get; init; }

    public required IKubernetesObject<V1ObjectMeta> Object { get; init; }

    public override string Kind => Object.Kind;

    public string ApiVersion => Object.ApiVersion;

    /// <summary>The API group ("" for the core group).</summary>
    public string ApiGroup => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    public string ObjectName => Object.Metadata.Name;

    public string? Namespace => Object.Metadata.NamespaceProperty;
}
