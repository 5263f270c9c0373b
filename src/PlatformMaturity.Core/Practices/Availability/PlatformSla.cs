using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Model;
using PlatformMaturity.Planning;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Level 5 ("prepare and announce the platform's SLA"): the platform's objectives — API server availability, gateway
/// success rate, rollout success (Error Budget Management's PrometheusServiceLevels) and rollout duration (added here,
/// the same Sloth contract) — published as an SLA document whose availability figure is the topology's computed
/// availability (<see cref="AvailabilityModel.Estimate"/>, the one definition), with the error budget per period. On
/// azure every cluster runs a tier with the AKS uptime SLA. A stack below Level 5 asking for an SLA is refused
/// (platform:sla, in the config parser).
/// </summary>
public sealed class PlatformSla : PracticeComponent
{
    public const string Document = "SLA.md";

    public const string RolloutDurationService = "platform-rollout-duration";

    /// <summary>The ConfigMap that keeps the SLA document in every cluster (kubectl and pmctl assess find it there).</summary>
    public const string ConfigMapName = "platform-sla";

    /// <summary>Label of the platform's published documents, and its value on the SLA's ConfigMap: the contract pmctl assess reads.</summary>
    public const string DocumentLabel = "platform.maturity/document";
    public const string SlaDocument = "sla";

    /// <summary>A rollout slower than this many minutes spends the rollout-duration budget for every minute it stays unfinished.</summary>
    public const int RolloutMinutes = 15;

    /// <summary>Published availability tiers; an SLA with no announced figure takes the highest the topology reaches.</summary>
    public static readonly ImmutableArray<double> Tiers = [0.995, 0.999, 0.9995, 0.9999, 0.99995, 0.99999];

    public const string PracticeName = PlatformConfigParser.PlatformSlaPractice;

    public override string Practice => PracticeName;

    public override Implementation Implementation => new(
        Existing: $"The platform's SLOs (API server availability, gateway success rate, rollout success and duration) as Sloth PrometheusServiceLevels, and {Document} in the render output: the availability the members' owners guarantee combined by the topology arithmetic, the error budget per {ErrorBudgetManagement.SloPeriod}, owner from {ConfigKeys.Sla.FullName}",
        Azure: $"AKS Standard tier (uptime SLA) on every cluster, the platform's SLOs (API server availability, gateway success rate, rollout success and duration) as Sloth PrometheusServiceLevels, and {Document} in the render output: the computed composite availability with its arithmetic and the error budget per {ErrorBudgetManagement.SloPeriod}, owner from {ConfigKeys.Sla.FullName}");

    /// <summary>Rollout duration as a time-slice SLO: minutes in which a Deployment has been rolling out for over <see cref="RolloutMinutes"/> minutes, out of all Deployment-minutes.</summary>
    public static ServiceLevelObjective RolloutDuration()
    {
        const string window = "{{.window}}";
        const string rolling = "(kube_deployment_spec_replicas != bool kube_deployment_status_replicas_updated)";
        return new(RolloutDurationService, "rollouts-duration", 99.5,
            $"Share of Deployment-minutes not spent in a rollout older than {RolloutMinutes} minutes (updated replicas short of the desired count), from kube-state-metrics.",
            $"sum(count_over_time((min_over_time({rolling}[{RolloutMinutes}m:1m]) == 1)[{window}:1m]))",
            $"sum(count_over_time(kube_deployment_spec_replicas[{window}:1m]))");
    }

