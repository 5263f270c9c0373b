namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// The DORA Metrics contract, in one place: what the golden-path pipeline writes, what kube-state-metrics turns into
/// numbers, and the metric names and labels the recording rules and the dashboard read.
/// <para>
/// Why a ChangeRecord object: PromQL cannot do arithmetic on label values, so the commit time has to reach Prometheus
/// as a sample value. kube-state-metrics' customResourceState turns a field into a sample (an RFC 3339 string becomes
/// Unix seconds), but from v2.9 on it resolves the configured kinds only through CustomResourceDefinitions it
/// discovers (kube-state-metrics v2.20.0, internal/discovery/discovery.go ResolveGVKToGVKPs; pkg/customresourcestate/
/// config.go FromConfig logs "no matching CRD found for configured GVK, skipping"), so it can never read an apps/v1
/// Deployment, StatefulSet or CronJob. Each golden-path app therefore carries one small ChangeRecord (a CRD the
/// platform installs) naming its workload; the pipeline's kustomize step annotates every object of the app (the
/// workload and the ChangeRecord alike) with the commit, and kube-state-metrics exports the ChangeRecord's commit-time
/// annotation as a gauge. A metric pushed by the pipeline was the alternative; a hosted CI runner cannot reach the
/// cluster's Prometheus, and the push would record when CI ran rather than when the cluster got the change.
/// </para>
/// </summary>
public static class DoraContract
{
    /// <summary>Annotation (every object of a golden-path app): the commit the app's manifests ship.</summary>
    public const string CommitShaAnnotation = "dora.platform.maturity/commit-sha";

    /// <summary>Annotation (every object of a golden-path app): when that commit was made, RFC 3339.</summary>
    public const string CommitTimeAnnotation = "dora.platform.maturity/commit-time";

    /// <summary>
    /// git log's format for the commit time: %cI is the committer date in strict ISO 8601 (2026-12-04T03:24:11+01:00),
    /// which is RFC 3339 and which kube-state-metrics parses with Go's time.RFC3339 (v2.20.0 registry_factory.go toFloat64).
    /// </summary>
    public const string GitCommitTimeFormat = "%cI";

    /// <summary>The ChangeRecord kind: one per golden-path app, naming the workload the commit annotations describe.</summary>
    public const string Group = "dora.platform.maturity";

    public const string Version = "v1alpha1";
    public const string Kind = "ChangeRecord";
    public const string Plural = "changerecords";
    public const string Singular = "changerecord";
    public const string ApiVersion = $"{Group}/{Version}";
    public const string DefinitionName = $"{Plural}.{Group}";

    /// <summary>Argo Rollouts' Rollout (canary golden paths): kube-state-metrics has no built-in metrics for it.</summary>
    public const string RolloutGroup = "argoproj.io";

    public const string RolloutVersion = "v1alpha1";
    public const string RolloutKind = "Rollout";
    public const string RolloutPlural = "rollouts";

    /// <summary>Prefix kube-state-metrics puts before the metric names below (metricNamePrefix).</summary>
    public const string MetricPrefix = "dora";

    /// <summary>Gauge per ChangeRecord: the commit time of the change the app's workload runs, Unix seconds.</summary>
    public const string CommitTimeMetric = $"{MetricPrefix}_{CommitTimeMetricName}";

    internal const string CommitTimeMetricName = "change_commit_timestamp_seconds";

    /// <summary>Gauge per Rollout condition: 1 when its status is True, else 0 (kube_deployment_status_condition's counterpart).</summary>
    public const string RolloutConditionMetric = $"{MetricPrefix}_{RolloutConditionMetricName}";

    internal const string RolloutConditionMetricName = "rollout_status_condition";

    /// <summary>Labels of <see cref="CommitTimeMetric"/>: namespace, the workload's kind and name, the commit SHA.</summary>
    public const string NamespaceLabel = "namespace";

    public const string WorkloadKindLabel = "workload_kind";
    public const string WorkloadLabel = "workload";
    public const string CommitShaLabel = "commit_sha";

    /// <summary>Labels of <see cref="RolloutConditionMetric"/> besides namespace.</summary>
    public const string RolloutLabel = "rollout";

    public const string ConditionLabel = "condition";
    public const string ReasonLabel = "reason";

    /// <summary>The labels that identify one change of one workload (a deployment in DORA's sense).</summary>
    public static readonly IReadOnlyList<string> ChangeLabels = [NamespaceLabel, WorkloadKindLabel, WorkloadLabel, CommitShaLabel];

