using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Levels 2–5: every team is a tenant with its own namespace and a recognisable identity, on which the
/// isolation practices build (RBAC, quota and network policies select tenant namespaces by these labels).
/// </summary>
public sealed class HardMultiTenancy : PracticeComponent
{
    /// <summary>Marks a namespace as a tenant's and names the tenant; policies, bindings and alert rules select on it.</summary>
    public const string TenantLabel = "platform.maturity/tenant";

    /// <summary>The tenant's size class (small, medium, large), which its quota follows.</summary>
    public const string TierLabel = "platform.maturity/tier";

    /// <summary>The team's identity group; an annotation because group names need not be valid label values.</summary>
    public const string GroupAnnotation = "platform.maturity/team-group";

    public override string Practice => "Hard multi-tenancy";

    public override Implementation Implementation => new(
        Existing: $"One namespace per tenant labelled {TenantLabel} and {TierLabel} and annotated with its team group, which the tenant's RBAC, quota and network isolation select",
        Azure: $"One namespace per tenant labelled {TenantLabel} and {TierLabel} and annotated with its team group, which the tenant's RBAC, quota and network isolation select; tenant workloads on a user node pool while the system pool runs only critical add-ons (the foundation adds both with this practice's provenance; dedicated node pools per tier from Level 4)");

    public override void Build(ComponentBuilder component)
    {
        foreach (var tenant in component.Config.Tenants)
        {
            component.ContributeObject<V1Namespace>(Foundation.TenantNamespace(tenant.Name), ns =>
            {
                ns.Metadata.Labels[TenantLabel] = tenant.Name;
                ns.Metadata.Labels[TierLabel] = ConfigNames.Of(tenant.Tier);
                if (tenant.Group is { } group)
                {
                    ns.Metadata.Annotations ??= new Dictionary<string, string>();
                    ns.Metadata.Annotations[GroupAnnotation] = group;
                }
            });
        }
        component.Note($"List the tenants: kubectl get namespaces -l {TenantLabel} -L {TenantLabel},{TierLabel}");
        component.Note("Add a tenant by adding {name, group, tier} to platform:tenants and running pulumi up; never create tenant namespaces by hand.");
        if (component.Config.Tenants.IsEmpty)
            component.Note("No tenants are configured yet (platform:tenants is empty).");
    }
}
