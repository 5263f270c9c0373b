using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Practices.Availability;
using static PlatformMaturity.Practices.Delivery.DoraContract;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// Levels 3–5: the four DORA keys from what the cluster sees. The golden-path pipeline annotates every object of an
/// app with the commit it ships (<see cref="DoraContract"/>); each app carries a ChangeRecord naming its workload, whose
/// commit time kube-state-metrics exports as a number (configured by Advanced Platform Monitoring); recording rules
/// compute deployment frequency, lead time, change failure rate and time to restore per tenant namespace, and a
/// Grafana dashboard shows them.
/// </summary>
public sealed class DoraMetrics : PracticeComponent
{
    public const string PracticeName = "DORA Metrics";

    public const string RuleName = "dora-metrics";
    public const string DashboardName = "dora-metrics";

    /// <summary>Aggregated into the built-in edit/admin and view roles, so tenant teams can apply and read their apps' ChangeRecords.</summary>
    public const string EditRoleName = "dora-changerecords-edit";

    public const string ViewRoleName = "dora-changerecords-view";

    /// <summary>Recording rules other practices and the dashboard read.</summary>
    public const string DeployedRecord = "workload_commit:dora_deployed_timestamp_seconds";

    public const string LeadTimeRecord = "workload_commit:dora_lead_time_seconds";
    public const string Deployments1dRecord = "namespace:dora_deployments:count1d";
    public const string Deployments7dRecord = "namespace:dora_deployments:count7d";
    public const string LeadTime7dRecord = "namespace:dora_lead_time_seconds:avg7d";
    public const string Failed7dRecord = "namespace:dora_failed_deployments:count7d";
    public const string FailureRate7dRecord = "namespace:dora_change_failure_rate:ratio7d";
    public const string Incidents7dRecord = "namespace:dora_incidents:count7d";
    public const string Unavailable7dRecord = "namespace:dora_unavailable_seconds:sum7d";
    public const string TimeToRestore7dRecord = "namespace:dora_time_to_restore_seconds:avg7d";

    /// <summary>The workload kinds golden paths deploy; a ChangeRecord names one of them.</summary>
    public static readonly IReadOnlyList<string> WorkloadKinds = ["Deployment", "Rollout", "StatefulSet", "CronJob", "Job", "InferenceSet", "InferenceService"];

    public override string Practice => PracticeName;

    public override Implementation Implementation => Implementation.OnBothTargets(
        $"Golden-path pipelines annotate every object of an app ({CommitShaAnnotation}, {CommitTimeAnnotation}); each app's {Kind} ({ApiVersion}, a CRD the platform installs) names its workload; " +
        $"kube-state-metrics exports the commit time as {CommitTimeMetric} and Rollout conditions as {RolloutConditionMetric}; " +
        "recording rules for deployment frequency, lead time, change failure rate and time to restore per tenant namespace; a Grafana dashboard");

    public override void Build(ComponentBuilder component)
    {
        component.AddObject(Definition());
        component.AddObject(PlatformObjects.AggregatedRole(EditRoleName, ["edit", "admin"], Group, Plural, ["get", "list", "watch", "create", "update", "patch", "delete"]));
        component.AddObject(PlatformObjects.AggregatedRole(ViewRoleName, ["view"], Group, Plural, ["get", "list", "watch"]));
        component.AddObject(PlatformObjects.PrometheusRule(RuleName, WellKnown.MonitoringNamespace, Rules()));
        component.AddObject(PlatformObjects.Dashboard(DashboardName, WellKnown.MonitoringNamespace, Dashboard()));
        component.Note($"Pipelines annotate every object of an app: {CommitShaAnnotation}=<sha>, {CommitTimeAnnotation}=<git log -1 --format={GitCommitTimeFormat}>; golden paths do it in their CI workflow.");
        component.Note($"A deployment is a change (workload and commit) first seen by Prometheus; lead time runs from its commit to then. A failure is a Deployment that misses its progress deadline or a Rollout aborted or timed out; an incident is a Deployment or Rollout below its minimum availability.");
    }

