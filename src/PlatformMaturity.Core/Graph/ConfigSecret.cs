using System.Collections.Immutable;

namespace PlatformMaturity.Graph;

/// <summary>
/// A Kubernetes Secret whose values come from secret stack config (pulumi config set --secret). The graph
/// holds only the config keys, never the values: the Pulumi host reads them as Pulumi secrets, and render
/// says how to create the Secret instead of writing it.
/// </summary>
public sealed record ConfigSecret : GraphResource
{
    public required string Cluster { get; init; }

    public required string Namespace { get; init; }

    public required string SecretName { get; init; }

    /// <summary>Data key of the Secret → the namespaced secret config key holding its value (e.g. "platform:grafanaAdminPassword").</summary>
    public required ImmutableSortedDictionary<string, string> Keys { get; init; }

    /// <summary>Data key → a value that is not a credential (e.g. a user name that sits beside a password), written as is.</summary>
    public ImmutableSortedDictionary<string, string> Literals { get; init; } =
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>The Secret's type, e.g. kubernetes.io/dockerconfigjson for registry credentials.</summary>
    public string Type { get; init; } = "Opaque";

    /// <summary>Labels besides the platform's standard ones, e.g. the one Argo CD finds repository Secrets by.</summary>
    public ImmutableSortedDictionary<string, string> Labels { get; init; } =
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    public override string Kind => "Secret";
}
