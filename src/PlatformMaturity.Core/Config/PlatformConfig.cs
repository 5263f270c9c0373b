using System.Collections.Immutable;

namespace PlatformMaturity.Config;

/// <summary>A stack's validated configuration: everything the composer needs to build the graph.</summary>
public sealed record PlatformConfig
{
    /// <summary>The Pulumi stack name (the file is Pulumi.&lt;stack&gt;.yaml).</summary>
    public required string Stack { get; init; }

    /// <summary>Short platform name used in resource names.</summary>
    public required string Name { get; init; }

    public required int Level { get; init; }

    public required DeploymentTarget Target { get; init; }

    public EnvironmentKind Environment { get; init; } = EnvironmentKind.NonProd;

    /// <summary>Azure regions, primary first; empty on the existing target.</summary>
    public ImmutableArray<string> Regions { get; init; } = [];

    public ImmutableArray<Tenant> Tenants { get; init; } = [];

    public string? KubeContext { get; init; }

    /// <summary>The registry an existing cluster pulls from; null on azure, where the platform creates one.</summary>
    public string? Registry { get; init; }

    public string? KubernetesVersion { get; init; }

    public string? NodeVmSize { get; init; }

    public int NodeCount { get; init; } = 2;

    public bool IsAzure => Target == DeploymentTarget.Azure;

    public string PrimaryRegion => Regions.IsDefaultOrEmpty
        ? throw new InvalidOperationException("the existing target has no Azure region")
        : Regions[0];
}