    /// <summary>The ChangeRecord CRD: spec.workload names the object the commit annotations describe.</summary>
    internal static V1CustomResourceDefinition Definition()
    {
        var schema = new V1JSONSchemaProps
        {
            Type = "object",
            Required = ["spec"],
            Properties = new Dictionary<string, V1JSONSchemaProps>
            {
                ["apiVersion"] = new() { Type = "string" },
                ["kind"] = new() { Type = "string" },
                ["metadata"] = new() { Type = "object" },
                ["spec"] = new()
                {
                    Type = "object",
                    Required = ["workload"],
                    Properties = new Dictionary<string, V1JSONSchemaProps>
                    {
                        ["workload"] = new()
                        {
                            Type = "object",
                            Description = "The workload the commit annotations of this object describe.",
                            Required = ["kind", "name"],
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["kind"] = new() { Type = "string", EnumProperty = [.. WorkloadKinds.Cast<object>()] },
                                ["name"] = new() { Type = "string", MinLength = 1, MaxLength = 253 },
                            },
                        },
                    },
                },
            },
        };
        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = DefinitionName },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = Group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Kind = Kind, Plural = Plural, Singular = Singular, ListKind = $"{Kind}List" },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = DoraContract.Version,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = schema },
                        AdditionalPrinterColumns =
                        [
                            new V1CustomResourceColumnDefinition { Name = "Workload", Type = "string", JsonPath = ".spec.workload.name" },
                            new V1CustomResourceColumnDefinition { Name = "Commit", Type = "string", JsonPath = $".metadata.annotations.{CommitShaAnnotation.Replace(".", "\\.", StringComparison.Ordinal)}" },
                            new V1CustomResourceColumnDefinition { Name = "Committed", Type = "string", JsonPath = $".metadata.annotations.{CommitTimeAnnotation.Replace(".", "\\.", StringComparison.Ordinal)}" },
                        ],
                    },
                ],
            },
        };
    }

    private static readonly string Tenants = ContinuousResiliencyImprovement.TenantsOnly;

    private static readonly string ByChange = $"by ({string.Join(", ", ChangeLabels)})";

    /// <summary>True at the 5-minute step where the selector started to equal <paramref name="value"/> (one sample per occurrence).</summary>
    /// <param name="selector">The series, given the offset modifier to put on its selector (PromQL offsets selectors, not aggregations).</param>
    private static string RisingEdges(Func<string, string> selector, int value) => $"(({selector("")} == {value}) unless ({selector(" offset 5m")} == {value}))";

    /// <summary>The changes of workloads of one kind, with the workload's name under the label the other metric uses for it.</summary>
    private static string ChangesOf(string kind, string nameLabel) =>
        $"label_replace({CommitTimeMetric}{{{WorkloadKindLabel}=\"{kind}\"}}, \"{nameLabel}\", \"$1\", \"{WorkloadLabel}\", \"(.+)\")";

    internal static JsonObject Rules()
    {
        // Deployments report conditions through kube-state-metrics' built-in metric (status "true"/"false" as a label, value 1);
        // Rollouts through the customResourceState gauge (value 1 for True, 0 for False).
        static string deploymentFailed(string offset) => $"kube_deployment_status_condition{{condition=\"Progressing\",status=\"false\"}}{offset}";
        static string deploymentDown(string offset) => $"kube_deployment_status_condition{{condition=\"Available\",status=\"false\"}}{offset}";
        // The reason label changes while a condition keeps its status; without it, one condition is one series.
        static string rolloutFailed(string offset) => $"max without ({ReasonLabel}) ({RolloutConditionMetric}{{{ConditionLabel}=\"Progressing\",{ReasonLabel}=~\"{string.Join('|', FailedRolloutReasons)}\"}}{offset})";
        static string rolloutDown(string offset) => $"max without ({ReasonLabel}) ({RolloutConditionMetric}{{{ConditionLabel}=\"Available\"}}{offset})";
        var failedDeployments = $"({RisingEdges(deploymentFailed, 1)} and on (namespace, deployment) {ChangesOf("Deployment", "deployment")})";
        var failedRollouts = $"({RisingEdges(rolloutFailed, 0)} and on (namespace, rollout) {ChangesOf("Rollout", "rollout")})";
        return PlatformObjects.RuleGroup("dora", "5m",
            // When the cluster first ran each change: the first minute Prometheus saw the ChangeRecord at that commit
            // (timestamp() of its first scrape), for changes first seen in the last 7 days. Changes already there 7 days
            // ago are left out: their first sighting is older than the window.
            PlatformObjects.Record(DeployedRecord,
                $"min {ByChange} (min_over_time(timestamp({CommitTimeMetric})[7d:1m])) unless on ({string.Join(", ", ChangeLabels)}) ({CommitTimeMetric} offset 7d)"),
            PlatformObjects.Record(LeadTimeRecord,
                $"{DeployedRecord} - on ({string.Join(", ", ChangeLabels)}) max {ByChange} (max_over_time({CommitTimeMetric}[7d]))"),
            PlatformObjects.Record(Deployments1dRecord,
                $"count by (namespace) ({DeployedRecord} > time() - 86400) {Tenants}"),
            PlatformObjects.Record(Deployments7dRecord,
                $"count by (namespace) ({DeployedRecord}) {Tenants}"),
            PlatformObjects.Record(LeadTime7dRecord,
                $"avg by (namespace) ({LeadTimeRecord}) {Tenants}"),
            PlatformObjects.Record(Failed7dRecord,
                $"sum by (namespace) (count_over_time({failedDeployments}[7d:5m]) or count_over_time({failedRollouts}[7d:5m])) {Tenants}"),
            // No failure in 7 days is a rate of 0, not a missing series.
            PlatformObjects.Record(FailureRate7dRecord,
                $"({Failed7dRecord} or {Deployments7dRecord} * 0) / {Deployments7dRecord}"),
            PlatformObjects.Record(Incidents7dRecord,
                $"sum by (namespace) (count_over_time({RisingEdges(deploymentDown, 1)}[7d:5m]) or count_over_time({RisingEdges(rolloutDown, 0)}[7d:5m])) {Tenants}"),
            PlatformObjects.Record(Unavailable7dRecord,
                $"sum by (namespace) (count_over_time(({deploymentDown("")} == 1)[7d:5m]) or count_over_time(({rolloutDown("")} == 0)[7d:5m])) * 300 {Tenants}"),
            PlatformObjects.Record(TimeToRestore7dRecord,
                $"{Unavailable7dRecord} / {Incidents7dRecord}"));
    }

    private static JsonObject Dashboard()
    {
        var organize = new JsonObject
        {
            ["id"] = "organize",
            ["options"] = new JsonObject
            {
                ["excludeByName"] = new JsonObject { ["Time"] = true },
                ["renameByName"] = new JsonObject { ["Value"] = "lead time (s)" },
            },
        };
        return new GrafanaDashboard("platform-dora", "DORA metrics", "platform", "dora")
            .Stat("Deployments per day (7-day average)", "short", $"sum({Deployments7dRecord}) / 7")
            .Stat("Lead time for changes (7-day mean)", "s", $"sum({LeadTime7dRecord} * {Deployments7dRecord}) / sum({Deployments7dRecord})")
            .Stat("Change failure rate (7 days)", "percentunit", $"sum({Failed7dRecord}) / sum({Deployments7dRecord})")
            .Stat("Mean time to restore (7 days)", "s", $"sum({Unavailable7dRecord}) / sum({Incidents7dRecord})")
            .TimeSeries("Deployments per day by tenant", "short", (Deployments1dRecord, "{{namespace}}"))
            .TimeSeries("Lead time by tenant (7-day mean)", "s", (LeadTime7dRecord, "{{namespace}}"))
            .TimeSeries("Change failure rate by tenant", "percentunit", (FailureRate7dRecord, "{{namespace}}"))
            .TimeSeries("Time to restore by tenant", "s", (TimeToRestore7dRecord, "{{namespace}}"))
            .Table("Changes deployed in the last 7 days", $"{LeadTimeRecord} {Tenants}", organize)
            .Build();
    }
}
