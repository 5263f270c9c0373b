using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Config;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Core.Tests.Practices.Security;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Efficiency;

/// <summary>Costs Center Management: the label policy (staged), OpenCost reading Prometheus through the monitoring policies, azure cost analysis and budget.</summary>
public sealed class CostsCenterManagementTests
{
    /// <summary>
    /// One contract, one owner: the cost-center label is required by the compliance label policy alone, with its one switch
    /// (required-labels), warn first and deny once promoted; no second policy checks the same label under another switch.
    /// </summary>
    [Theory]
    [InlineData(true, new[] { "Warn", "Audit" })]
    [InlineData(false, new[] { "Deny" })]
    public void The_cost_center_label_is_required_by_one_policy_with_one_switch(bool staged, string[] actions)
    {
        var graph = Compose(Existing(4) with { Staged = staged ? [Enforcements.RequiredLabels] : [] });
        var policies = graph.Resources.OfType<PlatformMaturity.Graph.KubernetesResource>().Select(r => r.Object).OfType<V1ValidatingAdmissionPolicy>()
            .Where(p => p.Spec.Validations.Any(v => v.Expression.Contains($"'{CostsCenterManagement.CostCenterLabel}'", StringComparison.Ordinal))).ToList();
        var policy = Assert.Single(policies);
        Assert.Equal(PlatformMaturity.Practices.Security.CompliancePoliciesEnforcement.RequiredLabelsPolicy, policy.Metadata.Name);
        var binding = graph.Typed<V1ValidatingAdmissionPolicyBinding>("ValidatingAdmissionPolicyBinding", null, policy.Metadata.Name);
        Assert.Equal(actions, binding.Spec.ValidationActions);
        Assert.Equal(Tenants.Select(t => t.Name), binding.Spec.MatchResources.NamespaceSelector.MatchExpressions.Single().Values);
        Assert.DoesNotContain(Enforcements.All, e => e.Practice == "Costs Center Management");
        Assert.Contains(graph.ComponentOf("Costs Center Management").Notes, n => n.Contains(policy.Metadata.Name, StringComparison.Ordinal));
    }

    /// <summary>Stack files written before the merge name cost-center-label: it reads as required-labels, staged stays staged.</summary>
    [Fact]
    public void A_stack_naming_the_retired_cost_center_switch_reads_as_the_label_policy_switch()
    {
        var text = File.ReadAllText(StackFile.PathFor(PlatformMaturity.Tests.Shared.TestPaths.Stacks, "l4-existing"));
        Assert.Contains("platform:staged: []", text);
        text = text.Replace("platform:staged: []", "platform:staged: [cost-center-label]").Replace("platform:enforced:\n", "platform:enforced:\n  - cost-center-label\n");
        var result = PlatformConfigParser.Parse(StackFile.Parse(text, "l4-existing", "test"));
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Contains(Enforcements.RequiredLabels, result.Config!.Staged);
        Assert.DoesNotContain("cost-center-label", result.Config.Staged);
        Assert.Equal(Enforcements.RequiredLabels, Enforcements.Current("cost-center-label"));
    }

    [Fact]
    public void Opencost_queries_the_platform_prometheus_which_the_monitoring_policies_admit_from_opencost_only()
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(Existing(4));
        var opencost = graph.Release(CostsCenterManagement.OpenCostRelease);
        Assert.Equal(Pins.OpenCost, opencost.Chart);
        var url = $"http://{opencost.Values.Get("opencost.prometheus.internal.serviceName")}.{opencost.Values.Get("opencost.prometheus.internal.namespaceName")}.svc:{opencost.Values.Get("opencost.prometheus.internal.port")}";
        Assert.Equal(PlatformMaturity.Composition.WellKnown.PrometheusUrl, url);

        var evaluator = NetworkPolicyEvaluator.Of(graph);
        var prometheus = new Endpoint("monitoring", "kube-prometheus-stack-prometheus", 9090, new Dictionary<string, string> { ["app.kubernetes.io/name"] = "prometheus" });
        Assert.True(evaluator.Allows(new Source(CostsCenterManagement.OpenCostNamespace, new Dictionary<string, string> { ["app.kubernetes.io/name"] = "opencost" }), prometheus));
        Assert.False(evaluator.Allows(new Source(CostsCenterManagement.OpenCostNamespace, new Dictionary<string, string> { ["app.kubernetes.io/name"] = "other" }), prometheus));
        Assert.False(evaluator.Allows(new Source(Tenants[0].Name), prometheus));
    }

    [Fact]
    public void On_azure_a_budget_from_config_alerts_its_contacts_and_cost_analysis_needs_a_paid_tier()
    {
        var budget = new BudgetConfig(2500, ["finops@example.com"], "2027-01");
        var free = Compose(Azure(4) with { Budget = budget });
        Assert.Null(free.Cluster().CostAnalysisEnabled);
        var record = Assert.IsType<BudgetResourceGroup>(free.Resource(CostsCenterManagement.BudgetResource));
        Assert.Equal(2500, record.Amount);
        Assert.Equal("2027-01-01T00:00:00Z", record.StartDate);
        Assert.Equal(PlatformMaturity.Composition.Foundation.ResourceGroupName, record.ResourceGroup);
        Assert.Contains(record.Notifications, n => n.ThresholdType == "Forecasted" && n.Threshold == 100);
        Assert.All(record.Notifications, n => Assert.Equal(["finops@example.com"], n.ContactEmails.ToArray()));

        var standard = Compose(Azure(4) with { SkuTier = "Standard" });
        Assert.True(standard.Cluster().CostAnalysisEnabled);
        Assert.DoesNotContain(standard.Resources, r => r is BudgetResourceGroup);
    }

    [Theory]
    [InlineData("""{"amount": 100, "contactEmails": ["a@example.com"], "startMonth": "2027-01"}""", true)]
    [InlineData("""{"amount": -1, "contactEmails": ["a@example.com"], "startMonth": "2027-01"}""", false)]
    [InlineData("""{"amount": 100, "contactEmails": [], "startMonth": "2027-01"}""", false)]
    [InlineData("""{"amount": 100, "contactEmails": ["a@example.com"], "startMonth": "January"}""", false)]
    public void The_budget_key_is_validated(string json, bool valid)
    {
        var raw = RawConfig.Empty("test")
            .With(ConfigKeys.Level, 4).With(ConfigKeys.Target, "azure").With(ConfigKeys.Regions, new JsonArray("westeurope"))
            .With(ConfigKeys.Budget, JsonNode.Parse(json));
        var result = PlatformConfigParser.Parse(raw);
        Assert.Equal(valid, result.IsValid);
        if (!valid)
            Assert.All(result.Problems, p => Assert.Equal(ConfigKeys.Budget.FullName, p.Key));
    }
}