    public override void Build(ComponentBuilder component)
    {
        if (component.IsAzure)
            // The Free tier has no uptime SLA (a 99.5% objective): an SLA cannot rest on it.
            component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster.SkuTier == "Free" ? cluster with { SkuTier = "Standard" } : cluster);
        if (component.HasMonitoring && component.Implements("Error Budget Management"))
        {
            component.AddObject(ErrorBudgetManagement.ServiceLevel(RolloutDurationService, [RolloutDuration()]));
            // The document itself is written once the topology is composed (Publish); every cluster keeps a copy.
            component.AddObject(new V1ConfigMap
            {
                ApiVersion = "v1",
                Kind = "ConfigMap",
                Metadata = new V1ObjectMeta
                {
                    Name = ConfigMapName, NamespaceProperty = WellKnown.MonitoringNamespace,
                    Labels = new Dictionary<string, string> { [DocumentLabel] = SlaDocument },
                },
                Data = new Dictionary<string, string> { [Document] = "" },
            });
            component.Note($"Read the SLA in a cluster: kubectl get configmap {ConfigMapName} -n {WellKnown.MonitoringNamespace} -o jsonpath='{{.data.SLA\\.md}}'");
        }
        else
            component.Note("No Sloth on this platform (Error Budget Management with monitoring): the SLA's objectives are published but not evaluated.");
        if (component.Config.Sla is null)
            component.Note($"No {ConfigKeys.Sla.FullName}: the SLA names no owner. Set {{owner: <team e-mail>, availability: <percent>}} before announcing it.");
        component.Note($"The SLA document ({Document}) is generated from the composed topology; pmctl render writes it into this component's folder.");
    }

    /// <summary>
    /// Once the graph is composed (every member's cluster in it): the SLA document from the topology's computed
    /// availability, attached to this practice's component. A graph without the practice is returned as it is.
    /// </summary>
    internal static PlatformGraph Publish(PlatformGraph graph, MaturityModel model, string componentId)
    {
        if (graph.Component(componentId) is not { } component)
            return graph;
        var document = Sla(graph, model);
        // Each cluster's copy of the ConfigMap gets the document (members copied it before the topology was complete).
        GraphResource WithDocument(GraphResource resource) => resource is KubernetesResource { Object: V1ConfigMap map } k
            && map.Metadata.Name == ConfigMapName && map.Metadata.Labels is { } labels && labels.TryGetValue(DocumentLabel, out var kind) && kind == SlaDocument
            ? k with { Object = new V1ConfigMap { ApiVersion = map.ApiVersion, Kind = map.Kind, Metadata = map.Metadata, Data = new Dictionary<string, string> { [Document] = document } } }
            : resource;
        return graph with
        {
            Components = [.. graph.Components.Select(c => (c.Id == componentId ? c with { Documents = c.Documents.SetItem(Document, document) } : c) with
            {
                Resources = [.. c.Resources.Select(WithDocument)],
            })],
        };
    }

    /// <summary>The availability the SLA announces: platform:sla's figure, else the highest published tier the topology reaches.</summary>
    public static double? Announced(PlatformGraph graph, AvailabilityEstimate estimate) =>
        graph.Config.Sla?.Availability ?? (estimate.Value is { } value ? Tiers.Where(t => t <= value).DefaultIfEmpty().Max() is var tier and > 0 ? tier : null : null);

    /// <summary>The SLA document: objectives, the announced availability, the arithmetic behind it, and the budgets per period.</summary>
    public static string Sla(PlatformGraph graph, MaturityModel model)
    {
        var config = graph.Config;
        var target = AvailabilityModel.TargetFor(model, config.Level) ?? 0.999;
        var estimate = AvailabilityModel.Estimate(graph, target);
        var announced = Announced(graph, estimate);
        var periodMinutes = PeriodDays * 24 * 60;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Service level agreement: platform {config.Name}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- Environment: {ConfigNames.Of(config.Environment)}; level {config.Level} ({model.Level(config.Level).Title})\n");
        text.Append(CultureInfo.InvariantCulture, $"- Owner: {config.Sla?.Owner ?? $"not set ({ConfigKeys.Sla.FullName}.owner)"}\n");
        text.Append(CultureInfo.InvariantCulture, $"- Period: calendar month, measured over rolling {ErrorBudgetManagement.SloPeriod} windows (Sloth)\n");
        text.Append(CultureInfo.InvariantCulture, $"- Clusters: {string.Join(", ", config.Members.Select(m => m.Region is { } r ? $"{m.Name} ({r})" : m.Name))}\n\n");
        text.Append("## Availability\n\n");
        if (announced is { } a)
        {
            text.Append(CultureInfo.InvariantCulture, $"The platform is available **{AvailabilityEstimate.Percent(a)}** of each month");
            text.Append(CultureInfo.InvariantCulture, $": at most {Minutes((1 - a) * periodMinutes)} of unavailability per {PeriodDays} days.\n\n");
        }
        else
            text.Append("No availability is announced: the tool cannot compute this topology; state each member's guaranteed availability in platform:clusters.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"How the figure is computed (the same arithmetic as pmctl status and the level's target of {AvailabilityEstimate.Percent(target)}):\n\n");
        foreach (var line in estimate.Arithmetic)
            text.Append(CultureInfo.InvariantCulture, $"- {line}\n");
        if (announced is { } shown && estimate.Value is { } computed && shown > computed)
            text.Append(CultureInfo.InvariantCulture, $"\n**Warning:** the announced {AvailabilityEstimate.Percent(shown)} exceeds the computed {AvailabilityModel.Precise(computed)}.\n");
        text.Append("\n## Objectives and error budgets\n\n");
        text.Append(CultureInfo.InvariantCulture, $"| Service | Objective | Target | Error budget per {ErrorBudgetManagement.SloPeriod} | What counts |\n|---|---|---|---|---|\n");
        var objectives = ErrorBudgetManagement.In(graph);
        if (objectives.IsEmpty)
            objectives = [.. ErrorBudgetManagement.PlatformObjectives(config), RolloutDuration()];
        foreach (var o in objectives)
        {
            var budget = o.ErrorBudgetPercent / 100;
            text.Append(CultureInfo.InvariantCulture, $"| {o.Service} | {o.Name} | {o.Objective.ToString(CultureInfo.InvariantCulture)}% | {o.ErrorBudgetPercent.ToString(CultureInfo.InvariantCulture)}% of events (≈ {Minutes(budget * periodMinutes)} at a steady rate) | {o.Description} |\n");
        }
        text.Append("\nBurn-rate alerts page at 14.4× (1 h) and 6× (6 h) and open a ticket at 3× (1 d) and 1× (3 d) of the budget (Error Budget Management). Remaining budget: the slo:period_error_budget_remaining:ratio series.\n");
        text.Append("\n## Exclusions\n\n- Announced maintenance: fleet upgrades run one region at a time; the other regions serve meanwhile, so they do not count as unavailability.\n- Tenant workloads' own errors count against the gateway objective only as the users see them.\n");
        return text.ToString();
    }

    public const int PeriodDays = 30;

    private static string Minutes(double minutes) =>
        minutes >= 60 ? $"{(minutes / 60).ToString("0.##", CultureInfo.InvariantCulture)} h" : $"{minutes.ToString("0.#", CultureInfo.InvariantCulture)} min";
}
