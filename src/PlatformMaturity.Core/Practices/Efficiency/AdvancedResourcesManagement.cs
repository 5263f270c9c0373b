using System.Collections.Immutable;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>
/// Levels 4–5: who gets capacity first and how big each tenant may grow. Four PriorityClasses (platform-critical for
/// the platform's own pods, business-critical, default as the cluster default, batch that never preempts), per-tier
/// quotas that now admit volumes (stateful workloads arrive at Level 4) and keep tenants off platform-critical,
/// Goldilocks dashboards over the VPA's recommendations, and on azure a tainted user node pool per tenant tier.
/// Takes over Basic Resources Management's quota and LimitRange under the same names.
/// </summary>
public sealed class AdvancedResourcesManagement : PracticeComponent
{
    public const string PlatformCritical = "platform-critical";
    public const string BusinessCritical = "business-critical";
    public const string Default = "default";
    public const string Batch = "batch";

    /// <summary>The PriorityClasses, highest first, with their values (far below system-cluster-critical's 2000000000).</summary>
    public static readonly ImmutableArray<(string Name, int Value, string Description)> PriorityClasses =
    [
        (PlatformCritical, 1_000_000, "Platform components (monitoring, backups, gateways, operators): scheduled before, and may preempt, tenant workloads. Tenants may not use it (quota)."),
        (BusinessCritical, 100_000, "Tenant workloads whose outage costs the business: preempt default and batch pods when capacity is short."),
        (Default, 1_000, "Every pod that names no class (globalDefault)."),
        (Batch, 100, "Interruptible batch work: never preempts others, and is preempted first."),
    ];

    /// <summary>The quota limiting how many pods a tenant may run at platform-critical: none.</summary>
    public const string PriorityQuotaName = "tenant-no-platform-priority";

    public const string GoldilocksRelease = "goldilocks";
    public const string GoldilocksNamespace = "goldilocks";

    /// <summary>Namespaces with this label get a VPA (recommendation only) per workload from Goldilocks, and a dashboard page.</summary>
    public const string GoldilocksEnabledLabel = "goldilocks.fairwinds.com/enabled";

    /// <summary>The taint of a tier's node pool (azure): key = Hard multi-tenancy's tier label, value = the tier.</summary>
    public const string TierTaintKey = HardMultiTenancy.TierLabel;

    /// <summary>Graph name of the AKS node pool of a tier.</summary>
    public static string TierPoolResource(TenantTier tier) => $"aks-tier-{ConfigNames.Of(tier)}-pool";

    /// <summary>What a tenant of each tier may claim in volumes from Level 4 (count, total size).</summary>
    public static (int Claims, string Storage) StorageFor(TenantTier tier) => tier switch
    {
        TenantTier.Small => (5, "100Gi"),
        TenantTier.Medium => (10, "500Gi"),
        TenantTier.Large => (20, "2Ti"),
        _ => throw new ArgumentOutOfRangeException(nameof(tier)),
    };

    public override string Practice => "Advanced Resources Management";

    public override Implementation Implementation => new(
        Existing: $"PriorityClasses {string.Join(", ", PriorityClasses.Select(p => p.Name))} ({Default} is the cluster default, {Batch} never preempts); per tenant the tier's ResourceQuota with volume claims and storage, a quota refusing {PlatformCritical} pods, and the LimitRange; Goldilocks (chart {Pins.Goldilocks.Version}) dashboards over the VPA recommender's advice for tenant namespaces",
        Azure: $"PriorityClasses {string.Join(", ", PriorityClasses.Select(p => p.Name))} ({Default} is the cluster default, {Batch} never preempts); per tenant the tier's ResourceQuota with volume claims and storage, a quota refusing {PlatformCritical} pods, and the LimitRange; a user node pool per tenant tier tainted {TierTaintKey}=<tier>:NoSchedule (golden paths add the toleration and node selector); Goldilocks (chart {Pins.Goldilocks.Version}) dashboards over the AKS VPA add-on's recommendations");

    public override void Build(ComponentBuilder component)
    {
        foreach (var (name, value, description) in PriorityClasses)
            component.AddObject(new V1PriorityClass
            {
                ApiVersion = "scheduling.k8s.io/v1",
                Kind = "PriorityClass",
                Metadata = new V1ObjectMeta { Name = name },
                Value = value,
                GlobalDefault = name == Default,
                PreemptionPolicy = name == Batch ? "Never" : "PreemptLowerPriority",
                Description = description,
            });

        BasicResourcesManagement.AddTenantLimits(component, tenant => QuotaFor(tenant.Tier));
        if (!component.IsStaged(Enforcements.TenantQuota))
        {
            foreach (var tenant in component.Config.Tenants)
                component.AddObject(NoPlatformPriority(tenant.Name));
        }

        AddGoldilocks(component);
        if (component.IsAzure)
            AddTierPools(component);

        component.Note($"Give a workload a priority with spec.priorityClassName: {BusinessCritical}, {Default} (the default) or {Batch}; tenants cannot use {PlatformCritical}.");
        component.Note($"Platform charts keep their own scheduling today: set priorityClassName: {PlatformCritical} in a chart's values where its pods must win over tenants (kube-system add-ons already run at system-cluster-critical).");
    }

