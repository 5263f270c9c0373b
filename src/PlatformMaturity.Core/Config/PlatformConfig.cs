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

    /// <summary>Azure: the weekly window for automatic upgrades (Basic Cluster Updates).</summary>
    public MaintenanceWindowConfig MaintenanceWindow { get; init; } = MaintenanceWindowConfig.Default;

    /// <summary>Azure: Entra ID groups that administer the cluster (Entra ID integration from Level 2).</summary>
    public ImmutableArray<string> AdminGroupObjectIds { get; init; } = [];

    /// <summary>The platform's auditors, bound to the view role from Level 2; null for none.</summary>
    public string? AuditorGroup { get; init; }

    /// <summary>Namespace of the ingress or Gateway proxies that tenant NetworkPolicies admit traffic from.</summary>
    public string IngressNamespace { get; init; } = ConfigKeys.IngressNamespace.Default!.GetValue<string>();

    /// <summary>Azure: the cluster autoscaler's range for the system node pool (from Level 3).</summary>
    public int NodeMinCount { get; init; } = ConfigKeys.NodeMinCount.Default!.GetValue<int>();

    public int NodeMaxCount { get; init; } = ConfigKeys.NodeMaxCount.Default!.GetValue<int>();

    /// <summary>Registries tenant pods may pull from as configured; empty means the target's default (see <see cref="RegistryAllowList"/>).</summary>
    public ImmutableArray<string> AllowedRegistries { get; init; } = [];

    /// <summary>
    /// Existing: the provider block of the platform's ClusterSecretStore as configured (canonical JSON), or null for
    /// the built-in Kubernetes provider. Kept as text so the config stays an immutable value.
    /// </summary>
    public string? SecretStoreProvider { get; init; }

    /// <summary>The registries tenant pods may pull from: the configured ones, else the platform registry (existing) or Azure Container Registry (azure).</summary>
    public ImmutableArray<string> RegistryAllowList => !AllowedRegistries.IsDefaultOrEmpty
        ? AllowedRegistries
        : IsAzure ? [AzureRegistryWildcard] : [Registry ?? ConfigKeys.Registry.Default!.GetValue<string>()];

    /// <summary>Every Azure Container Registry: the azure default, because the platform registry's name is generated at deployment.</summary>
    public const string AzureRegistryWildcard = "*.azurecr.io";

    public bool IsAzure => Target == DeploymentTarget.Azure;

    public string PrimaryRegion => Regions.IsDefaultOrEmpty
        ? throw new InvalidOperationException("the existing target has no Azure region")
        : Regions[0];
}
