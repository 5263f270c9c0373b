using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Availability;

/// <summary>One service level objective: what is measured, the target in percent, and the queries Sloth turns into burn rates.</summary>
/// <param name="ErrorQuery">Bad events over Sloth's {{.window}}.</param>
/// <param name="TotalQuery">All events over the same window.</param>
public sealed record ServiceLevelObjective(string Service, string Name, double Objective, string Description, string ErrorQuery, string TotalQuery)
{
    /// <summary>The error budget over the SLO period, as the share of events that may fail (0.05% for 99.95).</summary>
    public double ErrorBudgetPercent => Math.Round(100 - Objective, 6);
}

/// <summary>
/// Levels 4–5: the platform states its objectives and alerts when it spends its error budget too fast. Sloth (pinned)
/// turns each PrometheusServiceLevel into recording rules and multi-window, multi-burn-rate alerts (page: 1h/5m at
/// 14.4× and 6h/30m at 6×; ticket: 1d/2h at 3× and 3d/6h at 1×, over 30 days). The platform's own SLOs are the API
/// server's availability, the gateway's success rate and tenant rollouts' success (kube-state-metrics); golden-path
/// services get theirs from their templates (success rate and latency as parameters).
/// </summary>
public sealed class ErrorBudgetManagement : PracticeComponent
{
    public const string ReleaseName = "sloth";

    /// <summary>The SLO period Sloth computes budgets over (chart sloth.defaultSloPeriod).</summary>
    public const string SloPeriod = "30d";

    public const string ApiServerService = "platform-api-server";
    public const string GatewayService = "platform-gateway";
    public const string RolloutsService = "platform-rollouts";

    public override string Practice => "Error Budget Management";

    public override Implementation Implementation => Implementation.OnBothTargets(
        $"Sloth (chart {Pins.Sloth.Version}) generating multi-window burn-rate alerts from PrometheusServiceLevels: the platform's API server availability, gateway success rate and rollout success (kube-state-metrics) over {SloPeriod}; golden-path services carry their own (success rate and latency); pmctl status lists the objectives");

    /// <summary>The platform's own objectives on this stack (the gateway's namespace is platform:ingressNamespace).</summary>
    public static ImmutableArray<ServiceLevelObjective> PlatformObjectives(PlatformConfig config)
    {
        const string window = "{{.window}}";
        var gateway = $"namespace=\"{config.IngressNamespace}\"";
        return
        [
            new(ApiServerService, "requests-availability", 99.95,
                "Share of Kubernetes API requests answered without a server error (5xx); the AKS uptime SLA with zones is 99.95%.",
                $"sum(rate(apiserver_request_total{{job=\"apiserver\",code=~\"5..\"}}[{window}]))",
                $"sum(rate(apiserver_request_total{{job=\"apiserver\"}}[{window}]))"),
            new(GatewayService, "requests-success", 99.95,
                "Share of requests through the platform gateway's Envoy proxies answered without a 5xx (apps' own 5xx count too: the gateway is where users feel them).",
                $"sum(rate(envoy_http_downstream_rq_xx{{{gateway},envoy_response_code_class=\"5\"}}[{window}]))",
                $"sum(rate(envoy_http_downstream_rq_xx{{{gateway}}}[{window}]))"),
            // kube-state-metrics' Progressing=false condition is a rollout that exceeded its progress deadline.
            new(RolloutsService, "rollouts-success", 99.0,
                "Share of Deployments whose rollout did not fail (Progressing=False, progress deadline exceeded) during the window, from kube-state-metrics.",
                $"sum(max_over_time(kube_deployment_status_condition{{condition=\"Progressing\",status=\"false\"}}[{window}]))",
                $"count(max_over_time(kube_deployment_status_condition{{condition=\"Progressing\",status=\"false\"}}[{window}]))"),
        ];
    }

