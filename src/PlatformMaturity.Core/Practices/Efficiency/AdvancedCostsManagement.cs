using System.Collections.Immutable;
using System.Globalization;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>
/// Level 5: spending follows work and each team sees its own. Interruptible work (the batch and training golden paths)
/// runs on spot capacity — on azure a spot user pool the cluster autoscaler starts from zero, tainted so only pods that
/// tolerate eviction land there —; each tenant's cost (OpenCost, Costs Center Management) is alerted on against its
/// budget; outside production the golden paths' KEDA ScaledObjects scale apps to zero out of working hours.
/// </summary>
/// <remarks>
/// One autoscaler per workload: from this level the golden paths' ScaledObject replaces their HorizontalPodAutoscaler
/// (KEDA creates its own HPA for the target, and two HPAs on one Deployment fight), so the CPU trigger and the cron
/// trigger of the working hours sit in the same ScaledObject.
/// </remarks>
public sealed class AdvancedCostsManagement : PracticeComponent
{
    public const string PracticeName = "Advanced Costs Management";

    /// <summary>AKS taints (and labels) spot pools' nodes kubernetes.azure.com/scalesetpriority=spot:NoSchedule; the golden paths tolerate it.</summary>
    public const string SpotTaintKey = "kubernetes.azure.com/scalesetpriority";

    public const string SpotTaintValue = "spot";

    public const string SpotTaint = SpotTaintKey + "=" + SpotTaintValue + ":NoSchedule";

    /// <summary>Graph name and AKS name of the spot pool.</summary>
    public const string SpotPoolResource = "aks-spot-pool";

    public const string SpotPoolName = "spot";

    public const string BudgetRuleName = "tenant-budgets";

    /// <summary>Hours in an average month: OpenCost's hourly prices times this is a monthly run rate.</summary>
    public const int HoursPerMonth = 730;

    public override string Practice => PracticeName;

    public override Implementation Implementation => new(
        Existing: $"Per-tenant budget alerts (PrometheusRules over OpenCost's cost metrics, {ConfigKeys.TenantBudgets.FullName}); non-production apps scaled to zero outside working hours by their golden path's KEDA ScaledObject (cron trigger beside the CPU trigger, no separate HPA); spot capacity is the provider's (the batch and training golden paths tolerate {SpotTaint} only on azure)",
        Azure: $"A spot user pool (Priority Spot, eviction Delete, on-demand price cap) autoscaled from 0, tainted {SpotTaint}, which the batch and training golden paths tolerate and prefer; per-tenant budget alerts over OpenCost's cost metrics ({ConfigKeys.TenantBudgets.FullName}); non-production apps scaled to zero outside working hours by their KEDA ScaledObject");

    public override void Build(ComponentBuilder component)
    {
        if (component.IsAzure)
            AddSpotPool(component);
        else
            component.Note($"Spot capacity on an existing cluster is its provider's: the golden paths add the {SpotTaint} toleration on azure only, so batch work here runs on the regular nodes.");
        AddTenantBudgets(component);
        component.Note(component.Config.Environment == EnvironmentKind.Prod
            ? "Production apps never scale below their configured replicas; scheduled scale-down applies to non-production stacks only."
            : $"Non-production: golden-path apps run their configured replicas from '{component.Config.WorkingHours.Start}' to '{component.Config.WorkingHours.End}' ({component.Config.WorkingHours.TimeZone}, {ConfigKeys.WorkingHours.FullName}; KEDA cron trigger) and scale to zero outside it; the CPU trigger in the same ScaledObject scales them above that, and the cluster autoscaler removes the emptied nodes. They come back at the next start, or at once with kubectl scale deploy <app> --replicas=<n> (KEDA takes over again within its polling interval).");
        component.Note(component.Implements("Advanced Resources Management")
            ? $"Right-sizing report (per tenant, workload and container: request, VPA target, delta, monthly cost delta): pmctl rightsize --kubeconfig ~/.kube/config (or --snapshot of kubectl get namespaces,deployments,statefulsets,daemonsets,verticalpodautoscalers -A -o yaml); the Goldilocks dashboard (Advanced Resources Management) shows the same recommendations: kubectl port-forward -n {AdvancedResourcesManagement.GoldilocksNamespace} svc/{AdvancedResourcesManagement.GoldilocksRelease}-dashboard 8080:80"
            : "Right-sizing needs VPA recommendations (Advanced Resources Management), which this platform does not build.");
    }

