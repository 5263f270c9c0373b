using k8s.Models;
using PlatformMaturity.Config;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Efficiency;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Efficiency;

/// <summary>Advanced Resources Management: priority classes, tier quotas admitting volumes, Goldilocks, tier pools on azure.</summary>
public sealed class AdvancedResourcesManagementTests
{
    [Fact]
    public void Four_priority_classes_rank_platform_above_business_above_default_above_batch_and_only_default_is_global()
    {
        var graph = Compose(Existing(4));
        var classes = new[] { "platform-critical", "business-critical", "default", "batch" }
            .Select(n => graph.Typed<V1PriorityClass>("PriorityClass", null, n)).ToList();
        Assert.True(classes.Zip(classes.Skip(1)).All(p => p.First.Value > p.Second.Value));
        Assert.Equal(["default"], classes.Where(c => c.GlobalDefault == true).Select(c => c.Metadata.Name));
        Assert.Equal("Never", classes.Single(c => c.Metadata.Name == "batch").PreemptionPolicy);
        Assert.All(classes, c => Assert.True(c.Value < 1_000_000_000, "user classes stay below the system classes"));
    }

    [Fact]
    public void From_level_4_the_tier_quota_admits_volumes_under_the_same_name_and_tenants_cannot_use_platform_critical()
    {
        var level3 = Compose(Existing(3));
        var level4 = Compose(Existing(4));
        foreach (var tenant in Tenants)
        {
            var before = level3.Typed<V1ResourceQuota>("ResourceQuota", tenant.Name, BasicResourcesManagement.QuotaName);
            var after = level4.Typed<V1ResourceQuota>("ResourceQuota", tenant.Name, BasicResourcesManagement.QuotaName);
            Assert.Equal("0", before.Spec.Hard["persistentvolumeclaims"].ToString());
            var (claims, storage) = AdvancedResourcesManagement.StorageFor(tenant.Tier);
            Assert.Equal(claims.ToString(System.Globalization.CultureInfo.InvariantCulture), after.Spec.Hard["persistentvolumeclaims"].ToString());
            Assert.Equal(storage, after.Spec.Hard["requests.storage"].ToString());
            Assert.Equal(before.Spec.Hard["requests.cpu"], after.Spec.Hard["requests.cpu"]);
            Assert.Equal("advanced-resources-management", level4.OwnerOf(level4.Object("ResourceQuota", tenant.Name, BasicResourcesManagement.QuotaName).Name).Id);

            var priority = level4.Typed<V1ResourceQuota>("ResourceQuota", tenant.Name, AdvancedResourcesManagement.PriorityQuotaName);
            Assert.Equal("0", priority.Spec.Hard["pods"].ToString());
            var scope = Assert.Single(priority.Spec.ScopeSelector.MatchExpressions);
            Assert.Equal(("PriorityClass", "In"), (scope.ScopeName, scope.OperatorProperty));
            Assert.Equal(["platform-critical"], scope.Values);
        }
        // Small tenants may claim less than large ones.
        Assert.True(AdvancedResourcesManagement.StorageFor(TenantTier.Small).Claims < AdvancedResourcesManagement.StorageFor(TenantTier.Large).Claims);
    }

    [Fact]
    public void Staged_quota_leaves_out_both_quotas()
    {
        var graph = Compose(Existing(4) with { Staged = [Enforcements.TenantQuota] });
        Assert.DoesNotContain(graph.Resources.OfType<Graph.KubernetesResource>(), r => r.Kind == "ResourceQuota" && Tenants.Any(t => t.Name == r.Namespace));
    }

    [Fact]
    public void Goldilocks_reads_the_existing_vpa_and_tenant_namespaces_opt_in()
    {
        var graph = Compose(Existing(4));
        var goldilocks = graph.Release(AdvancedResourcesManagement.GoldilocksRelease);
        Assert.Equal(false, goldilocks.Values.Get("vpa.enabled"));
        Assert.Contains(AdvancedApplicationAutoscaling.VpaRelease, goldilocks.DependsOn);
        foreach (var tenant in Tenants)
            Assert.Equal("true", graph.Object("Namespace", null, tenant.Name).Labels()[AdvancedResourcesManagement.GoldilocksEnabledLabel]);
    }

    [Fact]
    public void On_azure_each_tier_in_use_gets_a_tainted_labelled_autoscaled_pool()
    {
        var graph = Compose(Azure(4));
        var pools = graph.Resources.OfType<KubernetesClusterNodePool>().Where(p => p.Name.StartsWith("aks-tier-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Tenants.Select(t => t.Tier).Distinct().Count(), pools.Count);
        foreach (var tier in Tenants.Select(t => t.Tier).Distinct())
        {
            var name = ConfigNames.Of(tier);
            var pool = Assert.Single(pools, p => p.Name == AdvancedResourcesManagement.TierPoolResource(tier));
            Assert.Equal([$"{HardMultiTenancy.TierLabel}={name}:NoSchedule"], pool.NodeTaints.ToArray());
            Assert.Equal(name, pool.NodeLabels[HardMultiTenancy.TierLabel]);
            Assert.True(pool.Pool.AutoScalingEnabled);
            Assert.Equal("User", pool.Mode);
        }
        Assert.DoesNotContain(pools, p => p.Name == AdvancedResourcesManagement.TierPoolResource(TenantTier.Medium));
        // Today's user pool stays as it was: no taint, same identity.
        Assert.Empty(Assert.IsType<KubernetesClusterNodePool>(graph.Resource(PlatformMaturity.Composition.WellKnown.UserNodePool)).NodeTaints);
    }
}
