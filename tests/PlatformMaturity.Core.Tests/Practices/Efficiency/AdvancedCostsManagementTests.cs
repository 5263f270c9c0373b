using System.Text.Json.Nodes;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Efficiency;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Efficiency;

/// <summary>Advanced Costs Management (Level 5): the spot pool, per-tenant budget alerts.</summary>
public sealed class AdvancedCostsManagementTests
{
    private static PlatformConfig WithTenants(PlatformConfig config) => config with
    {
        Tenants = [new("team-a", null, TenantTier.Small), new("team-b", null, TenantTier.Large)],
        TenantBudgets = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            [KeyValuePair.Create("team-a", 500.0)]),
    };

    [Fact]
    public void On_azure_a_spot_pool_scales_from_zero_and_only_tolerating_pods_land_there()
    {
        var graph = Compose(Azure(5) with { ApiServerAuthorizedIpRanges = ["203.0.113.0/24"] });
        var pool = Assert.IsType<KubernetesClusterNodePool>(graph.Resource(AdvancedCostsManagement.SpotPoolResource));
        Assert.Equal("Spot", pool.Priority);
        Assert.Equal("Delete", pool.EvictionPolicy);
        Assert.Equal(-1, pool.SpotMaxPrice);
        Assert.Equal((0, 0, true), (pool.Pool.NodeCount, pool.Pool.MinCount ?? -1, pool.Pool.AutoScalingEnabled));
        Assert.Equal($"{AdvancedCostsManagement.SpotTaintKey}=spot:NoSchedule", string.Join(",", pool.NodeTaints));
        Assert.Equal(Foundation.ClusterName, pool.Cluster);
        // No spot pool below Level 5, nor on existing clusters (their capacity is the provider's).
        Assert.DoesNotContain(Compose(Azure(4)).Resources, r => r.Name == AdvancedCostsManagement.SpotPoolResource);
        Assert.DoesNotContain(Compose(Existing(5)).Resources.OfType<KubernetesClusterNodePool>(), _ => true);
    }

    [Fact]
    public void Each_tenant_with_a_budget_is_alerted_at_80_and_100_percent_of_its_OpenCost_run_rate()
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(WithTenants(Existing(5)));
        var rule = graph.Object("PrometheusRule", WellKnown.MonitoringNamespace, AdvancedCostsManagement.BudgetRuleName);
        Assert.DoesNotContain(PracticeGraphs.SchemaErrors(graph), e => e.Contains("PrometheusRule", StringComparison.Ordinal));
        var rules = ((JsonObject)((CustomObject)rule.Object).Spec!)["groups"]![0]!["rules"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(2, rules.Count);
        Assert.All(rules, r =>
        {
            Assert.Equal("team-a", r["labels"]!["tenant"]!.GetValue<string>());
            Assert.Equal("team-a", r["labels"]!["namespace"]!.GetValue<string>());
            Assert.Contains($"namespace=~\"{TenantNamespaces.Regex("team-a")}\"", r["expr"]!.GetValue<string>());
            Assert.Contains("node_cpu_hourly_cost", r["expr"]!.GetValue<string>());
        });
        Assert.EndsWith("> 400", rules[0]["expr"]!.GetValue<string>());
        Assert.EndsWith("> 500", rules[1]["expr"]!.GetValue<string>());
        // team-b has no budget: no rule names it.
        Assert.DoesNotContain(rules, r => r["expr"]!.GetValue<string>().Contains("team-b", StringComparison.Ordinal));
    }

    [Fact]
    public void Tenant_budgets_name_configured_tenants_and_positive_amounts_from_level_5()
    {
        // The Level 5 example stack (tenants team-a and team-b), with the budgets under test.
        var raw = StackFile.Read(StackFile.PathFor(PlatformMaturity.Tests.Shared.TestPaths.Stacks, "l5-existing"), "l5-existing");
        var valid = PlatformConfigParser.Parse(raw.With(ConfigKeys.TenantBudgets, new JsonObject { ["team-a"] = 500 }));
        Assert.True(valid.IsValid, string.Join("; ", valid.Problems));
        Assert.Equal(500, valid.Config!.TenantBudgets["team-a"]);
        Assert.Contains(PlatformConfigParser.Parse(raw.With(ConfigKeys.TenantBudgets, new JsonObject { ["team-z"] = 500 })).Problems, p => p.Key == ConfigKeys.TenantBudgets.FullName && p.Message.Contains("team-z", StringComparison.Ordinal));
        Assert.Contains(PlatformConfigParser.Parse(raw.With(ConfigKeys.TenantBudgets, new JsonObject { ["team-a"] = -1 })).Problems, p => p.Key == ConfigKeys.TenantBudgets.FullName && p.Message.Contains("positive", StringComparison.Ordinal));
        Assert.Contains(PlatformConfigParser.Parse(raw.With(ConfigKeys.Level, "4").With(ConfigKeys.TenantBudgets, new JsonObject { ["team-a"] = 500 })).Problems, p => p.Key == ConfigKeys.TenantBudgets.FullName && p.Message.Contains("Level 5", StringComparison.Ordinal));
    }

    [Fact]
    public void Working_hours_are_read_as_cron_and_an_iana_zone_and_refused_otherwise()
    {
        var raw = StackFile.Read(StackFile.PathFor(PlatformMaturity.Tests.Shared.TestPaths.Stacks, "l5-existing"), "l5-existing");
        Assert.Equal(WorkingHours.Default, PlatformConfigParser.Parse(raw).Config!.WorkingHours);
        var set = PlatformConfigParser.Parse(raw.With(ConfigKeys.WorkingHours, new JsonObject { ["start"] = "30 8 * * 1-5", ["timeZone"] = "Europe/Paris" }));
        Assert.Equal(new WorkingHours("30 8 * * 1-5", WorkingHours.Default.End, "Europe/Paris"), set.Config!.WorkingHours);
        foreach (var (field, value) in new[] { ("start", "0 7 * * MON-FRI L"), ("end", "61 19 * * 1-5"), ("timeZone", "Mars/Olympus"), ("timeZone", "CET-ish") })
        {
            var refused = PlatformConfigParser.Parse(raw.With(ConfigKeys.WorkingHours, new JsonObject { [field] = value }));
            Assert.Contains(refused.Problems, p => p.Key == ConfigKeys.WorkingHours.FullName && p.Message.Contains(field, StringComparison.Ordinal));
        }
    }
}