    /// <summary>Level 4's quota of a tier: Levels 2–3's CPU, memory and pods, now with volume claims and storage.</summary>
    public static Dictionary<string, ResourceQuantity> QuotaFor(TenantTier tier)
    {
        var hard = BasicResourcesManagement.Hard(BasicResourcesManagement.QuotaFor(tier));
        var (claims, storage) = StorageFor(tier);
        hard["persistentvolumeclaims"] = new(claims.ToString(System.Globalization.CultureInfo.InvariantCulture));
        hard["requests.storage"] = new(storage);
        return hard;
    }

    private static V1ResourceQuota NoPlatformPriority(string ns) => new()
    {
        ApiVersion = "v1",
        Kind = "ResourceQuota",
        Metadata = new V1ObjectMeta { Name = PriorityQuotaName, NamespaceProperty = ns },
        Spec = new V1ResourceQuotaSpec
        {
            Hard = new Dictionary<string, ResourceQuantity> { ["pods"] = new("0") },
            ScopeSelector = new V1ScopeSelector
            {
                MatchExpressions = [new V1ScopedResourceSelectorRequirement { ScopeName = "PriorityClass", OperatorProperty = "In", Values = [PlatformCritical] }],
            },
        },
    };

    private static void AddGoldilocks(ComponentBuilder component)
    {
        component.AddPlatformNamespace(GoldilocksNamespace);
        var values = HelmValues.From(
            // VPA comes from Advanced Application Autoscaling (AKS add-on or the Fairwinds chart); never a second copy.
            ("vpa.enabled", false),
            ("metrics-server.enabled", false),
            ("image.tag", Pins.GoldilocksImageTag),
            ("image.pullPolicy", "IfNotPresent"),
            ("controller.enabled", true),
            ("dashboard.enabled", true),
            ("dashboard.replicaCount", 2),
            ("dashboard.service.type", "ClusterIP"));
        var afterVpa = component.Existing<HelmRelease>().Where(r => r.Name == AdvancedApplicationAutoscaling.VpaRelease).Select(r => r.Name);
        component.AddRelease(GoldilocksRelease, GoldilocksNamespace, Pins.Goldilocks, values, dependsOn: afterVpa, createNamespace: false);
        foreach (var tenant in component.Config.Tenants)
            component.ContributeObject<V1Namespace>(Foundation.TenantNamespace(tenant.Name), ns => ns.Metadata.Labels[GoldilocksEnabledLabel] = "true");
        component.Note($"Right-sizing advice per workload: kubectl port-forward -n {GoldilocksNamespace} svc/{GoldilocksRelease}-dashboard 8080:80, then http://localhost:8080 (tenant namespaces are labelled {GoldilocksEnabledLabel}=true).");
    }

    /// <summary>
    /// One autoscaled user pool per tier in use, tainted and labelled with the tier, so a large tenant's burst cannot
    /// take a small tenant's nodes. Today's user pool stays for platform components and untiered pods.
    /// </summary>
    private static void AddTierPools(ComponentBuilder component)
    {
        var config = component.Config;
        foreach (var tier in config.Tenants.Select(t => t.Tier).Distinct().Order())
        {
            var name = ConfigNames.Of(tier);
            component.Add(new KubernetesClusterNodePool
            {
                Name = TierPoolResource(tier),
                Provenance = component.Provenance,
                Cluster = Foundation.ClusterName,
                Mode = "User",
                Pool = new NodePool
                {
                    Name = name,
                    VmSize = config.UserNodeVmSize,
                    NodeCount = config.UserNodeMinCount,
                    Zones = config.Zones,
                    AutoScalingEnabled = true,
                    MinCount = config.UserNodeMinCount,
                    MaxCount = config.UserNodeMaxCount,
                    TemporaryNameForRotation = name + "tmp",
                    Subnet = SpokeNetwork.NodeSubnet(config),
                },
                NodeTaints = [$"{TierTaintKey}={name}:NoSchedule"],
                NodeLabels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(TierTaintKey, name)]),
                Tags = StandardLabels.AzureTags(config, component.Provenance),
            });
        }
        component.Note($"Tenant pods of a tier run on its pool with nodeSelector {TierTaintKey}: <tier> and a toleration of {TierTaintKey}=<tier>:NoSchedule (the golden paths add both): kubectl get nodes -L {TierTaintKey}");
    }
}
