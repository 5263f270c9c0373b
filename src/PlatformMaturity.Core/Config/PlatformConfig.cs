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

    /// <summary>AKS pricing tier (Free, Standard, Premium); null on existing.</summary>
    public string? SkuTier { get; init; }

    /// <summary>Availability zones of the AKS system pool; empty for a regional pool.</summary>
    public ImmutableArray<string> Zones { get; init; } = [];

    /// <summary>Requirements people have attested, by id.</summary>
    public ImmutableArray<Attestation> Attestations { get; init; } = [];

    /// <summary>Enforcements still in their non-blocking phase (see <see cref="Enforcements"/>).</summary>
    public ImmutableArray<string> Staged { get; init; } = [];

    public bool IsStaged(string enforcement) => Staged.Contains(enforcement);

    public bool IsAttested(string requirement) => Attestations.Any(a => a.Id == requirement);

    public bool IsAzure => Target == DeploymentTarget.Azure;

    public string PrimaryRegion => Regions.IsDefaultOrEmpty
        ? throw new InvalidOperationException("the existing target has no Azure region")
        : Regions[0];
}

/// <summary>A person's statement that an organisational requirement of a level holds.</summary>
/// <param name="Id">The requirement's id, e.g. l2-roadmap.</param>
/// <param name="By">Who attested it.</param>
/// <param name="At">When, as an ISO 8601 UTC timestamp.</param>
public sealed record Attestation(string Id, string By, string At);
