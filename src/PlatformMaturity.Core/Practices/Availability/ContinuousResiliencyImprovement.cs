using System.Text.Json.Nodes;
using PlatformMaturity.Composition;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Levels 3–5: find what makes tenant workloads fragile — crash loops, OOM kills, pods stuck pending, disruption
/// budgets violated or blocking drains — alert on it and keep daily trends for the weekly resiliency review.
/// </summary>
public sealed class ContinuousResiliencyImprovement : PracticeComponent
{
    public const string RuleName = "resiliency";
    public const string DashboardName = "resiliency";

    /// <summary>Keeps series of tenant namespaces only (kube-state-metrics exports the tenant label, see Hard multi-tenancy).</summary>
    internal static readonly string TenantsOnly =
        $"and on (namespace) kube_namespace_labels{{{TenantMetricLabel}!=\"\"}}";

    /// <summary>The Prometheus label kube-state-metrics gives the namespace's tenant label.</summary>
    public const string TenantMetricLabel = "label_platform_maturity_tenant";

    public override string Practice => "Continuous Resiliency Improvement";

    public override Implementation Implementation => Implementation.OnBothTargets(
        "PrometheusRules alerting on crash loops, OOM kills, pods pending for 15 minutes and violated or drain-blocking PodDisruptionBudgets in tenant namespaces, daily recording rules and a Grafana dashboard for the weekly resiliency review");

    public override void Build(ComponentBuilder component)
    {
        component.AddObject(PlatformObjects.PrometheusRule(RuleName, WellKnown.MonitoringNamespace, Alerts(), Trends()));
        component.AddObject(PlatformObjects.Dashboard(DashboardName, WellKnown.MonitoringNamespace, Dashboard()));
        component.Note("Weekly: open the Grafana dashboard 'Tenant resiliency', take the worst tenants' restarts, OOM kills and pending pods, and agree a fix with each team.");
        component.Note("Set memory limits from observed usage (OOM kills), requests the cluster can schedule (pending pods), and PodDisruptionBudgets that allow at least one disruption (drains).");
    }

    private static JsonObject Alerts() => PlatformObjects.RuleGroup("resiliency-alerts", null,
        PlatformObjects.Alert("TenantPodCrashLooping",
            $"max_over_time(kube_pod_container_status_waiting_reason{{reason=\"CrashLoopBackOff\"}}[5m]) >= 1 {TenantsOnly}",
            "15m", "warning",
            "{{ $labels.namespace }}/{{ $labels.pod }} is crash looping",
            "Container {{ $labels.container }} has been in CrashLoopBackOff for 15 minutes: kubectl logs -n {{ $labels.namespace }} {{ $labels.pod }} -c {{ $labels.container }} --previous"),
        PlatformObjects.Alert("TenantContainerOOMKilled",
            "(increase(kube_pod_container_status_restarts_total[15m]) > 0) and on (namespace, pod, container) " +
            $"(kube_pod_container_status_last_terminated_reason{{reason=\"OOMKilled\"}} == 1) {TenantsOnly}",
            "0m", "warning",
            "{{ $labels.namespace }}/{{ $labels.pod }} was killed for running out of memory",
            "Container {{ $labels.container }} exceeded its memory limit and restarted; raise the limit or fix the leak."),
        PlatformObjects.Alert("TenantPodPending",
            $"sum by (namespace, pod) (kube_pod_status_phase{{phase=\"Pending\"}}) > 0 {TenantsOnly}",
            "15m", "warning",
            "{{ $labels.namespace }}/{{ $labels.pod }} has been pending for 15 minutes",
            "The scheduler cannot place it (requests, quota, affinity or taints): kubectl describe pod -n {{ $labels.namespace }} {{ $labels.pod }}"),
        PlatformObjects.Alert("PodDisruptionBudgetViolated",
            "kube_poddisruptionbudget_status_current_healthy < kube_poddisruptionbudget_status_desired_healthy",
            "15m", "warning",
            "PodDisruptionBudget {{ $labels.namespace }}/{{ $labels.poddisruptionbudget }} is violated",
            "Fewer pods are healthy than the budget requires, so the workload is below its own availability target."),
        PlatformObjects.Alert("PodDisruptionBudgetBlocksDrain",
            "kube_poddisruptionbudget_status_pod_disruptions_allowed == 0 and kube_poddisruptionbudget_status_current_healthy >= kube_poddisruptionbudget_status_desired_healthy",
            "1h", "info",
            "PodDisruptionBudget {{ $labels.namespace }}/{{ $labels.poddisruptionbudget }} allows no disruption",
            "All pods are healthy yet none may be evicted: node drains and upgrades will block. Allow at least one disruption or add a replica."));

    private static JsonObject Trends() => PlatformObjects.RuleGroup("resiliency-trends", "5m",
        PlatformObjects.Record("namespace:container_restarts:increase1d",
            $"sum by (namespace) (increase(kube_pod_container_status_restarts_total[1d])) {TenantsOnly}"),
        PlatformObjects.Record("namespace:container_oom_kills:increase1d",
            "sum by (namespace) ((increase(kube_pod_container_status_restarts_total[1d]) > 0) and on (namespace, pod, container) " +
            $"(kube_pod_container_status_last_terminated_reason{{reason=\"OOMKilled\"}} == 1)) {TenantsOnly}"),
        PlatformObjects.Record("namespace:pods_pending:max1d",
            $"max_over_time((sum by (namespace) (kube_pod_status_phase{{phase=\"Pending\"}}) {TenantsOnly})[1d:5m])"),
        PlatformObjects.Record("namespace:pdb_violations:count",
            "count by (namespace) (kube_poddisruptionbudget_status_current_healthy < kube_poddisruptionbudget_status_desired_healthy)"));

    private static JsonObject Dashboard() => new GrafanaDashboard("platform-resiliency", "Tenant resiliency", "platform", "resiliency")
        .TimeSeries("Container restarts per day", "short", ("namespace:container_restarts:increase1d", "{{namespace}}"))
        .TimeSeries("OOM kills per day", "short", ("namespace:container_oom_kills:increase1d", "{{namespace}}"))
        .TimeSeries("Most pods pending at once (1 day)", "short", ("namespace:pods_pending:max1d", "{{namespace}}"))
        .TimeSeries("Violated PodDisruptionBudgets", "short", ("namespace:pdb_violations:count", "{{namespace}}"))
        .Build();
}