    public override void Build(ComponentBuilder component)
    {
        if (!component.HasMonitoring)
        {
            component.Note("No Prometheus operator runs on this platform, so no SLOs are evaluated (Sloth writes PrometheusRules).");
            return;
        }
        var values = HelmValues.From(
            ("image.tag", Pins.SlothImageTag),
            ("sloth.defaultSloPeriod", SloPeriod),
            // The common SLI plugins are git-synced from a branch head at runtime (unpinned); the SLOs here use raw queries.
            ("commonPlugins.enabled", false),
            ("metrics.enabled", true),
            ("securityContext.pod.runAsNonRoot", true),
            ("securityContext.pod.runAsUser", 65534),
            ("securityContext.pod.seccompProfile.type", "RuntimeDefault"),
            ("securityContext.container.allowPrivilegeEscalation", false),
            ("securityContext.container.readOnlyRootFilesystem", true),
            ("securityContext.container.capabilities.drop", new[] { "ALL" }));
        component.AddRelease(ReleaseName, WellKnown.MonitoringNamespace, Pins.Sloth, values,
            providesApiGroups: ["sloth.slok.dev"], dependsOn: [WellKnown.PrometheusStackRelease], createNamespace: false);

        foreach (var group in PlatformObjectives(component.Config).GroupBy(o => o.Service))
            component.AddObject(ServiceLevel(group.Key, [.. group]));

        component.Note($"Objectives: {string.Join("; ", PlatformObjectives(component.Config).Select(o => $"{o.Service}/{o.Name} {o.Objective.ToString(CultureInfo.InvariantCulture)}%"))} over {SloPeriod}. Remaining budget: the slo:period_error_budget_remaining:ratio series (Sloth), e.g. in Grafana Explore.");
        component.Note($"Burn-rate alerts: severity critical (page) when the budget burns at 14.4x over 1h or 6x over 6h, warning (ticket) at 3x over 1d or 1x over 3d; kubectl get prometheusservicelevels -A.");
    }

    /// <summary>A PrometheusServiceLevel (sloth.slok.dev/v1) with page and ticket alerts routed by severity.</summary>
    public static CustomObject ServiceLevel(string service, IReadOnlyList<ServiceLevelObjective> objectives) => new()
    {
        ApiVersion = "sloth.slok.dev/v1",
        Kind = "PrometheusServiceLevel",
        Metadata = new V1ObjectMeta { Name = service, NamespaceProperty = WellKnown.MonitoringNamespace },
        Spec = new JsonObject
        {
            ["service"] = service,
            ["labels"] = new JsonObject { ["owner"] = "platform" },
            ["slos"] = new JsonArray([.. objectives.Select(o => (JsonNode)new JsonObject
            {
                ["name"] = o.Name,
                ["objective"] = o.Objective,
                ["description"] = o.Description,
                ["sli"] = new JsonObject { ["events"] = new JsonObject { ["errorQuery"] = o.ErrorQuery, ["totalQuery"] = o.TotalQuery } },
                ["alerting"] = new JsonObject
                {
                    ["name"] = $"{ToAlertName(o.Service)}{ToAlertName(o.Name)}BudgetBurn",
                    ["labels"] = new JsonObject { ["category"] = "slo" },
                    ["annotations"] = new JsonObject { ["summary"] = $"{o.Service} is burning its {o.Name} error budget ({o.Objective.ToString(CultureInfo.InvariantCulture)}% over {SloPeriod})" },
                    ["pageAlert"] = new JsonObject { ["labels"] = new JsonObject { ["severity"] = "critical" } },
                    ["ticketAlert"] = new JsonObject { ["labels"] = new JsonObject { ["severity"] = "warning" } },
                },
            })]),
        },
    };

    private static string ToAlertName(string kebab) => string.Concat(kebab.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>
    /// The objectives a composed graph evaluates: every PrometheusServiceLevel of the platform's own, read back from the
    /// objects (what pmctl status shows). Golden-path SLOs live in the apps' repositories, not in the graph.
    /// </summary>
    public static ImmutableArray<ServiceLevelObjective> In(PlatformGraph graph) =>
        [.. graph.Resources.OfType<KubernetesResource>()
            // The first cluster's: every member runs copies of the same objectives.
            .Where(r => r.Kind == "PrometheusServiceLevel" && r.Cluster == ClusterRef.PrimaryKey)
            .Select(r => (CustomObject)r.Object)
            .SelectMany(o => o.Spec!["slos"]!.AsArray().Select(slo => new ServiceLevelObjective(
                o.Spec!["service"]!.GetValue<string>(),
                slo!["name"]!.GetValue<string>(),
                slo["objective"]!.GetValue<double>(),
                slo["description"]?.GetValue<string>() ?? "",
                slo["sli"]!["events"]!["errorQuery"]!.GetValue<string>(),
                slo["sli"]!["events"]!["totalQuery"]!.GetValue<string>())))];
}
