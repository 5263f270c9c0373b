using System.Collections.Immutable;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>
/// Levels 4–5: every tenant workload says whom its cost is booked to, and the platform measures it. The cost-center
/// label (this practice's contract) is required on every tenant pod and pod template by one admission policy with one
/// staging switch: Compliance Policies Enforcement's platform-required-labels (required-labels), in effect at the same
/// levels — a second policy here checked the same label with its own switch, so one could deny while the other only
/// warned. OpenCost prices pods from the platform's Prometheus, per namespace (tenant) and per cost-center pod label; on
/// azure AKS cost analysis and a monthly budget on the resource group with e-mail alerts.
/// </summary>
public sealed class CostsCenterManagement : PracticeComponent
{
    /// <summary>The label naming a workload's cost centre: required by Compliance Policies Enforcement's label policy, written by the golden paths, aggregated by OpenCost.</summary>
    public const string CostCenterLabel = "cost-center";

    public const string OpenCostRelease = "opencost";
    public const string OpenCostNamespace = "opencost";

    /// <summary>OpenCost's API port (chart opencost.exporter.apiPort default), for port-forwarded queries.</summary>
    public const int OpenCostApiPort = 9003;

    /// <summary>Pod labels of OpenCost (chart selectorLabels: app.kubernetes.io/name = the chart name).</summary>
    public static readonly (string Key, string Value) OpenCostPods = ("app.kubernetes.io/name", "opencost");

    /// <summary>Name of the NetworkPolicy in the monitoring namespace admitting OpenCost's queries to Prometheus.</summary>
    public const string PrometheusQueriesPolicy = "allow-opencost-queries";

    public const string BudgetResource = "budget";

    public override string Practice => "Costs Center Management";

    public override Implementation Implementation => new(
        Existing: $"The {CostCenterLabel} label on every tenant pod and pod template, required by Compliance Policies Enforcement's {Security.CompliancePoliciesEnforcement.RequiredLabelsPolicy} (staged as {Enforcements.RequiredLabels}); OpenCost (chart {Pins.OpenCost.Version}) reading the platform's Prometheus, cost per tenant namespace and per {CostCenterLabel}",
        Azure: $"The {CostCenterLabel} label on every tenant pod and pod template, required by Compliance Policies Enforcement's {Security.CompliancePoliciesEnforcement.RequiredLabelsPolicy} (staged as {Enforcements.RequiredLabels}); OpenCost (chart {Pins.OpenCost.Version}) reading the platform's Prometheus, cost per tenant namespace and per {CostCenterLabel}; AKS cost analysis (CostAnalysisEnabled, Standard or Premium tier) and a monthly BudgetResourceGroup with e-mail alerts from {ConfigKeys.Budget.FullName}");

    public override void Build(ComponentBuilder component)
    {
        AddLabelPolicy(component);
        if (component.HasMonitoring)
            AddOpenCost(component);
        else
            component.Note("No Prometheus runs on this platform, so OpenCost (which prices what Prometheus measures) is not installed.");
        if (component.IsAzure)
        {
            EnableCostAnalysis(component);
            AddBudget(component);
        }
    }

    /// <summary>The label is required by the compliance label policy (one policy, one switch); this practice says where it is checked.</summary>
    private static void AddLabelPolicy(ComponentBuilder component)
    {
        var config = component.Config;
        component.Note(config.Tenants.IsDefaultOrEmpty
            ? $"No tenants yet, so no namespace is bound to the {CostCenterLabel} label requirement."
            : $"Tenant pods and pod templates without a non-empty {CostCenterLabel} label are checked by {Security.CompliancePoliciesEnforcement.RequiredLabelsPolicy} " +
              $"(Compliance Policies Enforcement, staged as {Enforcements.RequiredLabels}: warned while staged, refused once promoted); label them with pmctl app new --set cost-center=<id>.");
    }

