using System.Text.Json.Nodes;
using PlatformMaturity.Composition;
using PlatformMaturity.Practices.Availability;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// Levels 3–5: the four DORA keys from what the cluster sees. Pipelines annotate Deployments with the change they
/// ship; kube-state-metrics exports the annotations; recording rules compute deployment frequency, change failure
/// rate and time to restore per tenant namespace; a Grafana dashboard shows them with lead time per deployment.
/// </summary>
public sealed class DoraMetrics : PracticeComponent
{
    public const string PracticeName = "DORA Metrics";

    /// <summary>Deployment annotation: the commit the deployment ships.</summary>
    public const string CommitShaAnnotation = "dora.platform.maturity/commit-sha";

    /// <summary>Deployment annotation: when that commit was made (RFC 3339, e.g. git show -s --format=%cI).</summary>
    public const string CommitTimeAnnotation = "dora.platform.maturity/commit-time";

    /// <summary>Deployment annotation: when the pipeline deployed it (RFC 3339).</summary>
    public const string DeployTimeAnnotation = "dora.platform.maturity/deploy-time";

    public const string RuleName = "dora-metrics";
    public const string DashboardName = "dora-metrics";

    /// <summary>kube-state-metrics flag value exporting the annotations as labels of kube_deployment_annotations.</summary>
    public static readonly string AnnotationsAllowlist =
        $"deployments=[{CommitShaAnnotation},{CommitTimeAnnotation},{DeployTimeAnnotation}]";

    public override string Practice => PracticeName;

    public override Implementation Implementation => Implementation.OnBothTargets(
        $"Deployments annotated by pipelines ({CommitShaAnnotation}, {CommitTimeAnnotation}, {DeployTimeAnnotation}); kube-state-metrics exports them (configured by the monitoring stack); " +
        "recording rules for deployment frequency, change failure rate and time to restore per tenant namespace; a Grafana dashboard adding lead time per deployment");

    public override void Build(ComponentBuilder component)
    {
        component.AddObject(PlatformObjects.PrometheusRule(RuleName, WellKnown.MonitoringNamespace, Rules()));
        component.AddObject(PlatformObjects.Dashboard(DashboardName, WellKnown.MonitoringNamespace, Dashboard()));
        component.Note($"Pipelines set on every Deployment they apply: {CommitShaAnnotation}=<sha>, {CommitTimeAnnotation}=<commit time, RFC 3339>, {DeployTimeAnnotation}=<now, RFC 3339>.");
        component.Note("A deployment is a new ReplicaSet in a tenant namespace; a failure is a rollout that misses its progress deadline; an incident is a Deployment below its minimum availability.");
    }

    private static readonly string Tenants = ContinuousResiliencyImprovement.TenantsOnly;

    /// <summary>True at the 5-minute step where the selector started to equal 1 (one sample per occurrence).</summary>
    private static string RisingEdges(string selector) => $"(({selector} == 1) unless ({selector} offset 5m == 1))";

    private static JsonObject Rules()
    {
        const string failed = "kube_deployment_status_condition{condition=\"Progressing\",status=\"false\"}";
        const string down = "kube_deployment_status_condition{condition=\"Available\",status=\"false\"}";
        const string newReplicaSets = "kube_replicaset_created > (time() - {0}) and on (namespace, replicaset) kube_replicaset_owner{{owner_kind=\"Deployment\"}}";
        return PlatformObjects.RuleGroup("dora", "5m",
            PlatformObjects.Record("namespace:dora_deployments:count1d",
                $"count by (namespace) ({string.Format(System.Globalization.CultureInfo.InvariantCulture, newReplicaSets, 86400)}) {Tenants}"),
            PlatformObjects.Record("namespace:dora_deployments:count7d",
                $"count by (namespace) ({string.Format(System.Globalization.CultureInfo.InvariantCulture, newReplicaSets, 604800)}) {Tenants}"),
            PlatformObjects.Record("namespace:dora_failed_deployments:count7d",
                $"sum by (namespace) (count_over_time({RisingEdges(failed)}[7d:5m])) {Tenants}"),
            PlatformObjects.Record("namespace:dora_change_failure_rate:ratio7d",
                "namespace:dora_failed_deployments:count7d / namespace:dora_deployments:count7d"),
            PlatformObjects.Record("namespace:dora_incidents:count7d",
                $"sum by (namespace) (count_over_time({RisingEdges(down)}[7d:5m])) {Tenants}"),
            PlatformObjects.Record("namespace:dora_unavailable_seconds:sum7d",
                $"sum by (namespace) (count_over_time(({down} == 1)[7d:5m])) * 300 {Tenants}"),
            PlatformObjects.Record("namespace:dora_time_to_restore_seconds:avg7d",
                "namespace:dora_unavailable_seconds:sum7d / namespace:dora_incidents:count7d"));
    }

    private static JsonObject Dashboard()
    {
        static string Label(string annotation) => "annotation_" + string.Concat(annotation.Select(c => char.IsLetterOrDigit(c) ? c : '_'));
        var commitTime = Label(CommitTimeAnnotation);
        var deployTime = Label(DeployTimeAnnotation);
        var leadTime = new JsonObject
        {
            ["id"] = "calculateField",
            ["options"] = new JsonObject
            {
                ["mode"] = "binary",
                ["binary"] = new JsonObject { ["left"] = deployTime, ["operator"] = "-", ["right"] = commitTime },
                ["alias"] = "lead time (ms)",
            },
        };
        var toTimes = new JsonObject
        {
            ["id"] = "convertFieldType",
            ["options"] = new JsonObject
            {
                ["conversions"] = new JsonArray(
                    new JsonObject { ["targetField"] = commitTime, ["destinationType"] = "time" },
                    new JsonObject { ["targetField"] = deployTime, ["destinationType"] = "time" }),
            },
        };
        return new GrafanaDashboard("platform-dora", "DORA metrics", "platform", "dora")
            .Stat("Deployments per day (7-day average)", "short", "sum(namespace:dora_deployments:count7d) / 7")
            .Stat("Change failure rate (7 days)", "percentunit", "sum(namespace:dora_failed_deployments:count7d) / sum(namespace:dora_deployments:count7d)")
            .Stat("Mean time to restore (7 days)", "s", "sum(namespace:dora_unavailable_seconds:sum7d) / sum(namespace:dora_incidents:count7d)")
            .TimeSeries("Deployments per day by tenant", "short", ("namespace:dora_deployments:count1d", "{{namespace}}"))
            .TimeSeries("Change failure rate by tenant", "percentunit", ("namespace:dora_change_failure_rate:ratio7d", "{{namespace}}"))
            .TimeSeries("Time to restore by tenant", "s", ("namespace:dora_time_to_restore_seconds:avg7d", "{{namespace}}"))
            .Table("Lead time of the current deployments",
                $"max by (namespace, deployment, {Label(CommitShaAnnotation)}, {commitTime}, {deployTime}) (kube_deployment_annotations{{{commitTime}!=\"\"}})",
                toTimes, leadTime)
            .Build();
    }
}
