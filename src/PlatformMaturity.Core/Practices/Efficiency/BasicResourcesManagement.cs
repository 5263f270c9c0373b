using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>Levels 2–3: each tenant gets a quota sized by its tier, and containers get default requests and limits.</summary>
public sealed class BasicResourcesManagement : PracticeComponent
{
    public const string QuotaName = "tenant-quota";
    public const string LimitRangeName = "tenant-limits";

    /// <summary>What a tenant of each tier may use in total. Persistent volume claims are 0: the seed runs no stateful workloads before Level 4.</summary>
    public static TierQuota QuotaFor(TenantTier tier) => tier switch
    {
        TenantTier.Small => new("2", "4Gi", "4", "8Gi", 20),
        TenantTier.Medium => new("4", "8Gi", "8", "16Gi", 50),
        TenantTier.Large => new("8", "16Gi", "16", "32Gi", 100),
        _ => throw new ArgumentOutOfRangeException(nameof(tier)),
    };

    /// <summary>Requests and limits a container gets when it sets none, so the quota can account for it.</summary>
    public static readonly (string Cpu, string Memory) DefaultRequest = ("100m", "128Mi");

    public static readonly (string Cpu, string Memory) DefaultLimit = ("500m", "512Mi");

    public override string Practice => "Basic Resources Management";

    public override Implementation Implementation => Implementation.OnBothTargets(
        "Per tenant a ResourceQuota sized by its tier (small, medium, large: CPU, memory, pods; no persistent volume claims, no LoadBalancer or NodePort services) and a LimitRange with default container requests and limits");

    public override void Build(ComponentBuilder component) => AddTenantLimits(component, tenant => Hard(QuotaFor(tenant.Tier)));

    /// <summary>
    /// Per tenant the LimitRange and, once <see cref="Enforcements.TenantQuota"/> is promoted, the ResourceQuota with
    /// <paramref name="hard"/>. Advanced Resources Management takes both over from Level 4 under the same names.
    /// </summary>
    public static void AddTenantLimits(ComponentBuilder component, Func<Tenant, Dictionary<string, ResourceQuantity>> hard)
    {
        // Staged, the LimitRange (defaults only, it refuses nothing) comes first; the quota, which refuses, on promotion.
        var staged = component.IsStaged(Enforcements.TenantQuota);
        foreach (var tenant in component.Config.Tenants)
        {
            if (!staged)
                AddQuota(component, tenant.Name, hard(tenant));
            component.AddObject(new V1LimitRange
            {
                ApiVersion = "v1",
                Kind = "LimitRange",
                Metadata = new V1ObjectMeta { Name = LimitRangeName, NamespaceProperty = tenant.Name },
                Spec = new V1LimitRangeSpec
                {
                    Limits =
                    [
                        new V1LimitRangeItem
                        {
                            Type = "Container",
                            DefaultRequest = Resources(DefaultRequest),
                            DefaultProperty = Resources(DefaultLimit),
                        },
                    ],
                },
            });
        }
        component.Note(staged
            ? $"Staged ({Enforcements.TenantQuota} in platform:staged): no ResourceQuota yet; compare each tenant's requests with its tier (kubectl get pods -n <tenant> -o custom-columns=POD:.metadata.name,CPU:.spec.containers[*].resources.requests.cpu,MEMORY:.spec.containers[*].resources.requests.memory), then enforce with pmctl upgrade {component.Config.Stack} --promote."
            : "See what a tenant uses against its quota: kubectl describe resourcequota tenant-quota -n <tenant>");
        component.Note($"Containers without requests or limits get {DefaultRequest.Cpu} CPU / {DefaultRequest.Memory} requested and {DefaultLimit.Cpu} / {DefaultLimit.Memory} as limits; set your own in the Deployment.");
        component.Note("A tenant that needs more moves to a larger tier in platform:tenants (small, medium, large).");
    }

    /// <summary>The quota of Levels 2–3: CPU, memory and pods of the tier; no claims, no LoadBalancer or NodePort services.</summary>
    public static Dictionary<string, ResourceQuantity> Hard(TierQuota quota) => new()
    {
        ["requests.cpu"] = new(quota.RequestsCpu),
        ["requests.memory"] = new(quota.RequestsMemory),
        ["limits.cpu"] = new(quota.LimitsCpu),
        ["limits.memory"] = new(quota.LimitsMemory),
        ["pods"] = new(quota.Pods.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        // No stateful workloads before Level 4 (the seed's Level 3 don't), and traffic enters through the ingress namespace.
        ["persistentvolumeclaims"] = new("0"),
        ["services.loadbalancers"] = new("0"),
        ["services.nodeports"] = new("0"),
    };

    private static void AddQuota(ComponentBuilder component, string ns, Dictionary<string, ResourceQuantity> hard) =>
        component.AddObject(new V1ResourceQuota
        {
            ApiVersion = "v1",
            Kind = "ResourceQuota",
            Metadata = new V1ObjectMeta { Name = QuotaName, NamespaceProperty = ns },
            Spec = new V1ResourceQuotaSpec { Hard = hard },
        });

    private static Dictionary<string, ResourceQuantity> Resources((string Cpu, string Memory) r) =>
        new() { ["cpu"] = new(r.Cpu), ["memory"] = new(r.Memory) };
}

/// <summary>A tenant tier's total CPU and memory (requests and limits) and pod count.</summary>
public sealed record TierQuota(string RequestsCpu, string RequestsMemory, string LimitsCpu, string LimitsMemory, int Pods);