    /// <summary>Argo Rollouts' Progressing condition reasons for a rollout that failed (rollout_types.go RolloutAbortedReason, TimedOutReason).</summary>
    public static readonly IReadOnlyList<string> FailedRolloutReasons = ["RolloutAborted", "ProgressDeadlineExceeded"];

    /// <summary>
    /// kube-state-metrics' customResourceState configuration (kind CustomResourceStateMetrics, v2.20.0
    /// docs/metrics/extend/customresourcestate-metrics.md): the ChangeRecords' commit time and the Rollouts' conditions.
    /// </summary>
    public static Dictionary<string, object?> KubeStateMetricsConfig() => new()
    {
        ["kind"] = "CustomResourceStateMetrics",
        ["spec"] = new Dictionary<string, object?>
        {
            ["resources"] = new object[]
            {
                new Dictionary<string, object?>
                {
                    ["groupVersionKind"] = Gvk(Group, Version, Kind),
                    ["metricNamePrefix"] = MetricPrefix,
                    // A ChangeRecord has no commit annotations until its app's pipeline first runs; kube-state-metrics
                    // then reports "got nil while resolving path" on every scrape: log that only at -v=2 and above.
                    ["errorLogV"] = 2,
                    ["labelsFromPath"] = new Dictionary<string, object?>
                    {
                        [NamespaceLabel] = new[] { "metadata", "namespace" },
                        [WorkloadKindLabel] = new[] { "spec", "workload", "kind" },
                        [WorkloadLabel] = new[] { "spec", "workload", "name" },
                        [CommitShaLabel] = new[] { "metadata", "annotations", CommitShaAnnotation },
                    },
                    ["metrics"] = new object[]
                    {
                        new Dictionary<string, object?>
                        {
                            ["name"] = CommitTimeMetricName,
                            ["help"] = $"Commit time of the change the workload runs (annotation {CommitTimeAnnotation}), Unix seconds.",
                            // The path ends at the annotation's string: kube-state-metrics parses an RFC 3339 value to Unix seconds.
                            ["each"] = new Dictionary<string, object?>
                            {
                                ["type"] = "Gauge",
                                ["gauge"] = new Dictionary<string, object?> { ["path"] = new[] { "metadata", "annotations", CommitTimeAnnotation } },
                            },
                        },
                    },
                },
                new Dictionary<string, object?>
                {
                    ["groupVersionKind"] = Gvk(RolloutGroup, RolloutVersion, RolloutKind),
                    ["metricNamePrefix"] = MetricPrefix,
                    ["labelsFromPath"] = new Dictionary<string, object?>
                    {
                        [NamespaceLabel] = new[] { "metadata", "namespace" },
                        [RolloutLabel] = new[] { "metadata", "name" },
                    },
                    ["metrics"] = new object[]
                    {
                        new Dictionary<string, object?>
                        {
                            ["name"] = RolloutConditionMetricName,
                            ["help"] = "Conditions of the Rollout: 1 when the condition's status is True, else 0.",
                            // One sample per element of status.conditions; "True"/"False"/"Unknown" parse to 1/0/0.
                            ["each"] = new Dictionary<string, object?>
                            {
                                ["type"] = "Gauge",
                                ["gauge"] = new Dictionary<string, object?>
                                {
                                    ["path"] = new[] { "status", "conditions" },
                                    ["labelsFromPath"] = new Dictionary<string, object?>
                                    {
                                        [ConditionLabel] = new[] { "type" },
                                        [ReasonLabel] = new[] { "reason" },
                                    },
                                    ["valueFrom"] = new[] { "status" },
                                },
                            },
                        },
                    },
                },
            },
        },
    };

    /// <summary>What kube-state-metrics must list and watch for <see cref="KubeStateMetricsConfig"/> (the chart adds customresourcedefinitions itself).</summary>
    public static object[] KubeStateMetricsRbacRules() =>
    [
        new Dictionary<string, object?> { ["apiGroups"] = new[] { Group }, ["resources"] = new[] { Plural }, ["verbs"] = new[] { "list", "watch" } },
        new Dictionary<string, object?> { ["apiGroups"] = new[] { RolloutGroup }, ["resources"] = new[] { RolloutPlural }, ["verbs"] = new[] { "list", "watch" } },
    ];

    private static Dictionary<string, object?> Gvk(string group, string version, string kind) =>
        new() { ["group"] = group, ["version"] = version, ["kind"] = kind };
}