    private static void AddOpenCost(ComponentBuilder component)
    {
        var config = component.Config;
        component.AddPlatformNamespace(OpenCostNamespace);
        var values = HelmValues.From(
            ("opencost.exporter.defaultClusterId", config.Name),
            ("opencost.prometheus.internal.enabled", true),
            ("opencost.prometheus.internal.serviceName", $"{WellKnown.PrometheusStackRelease}-prometheus"),
            ("opencost.prometheus.internal.namespaceName", WellKnown.MonitoringNamespace),
            ("opencost.prometheus.internal.port", WellKnown.PrometheusPort),
            // OpenCost's allocation needs its own metrics (node prices, pod labels) in Prometheus.
            ("opencost.metrics.serviceMonitor.enabled", true),
            // The API (port-forward or kubectl cost) answers per namespace and per label; no UI pod, no MCP server to secure.
            ("opencost.ui.enabled", false),
            ("opencost.mcp.enabled", false),
            ("podSecurityContext.runAsNonRoot", true),
            ("podSecurityContext.seccompProfile.type", "RuntimeDefault"),
            ("opencost.exporter.securityContext.runAsNonRoot", true),
            ("opencost.exporter.securityContext.runAsUser", 1000),
            ("opencost.exporter.securityContext.allowPrivilegeEscalation", false),
            ("opencost.exporter.securityContext.capabilities.drop", new[] { "ALL" }),
            // The chart's NetworkPolicies would duplicate the platform's (PlatformNetworkPolicies): one owner.
            ("networkPolicies.enabled", false));
        component.AddRelease(OpenCostRelease, OpenCostNamespace, Pins.OpenCost, values,
            dependsOn: [WellKnown.PrometheusStackRelease], createNamespace: false);
        // The monitoring namespace admits only documented clients; OpenCost is one from Level 4.
        PlatformNetworkPolicies.AddClientPolicy(component, WellKnown.MonitoringNamespace, PlatformIngressRule.Of(PrometheusQueriesPolicy,
            "OpenCost queries Prometheus for usage to price (opencost.prometheus.internal)",
            IngressSource.PodsIn(OpenCostNamespace, OpenCostPods), [WellKnown.PrometheusPort], PlatformNetworkPolicies.PrometheusPods));
        component.Note($"Cost per tenant and per cost centre: kubectl port-forward -n {OpenCostNamespace} svc/{OpenCostRelease} {OpenCostApiPort}, then curl 'http://localhost:{OpenCostApiPort}/allocation/compute?window=7d&aggregate=namespace' (or aggregate=label:{CostCenterLabel}).");
    }

    private static void EnableCostAnalysis(ComponentBuilder component)
    {
        var tier = component.Existing<KubernetesCluster>().Single(c => c.Name == Foundation.ClusterName).SkuTier;
        if (tier is "Free")
        {
            component.Note($"AKS cost analysis needs the Standard or Premium tier; this cluster is on {tier} ({ConfigKeys.SkuTier.FullName}), so it stays off.");
            return;
        }
        component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with { CostAnalysisEnabled = true });
        component.Note("AKS cost analysis splits the cluster's Azure cost by namespace and workload in Cost Management (Azure portal: the cluster's Cost analysis).");
    }

    private static void AddBudget(ComponentBuilder component)
    {
        var config = component.Config;
        if (config.Budget is not { } budget)
        {
            component.Note($"No budget: set {ConfigKeys.Budget.FullName} to {{amount, contactEmails, startMonth}} to be alerted at 80% and 100% of the monthly spend.");
            return;
        }
        component.Add(new BudgetResourceGroup
        {
            Name = BudgetResource,
            Provenance = component.Provenance,
            BudgetName = $"budget-{config.Name}",
            ResourceGroup = Foundation.ResourceGroupName,
            Amount = budget.Amount,
            TimeGrain = "Monthly",
            StartDate = $"{budget.StartMonth}-01T00:00:00Z",
            Notifications =
            [
                new BudgetNotification("GreaterThanOrEqualTo", 80, "Actual", budget.ContactEmails),
                new BudgetNotification("GreaterThanOrEqualTo", 100, "Actual", budget.ContactEmails),
                new BudgetNotification("GreaterThanOrEqualTo", 100, "Forecasted", budget.ContactEmails),
            ],
        });
        component.Note($"Budget {budget.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} a month on the resource group from {budget.StartMonth}: alerts to {string.Join(", ", budget.ContactEmails)} at 80% and 100% of actual spend and when the forecast reaches 100%.");
    }
}
