using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Efficiency;

/// <summary>Tenant budget alerts reach the tenant's own receiver, and a tenant never receives another tenant's.</summary>
public sealed class TenantBudgetAlertRoutingTests
{
    private static PlatformConfig TwoBudgets(PlatformConfig config, AlertReceiverKind receiver = AlertReceiverKind.Webhook) => config with
    {
        Tenants = [new("team-a", null, TenantTier.Small), new("team-b", null, TenantTier.Large), new("team-c", null, TenantTier.Small)],
        TenantBudgets = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("team-a", 500.0), KeyValuePair.Create("team-b", 2000.0)]),
        AlertReceiver = receiver,
    };

    /// <summary>Every alert the budget rules can fire: the rule's labels and its name (the expression sums to one series without labels).</summary>
    private static List<Dictionary<string, string>> BudgetAlerts(PlatformGraph graph)
    {
        var rule = (CustomObject)graph.Object("PrometheusRule", WellKnown.MonitoringNamespace, AdvancedCostsManagement.BudgetRuleName).Object;
        return [.. rule.Spec!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r =>
        {
            var labels = r!["labels"]!.AsObject().ToDictionary(l => l.Key, l => l.Value!.GetValue<string>());
            labels["alertname"] = r["alert"]!.GetValue<string>();
            return labels;
        })];
    }

    /// <summary>
    /// What Alertmanager sends a tenant: its AlertmanagerConfig's route matchers plus the namespace matcher the
    /// Prometheus Operator adds under the OnNamespace strategy the platform sets.
    /// </summary>
    private static bool Receives(PlatformGraph graph, CustomObject config, IReadOnlyDictionary<string, string> alert)
    {
        var spec = graph.Release(WellKnown.PrometheusStackRelease).Values.ToJson()["alertmanager"]!["alertmanagerSpec"]!;
        Assert.Equal("OnNamespace", spec["alertmanagerConfigMatcherStrategy"]!["type"]!.GetValue<string>());
        var matchers = config.Spec!["route"]!["matchers"]!.AsArray().Select(m => (Name: m!["name"]!.GetValue<string>(), Type: m["matchType"]!.GetValue<string>(), Value: m["value"]!.GetValue<string>()))
            .Append((Name: "namespace", Type: "=", Value: config.Metadata.NamespaceProperty));
        return matchers.All(m =>
        {
            var value = alert.GetValueOrDefault(m.Name, "");
            return m.Type switch
            {
                "=" => value == m.Value,
                "=~" => Regex.IsMatch(value, $"^(?:{m.Value})$"),
                _ => throw new Xunit.Sdk.XunitException($"matcher type {m.Type} not modelled"),
            };
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_tenant_receives_its_own_budget_alerts_and_never_another_tenants(bool azure)
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(TwoBudgets(azure ? Azure(5) with { ApiServerAuthorizedIpRanges = ["203.0.113.0/24"] } : Existing(5)));
        var alerts = BudgetAlerts(graph);
        Assert.Equal(4, alerts.Count);
        foreach (var tenant in new[] { "team-a", "team-b" })
        {
            var config = (CustomObject)graph.Object("AlertmanagerConfig", tenant, TenantBudgetAlertRouting.ConfigName).Object;
            var received = alerts.Where(a => Receives(graph, config, a)).ToList();
            Assert.Equal(2, received.Count); // near and over budget
            Assert.All(received, a => Assert.Equal(tenant, a["tenant"]));
        }
        // A tenant without a budget gets no AlertmanagerConfig.
        Assert.DoesNotContain(graph.Resources.OfType<KubernetesResource>(), r => r.Kind == "AlertmanagerConfig" && r.Namespace == "team-c");
    }

    [Fact]
    public void A_tenant_that_rewrites_its_route_to_another_tenant_still_gets_nothing_of_theirs()
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(TwoBudgets(Existing(5)));
        var config = (CustomObject)graph.Object("AlertmanagerConfig", "team-a", TenantBudgetAlertRouting.ConfigName).Object;
        // team-a has edit rights in its namespace: it could change its matchers to team-b's label, or drop them.
        foreach (var matchers in new[] { new JsonArray(new JsonObject { ["name"] = "tenant", ["matchType"] = "=", ["value"] = "team-b" }), new JsonArray() })
        {
            var edited = new CustomObject { ApiVersion = config.ApiVersion, Kind = config.Kind, Metadata = config.Metadata, Spec = (JsonObject)config.Spec!.DeepClone() };
            edited.Spec["route"]!["matchers"] = matchers;
            Assert.DoesNotContain(BudgetAlerts(graph).Where(a => a["tenant"] == "team-b"), a => Receives(graph, edited, a));
        }
    }

    [Theory]
    [InlineData(AlertReceiverKind.Webhook, "webhookConfigs", "urlSecret")]
    [InlineData(AlertReceiverKind.Slack, "slackConfigs", "apiURL")]
    [InlineData(AlertReceiverKind.MsTeams, "msteamsv2Configs", "webhookURL")]
    public void The_receiver_reads_its_url_from_the_tenants_own_secret_and_validates(AlertReceiverKind kind, string configs, string urlField)
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(TwoBudgets(Existing(5), kind));
        var resource = graph.Object("AlertmanagerConfig", "team-a", TenantBudgetAlertRouting.ConfigName);
        var config = (CustomObject)resource.Object;
        var receiver = config.Spec!["receivers"]!.AsArray().Single()!;
        Assert.Equal(config.Spec["route"]!["receiver"]!.GetValue<string>(), receiver["name"]!.GetValue<string>());
        var url = receiver[configs]!.AsArray().Single()![urlField]!;
        // A Secret key selector resolves in the AlertmanagerConfig's namespace: the tenant's, which the team writes to.
        Assert.Equal(TenantBudgetAlertRouting.ReceiverSecret, url["name"]!.GetValue<string>());
        Assert.Equal(TenantBudgetAlertRouting.ReceiverUrlKey, url["key"]!.GetValue<string>());
        Assert.Contains(TenantBudgetAlertRouting.CreateSecretCommand("team-a"), string.Join('\n', graph.ComponentOf(AdvancedCostsManagement.PracticeName).Notes));
        Assert.DoesNotContain(PracticeGraphs.SchemaErrors(graph), e => e.Contains("AlertmanagerConfig", StringComparison.Ordinal));
    }

    [Fact]
    public void Alertmanager_selects_only_the_platforms_configs_in_tenant_namespaces()
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(TwoBudgets(Existing(5)));
        var spec = graph.Release(WellKnown.PrometheusStackRelease).Values.ToJson()["alertmanager"]!["alertmanagerSpec"]!;
        var selector = spec["alertmanagerConfigSelector"]!["matchLabels"]!.AsObject();
        var resource = graph.Object("AlertmanagerConfig", "team-a", TenantBudgetAlertRouting.ConfigName);
        Assert.NotEmpty(selector);
        Assert.All(selector, l => Assert.Equal(l.Value!.GetValue<string>(), resource.Labels()[l.Key]));
        var expression = spec["alertmanagerConfigNamespaceSelector"]!["matchExpressions"]!.AsArray().Single()!;
        Assert.Equal(HardMultiTenancy.TenantLabel, expression["key"]!.GetValue<string>());
        Assert.Equal("Exists", expression["operator"]!.GetValue<string>());
        Assert.Contains(HardMultiTenancy.TenantLabel, graph.Typed<k8s.Models.V1Namespace>("Namespace", null, "team-a").Metadata.Labels.Keys);
        // Without budgets nothing changes: no AlertmanagerConfig and the chart's selectors as they were.
        var without = PracticeGraphs.ComposeWithMonitoring(Existing(5));
        Assert.DoesNotContain(without.Resources.OfType<KubernetesResource>(), r => r.Kind == "AlertmanagerConfig");
        Assert.Null(without.Release(WellKnown.PrometheusStackRelease).Values.Get("alertmanager.alertmanagerSpec.alertmanagerConfigMatcherStrategy"));
    }
    /// <summary>
    /// From the tenant's side, with Prometheus evaluating the rules: cost in a namespace the team created counts towards
    /// its budget, cost in another tenant's namespace whose name merely starts with the tenant's never does, and the
    /// alert that fires reaches that tenant's receiver and no other tenant's.
    /// </summary>
    [SkippableFact]
    public void Cost_in_namespaces_the_team_created_counts_and_the_alert_reaches_only_that_tenant()
    {
        // team-a and team-ab coexist at Level 5 (team-a's prefix is "team-a-"); xteam-a is nobody's.
        var config = Existing(5) with
        {
            Tenants = [new("team-a", null, TenantTier.Small), new("team-ab", null, TenantTier.Small)],
            TenantBudgets = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("team-a", 500.0), KeyValuePair.Create("team-ab", 90.0)]),
        };
        var graph = PracticeGraphs.ComposeWithMonitoring(config);
        Skip.IfNot(Promtool.IsAvailable, Promtool.MissingReason);
        var rule = (CustomObject)graph.Object("PrometheusRule", WellKnown.MonitoringNamespace, AdvancedCostsManagement.BudgetRuleName).Object;

        // One node at 0.1 an hour per CPU and 0.01 per GiB. Monthly (730 h): team-a 2 CPU + 1 GiB in team-a and 4 CPU +
        // 1 GiB in team-a-ml = 452.6 (over 80% of 500 only with team-a-ml counted, over 100% if team-ab or xteam-a were);
        // team-ab 1 CPU + 1 GiB = 80.3 (over 80% of 90, not 100%).
        var cpu = new Dictionary<string, int> { ["team-a"] = 2, ["team-a-ml"] = 4, ["team-ab"] = 1, ["xteam-a"] = 100 };
        var inputs = new JsonArray(Series("node_cpu_hourly_cost{node=\"n1\"}", "0.1x100"), Series("node_ram_hourly_cost{node=\"n1\"}", "0.01x100"));
        foreach (var (ns, cores) in cpu)
        {
            inputs.Add(Series($"container_cpu_allocation{{namespace=\"{ns}\",node=\"n1\",pod=\"p\",container=\"c\"}}", $"{cores}x100"));
            inputs.Add(Series($"container_memory_allocation_bytes{{namespace=\"{ns}\",node=\"n1\",pod=\"p\",container=\"c\"}}", "1073741824x100"));
        }
        var expected = BudgetAlerts(graph).Where(a => a["alertname"] == TenantBudgetAlertRouting.NearBudgetAlert).ToList();
        Assert.Equal(["team-a", "team-ab"], expected.Select(a => a["tenant"]).Order());
        var samples = new JsonArray([.. expected.Select(a => (JsonNode)new JsonObject
        {
            ["labels"] = "ALERTS{" + string.Join(",", a.Append(KeyValuePair.Create("alertstate", "firing")).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}",
            ["value"] = 1,
        })]);
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("rules.yaml"), new JsonObject { ["groups"] = rule.Spec!["groups"]!.DeepClone() }.ToJsonString());
        var test = new JsonObject
        {
            ["rule_files"] = new JsonArray("rules.yaml"),
            ["evaluation_interval"] = "1m",
            ["tests"] = new JsonArray(new JsonObject
            {
                ["interval"] = "1m",
                ["input_series"] = inputs,
                // After the rules' for: 1h, exactly these alerts fire (promtool compares the whole set, labels included).
                ["promql_expr_test"] = new JsonArray(new JsonObject { ["expr"] = "ALERTS{alertstate=\"firing\"}", ["eval_time"] = "90m", ["exp_samples"] = samples }),
            }),
        };
        File.WriteAllText(dir.Combine("test.yaml"), test.ToJsonString());
        var (exitCode, output) = Promtool.TestRules(dir.Combine("test.yaml"));
        Assert.True(exitCode == 0, output);

        // Those alerts, through each tenant's AlertmanagerConfig: each tenant gets its own, nobody else's.
        foreach (var tenant in config.TenantBudgets.Keys)
        {
            var routing = (CustomObject)graph.Object("AlertmanagerConfig", tenant, TenantBudgetAlertRouting.ConfigName).Object;
            Assert.Equal([tenant], expected.Where(a => Receives(graph, routing, a)).Select(a => a["tenant"]));
        }
    }

    [Theory]
    [InlineData("team", "team", true)]
    [InlineData("team", "team-x", true)]
    [InlineData("team", "teamx", false)]
    [InlineData("team", "my-team", false)]
    [InlineData("team-a", "team-a-ml", true)]
    [InlineData("team-a", "team-ab", false)]
    [InlineData("team-a", "xteam-a", false)]
    [InlineData("team-a", "team-a-", false)]
    public void A_budget_counts_exactly_the_namespaces_the_contract_gives_its_tenant(string tenant, string ns, bool counted)
    {
        var expr = AdvancedCostsManagement.MonthlyCostExpression(tenant);
        var selectors = Regex.Matches(expr, "namespace=~\"([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        // No selector on namespace other than the contract's, which Prometheus anchors at both ends.
        Assert.Equal([TenantNamespaces.Regex(tenant)], selectors);
        Assert.DoesNotMatch("namespace=\"", expr);
        Assert.Equal(counted, Regex.IsMatch(ns, $"^(?:{selectors[0]})$"));
        Assert.Equal(counted, TenantNamespaces.Owns(tenant, ns));
    }

    private static JsonObject Series(string series, string values) => new() { ["series"] = series, ["values"] = values };
}
