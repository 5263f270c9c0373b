using PlatformMaturity.Graph;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>The Pulumi resources one graph became: components by id, resources by graph name, providers by cluster.</summary>
public sealed record MappedPlatform(
    PlatformGraph Graph,
    IReadOnlyDictionary<string, PlatformComponent> Components,
    MappedResources Resources,
    KubernetesProviders Providers)
{
    /// <summary>The stack outputs.</summary>
    public IDictionary<string, object?> Outputs => StackOutputs.Of(this);
}
