using System.Collections.Immutable;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>
/// Levels 4–5: every tenant workload says whom its cost is booked to, and the platform measures it. The cost-center
/// label is required on tenant workloads and their pod templates (a ValidatingAdmissionPolicy, staged Warn/Audit →
/// Deny); OpenCost prices pods from the platform's Prometheus, per namespace (tenant) and per cost-center label; on
/// azure AKS cost analysis and a monthly budget on the resource group with e-mail alerts.
/// </summary>
public sealed class CostsCenterManagement : PracticeComponent
{
    /// <summary>The label naming a workload's cost centre: required by the policy, written by the golden paths, aggregated by OpenCost.</summary>
    public const string CostCenterLabel = "cost-center";

    public const string PolicyName = "platform-cost-center-label";
    public const string OpenCostRelease = "opencost";
    public const string OpenCostNamespace = "opencost";

    /// <summary>OpenCost's API port (chart opencost.exporter.apiPort default), for port-forwarded queries.</summary>
    public const int OpenCostApiPort = 9003;

    /// <summary>Pod labels of OpenCost (chart selectorLabels: app.kubernetes.io/name = the chart name).</summary>
    public static readonly (string Key, string Value) OpenCostPods = ("app.kubernetes.io/name", "opencost");

    /// <summary>Name of the NetworkPolicy in the monitoring namespace admitting OpenCost's queries to Prometheus.</summary>
    public const string PrometheusQueriesPolicy = "allow-opencost-queries";

    public const string BudgetResource = "budget";

    /// <summary>The workload kinds the policy covers: everything that creates tenant pods (Argo Rollouts replace Deployments from Level 3).</summary>
    public static readonly ImmutableArray<(string Group, string Version, string[] Resources)> Workloads =
    [
        ("apps", "v1", ["deployments", "statefulsets", "daemonsets"]),
        ("batch", "v1", ["jobs", "cronjobs"]),
        ("argoproj.io", "v1alpha1", ["rollouts"]),
    ];

    public override string Practice => "Costs Center Management";

    public override Implementation Implementation => new(
        Existing: $"A ValidatingAdmissionPolicy requiring the {CostCenterLabel} label on tenant workloads and their pod templates (staged Warn/Audit, Deny on promote); OpenCost (chart {Pins.OpenCost.Version}) reading the platform's Prometheus, cost per tenant namespace and per {CostCenterLabel}",
        Azure: $"A ValidatingAdmissionPolicy requiring the {CostCenterLabel} label on tenant workloads and their pod templates (staged Warn/Audit, Deny on promote); OpenCost (chart {Pins.OpenCost.Version}) reading the platform's Prometheus, cost per tenant namespace and per {CostCenterLabel}; AKS cost analysis (CostAnalysisEnabled, Standard or Premium tier) and a monthly BudgetResourceGroup with e-mail alerts from {ConfigKeys.Budget.FullName}");

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

    private static void AddLabelPolicy(ComponentBuilder component)
    {
        var config = component.Config;
        if (config.Tenants.IsDefaultOrEmpty)
        {
            component.Note($"No tenants yet, so no namespace is bound to the {CostCenterLabel} label policy.");
            return;
        }
        var key = CostCenterLabel;
        component.AddObject(new V1ValidatingAdmissionPolicy
        {
            ApiVersion = "admissionregistration.k8s.io/v1",
            Kind = "ValidatingAdmissionPolicy",
            Metadata = new V1ObjectMeta { Name = PolicyName },
            Spec = new V1ValidatingAdmissionPolicySpec
            {
                FailurePolicy = "Fail",
                MatchConstraints = new V1MatchResources
                {
                    ResourceRules = [.. Workloads.Select(w => new V1NamedRuleWithOperations
                    {
                        ApiGroups = [w.Group],
                        ApiVersions = [w.Version],
                        Operations = ["CREATE", "UPDATE"],
                        Resources = [.. w.Resources],
                    })],
                },
                // Objects a controller creates (a CronJob's Jobs) carry what their owner's template says; the owner is checked.
                MatchConditions =
                [
                    new V1MatchCondition { Name = "not-owned", Expression = "!has(object.metadata.ownerReferences) || size(object.metadata.ownerReferences) == 0" },
                ],
                Validations =
                [
                    new V1Validation
                    {
                        Expression = $"has(object.metadata.labels) && '{key}' in object.metadata.labels && object.metadata.labels['{key}'] != ''",
                        Message = $"the workload must carry the label {key} (the cost centre its spending is booked to; pmctl app new --set cost-center=<id>)",
                        Reason = "Invalid",
                    },
                    new V1Validation
                    {
                        // A Rollout that references a Deployment (workloadRef) has no template of its own: the Deployment is checked.
                        Expression = "object.kind == 'CronJob'"
                            + $" ? (has(object.spec.jobTemplate.spec.template.metadata) && has(object.spec.jobTemplate.spec.template.metadata.labels) && '{key}' in object.spec.jobTemplate.spec.template.metadata.labels)"
                            + $" : (!has(object.spec.template) || (has(object.spec.template.metadata) && has(object.spec.template.metadata.labels) && '{key}' in object.spec.template.metadata.labels))",
                        Message = $"the workload's pod template must carry the label {key} too, so its pods' cost is attributed",
                        Reason = "Invalid",
                    },
                ],
            },
        });
        var staged = component.IsStaged(Enforcements.CostCenterLabel);
        component.AddObject(PlatformObjects.TenantPolicyBinding(PolicyName, config, staged));
        component.Note(staged
            ? $"Staged ({Enforcements.CostCenterLabel} in platform:staged): tenant workloads without the {CostCenterLabel} label are admitted with a warning; label them (kubectl label deployment <name> -n <tenant> {CostCenterLabel}=<id>, and the pod template), then enforce with pmctl upgrade {config.Stack} --promote."
            : $"Tenant workloads (and their pod templates) without the {CostCenterLabel} label are refused.");
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