    private static void AddSpotPool(ComponentBuilder component)
    {
        var config = component.Config;
        component.Add(new KubernetesClusterNodePool
        {
            Name = SpotPoolResource,
            Provenance = component.Provenance,
            Cluster = Foundation.ClusterName,
            Mode = "User",
            // From zero: no spot node until an interruptible pod waits for one.
            Pool = NodePool.FromZero(SpotPoolName, config.UserNodeVmSize, config.Zones, config.UserNodeMaxCount),
            Priority = "Spot",
            // Evicted nodes are deleted, not deallocated: a deallocated spot VM keeps its disk (and its bill) and its quota.
            EvictionPolicy = "Delete",
            // -1: pay up to the on-demand price, so nodes are evicted for capacity only, never for price.
            SpotMaxPrice = -1,
            // AKS sets this taint and label on spot nodes itself; declaring them keeps the pool's definition equal to
            // what Azure reports (the provider asks for both).
            NodeTaints = [SpotTaint],
            NodeLabels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(SpotTaintKey, SpotTaintValue)]),
            Tags = StandardLabels.AzureTags(config, component.Provenance),
        });
        component.Note($"The spot pool ({config.UserNodeVmSize}) scales from 0 to {config.UserNodeMaxCount} nodes; Azure may evict a node at 30 seconds' notice, so only work that restarts cleanly goes there (cron-job, ml-training-job with checkpoints). See it: kubectl get nodes -l {SpotTaintKey}={SpotTaintValue}");
    }

    /// <summary>
    /// A tenant's monthly run rate: the CPU and memory its pods are allocated (OpenCost's allocation metrics, per node)
    /// priced at their node's hourly CPU and RAM cost, times the hours of a month; over every namespace of the tenant
    /// (<see cref="TenantNamespaces.Regex"/>: its own and, from Level 5, those its team creates through Capsule), summed
    /// into one series. The series carries no namespace: the rule's labels add namespace="&lt;tenant&gt;" (see
    /// <see cref="BudgetAlert"/>), which the tenant's AlertmanagerConfig needs to receive it.
    /// </summary>
    public static string MonthlyCostExpression(string tenant)
    {
        // Prometheus anchors =~ at both ends, so team-a's expression never counts team-ab's namespaces.
        var namespaces = $"namespace=~\"{TenantNamespaces.Regex(tenant)}\"";
        return $"sum ((sum by (node) (container_cpu_allocation{{{namespaces}}}) * on (node) group_left () avg by (node) (node_cpu_hourly_cost)"
            + $" + sum by (node) (container_memory_allocation_bytes{{{namespaces}}}) / 1073741824 * on (node) group_left () avg by (node) (node_ram_hourly_cost)) * {HoursPerMonth})";
    }

    private static void AddTenantBudgets(ComponentBuilder component)
    {
        var config = component.Config;
        if (config.TenantBudgets.IsEmpty)
        {
            component.Note($"No tenant has a budget: set {ConfigKeys.TenantBudgets.FullName} to {{<tenant>: <monthly amount>}} to alert each team before it overspends.");
            return;
        }
        if (!component.HasMonitoring || !component.Implements("Costs Center Management"))
        {
            component.Note("Per-tenant budget alerts need OpenCost and Prometheus (Costs Center Management, monitoring), which this platform does not build.");
            return;
        }
        var rules = config.TenantBudgets.SelectMany(b => new[]
        {
            BudgetAlert(b.Key, b.Value, 80, "warning"),
            BudgetAlert(b.Key, b.Value, 100, "critical"),
        }).ToArray();
        component.AddObject(PlatformObjects.PrometheusRule(BudgetRuleName, WellKnown.MonitoringNamespace,
            PlatformObjects.RuleGroup("tenant-budgets", "5m", rules)));
        // Each tenant gets its own budget alerts (and no other tenant's) at a receiver it keeps in its namespace.
        component.Contribute<HelmRelease>(WellKnown.PrometheusStackRelease, release => release with { Values = TenantBudgetAlertRouting.Values(release.Values) });
        foreach (var tenant in config.TenantBudgets.Keys)
            component.AddObject(TenantBudgetAlertRouting.For(tenant, config.AlertReceiver));
        component.Note($"Each tenant with a budget receives its own budget alerts (and only its own: Alertmanager confines the AlertmanagerConfig {TenantBudgetAlertRouting.ConfigName} of a namespace to alerts of that namespace) at the {ConfigNames.Of(config.AlertReceiver)} URL it keeps in its namespace; the platform receiver gets them too. Each team runs once: " +
            string.Join("; ", config.TenantBudgets.Keys.Select(TenantBudgetAlertRouting.CreateSecretCommand)) +
            $". Until that Secret exists the operator skips the tenant's AlertmanagerConfig (kubectl get alertmanagerconfig {TenantBudgetAlertRouting.ConfigName} -n <tenant>; the operator's log says why).");
        component.Note($"Budget alerts per tenant ({string.Join(", ", config.TenantBudgets.Select(b => $"{b.Key}: {b.Value.ToString(CultureInfo.InvariantCulture)}"))} a month) at 80% and 100% of the run rate OpenCost prices, over the tenant's namespace{(Delivery.KubernetesLandingZone.SelfServiceNamespaces(config) ? " and those its team creates (" + TenantNamespaces.Glob("<tenant>") + ")" : "")}; each alert carries namespace=\"<tenant>\", so Alertmanager groups them per tenant and delivers them to that tenant only." +
            (component.IsAzure ? $" They are not Azure budgets: an Azure budget filters by resource group, resource or tag, and tenants share the clusters' nodes, so only OpenCost's allocation can split a node's cost between namespaces; the resource-group budget ({ConfigKeys.Budget.FullName}) stays the platform's whole." : ""));
    }

    private static System.Text.Json.Nodes.JsonObject BudgetAlert(string tenant, double budget, int percent, string severity)
    {
        var threshold = (budget * percent / 100).ToString("0.##", CultureInfo.InvariantCulture);
        var alert = PlatformObjects.Alert(
            percent >= 100 ? TenantBudgetAlertRouting.OverBudgetAlert : TenantBudgetAlertRouting.NearBudgetAlert,
            $"{MonthlyCostExpression(tenant)} > {threshold}",
            "1h", severity,
            $"Tenant {tenant} runs at {{{{ $value | humanize }}}} a month, over {percent}% of its budget",
            $"At its current allocation tenant {tenant} costs more than {threshold} a month ({percent}% of its budget {budget.ToString(CultureInfo.InvariantCulture)}, {ConfigKeys.TenantBudgets.FullName}). Cost per namespace ({tenant} and {TenantNamespaces.Glob(tenant)}) and workload: OpenCost /allocation/compute?window=7d&aggregate=namespace,controller");
        alert["labels"]![TenantBudgetAlertRouting.TenantAlertLabel] = tenant;
        // The cost is summed over all the tenant's namespaces; the alert names its own one, the namespace whose
        // AlertmanagerConfig Alertmanager (matcher strategy OnNamespace) lets receive it.
        alert["labels"]![TenantBudgetAlertRouting.NamespaceAlertLabel] = tenant;
        return alert;
    }
}
