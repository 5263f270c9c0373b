namespace PlatformMaturity.Config;

/// <summary>A team that runs workloads on the platform: one namespace, its access group and its size tier.</summary>
/// <param name="Name">DNS-1123 label; also the tenant's namespace.</param>
/// <param name="Group">The team's identity group (Entra ID object id on azure, group name on existing); bound to RBAC from Level 2.</param>
/// <param name="Tier">Sizes the tenant's quota from Level 2.</param>
public sealed record Tenant(string Name, string? Group, TenantTier Tier)
{
    /// <summary>Git repositories (https URLs) the tenant's Argo CD project may deploy from (from Level 4).</summary>
    public System.Collections.Immutable.ImmutableArray<string> Repos { get; init; } = [];

    /// <summary>Channel Argo CD Notifications posts the tenant's sync results to (from Level 4); null: none.</summary>
    public string? Channel { get; init; }
    /// <summary>
    /// Service accounts of the tenant that reach a cloud API (Identity-based Access Control, Level 5): on azure each gets
    /// a user-assigned identity federated with it, so the workload needs no stored credential.
    /// </summary>
    public System.Collections.Immutable.ImmutableArray<string> WorkloadIdentities { get; init; } = [];
}

/// <summary>Size class of a tenant; picks its resource quota.</summary>
public enum TenantTier
{
    Small,
    Medium,
    Large,
}
