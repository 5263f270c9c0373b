using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Model;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>
/// Levels 3–5: event-driven scaling with KEDA and right-sizing advice from the Vertical Pod Autoscaler in
/// recommendation mode (it never changes running pods). AKS add-ons on azure, the charts on existing.
/// </summary>
public sealed class AdvancedApplicationAutoscaling : PracticeComponent
{
    public const string BasicPractice = "Basic Application Autoscaling";
    public const string KedaRelease = "keda";
    public const string KedaNamespace = "keda";
    public const string VpaRelease = "vpa";
    public const string VpaNamespace = "vpa";

    public const string PracticeName = "Advanced Application Autoscaling";

    /// <summary>
    /// The KEDA operator's pod label (keda chart 2.20.2, templates/manager/deployment.yaml: app: operator.name, default
    /// keda-operator; the AKS add-on runs the same operator in kube-system, found with kubectl get pods -n kube-system -l
    /// app=keda-operator — not in Microsoft's reference, so check it on a live cluster). It evaluates every scaler, so it
    /// queries the tenants' proxies.
    /// </summary>
    public static readonly (string Key, string Value)[] KedaOperatorPods = [("app", "keda-operator")];

    /// <summary>Where the KEDA operator runs: the chart's namespace on existing, kube-system for the AKS add-on.</summary>
    public static string KedaOperatorNamespace(PlatformConfig config) => config.IsAzure ? PlatformNamespaces.KubeSystem : KedaNamespace;

    public override string Practice => PracticeName;

    public override Implementation Implementation => new(
        Existing: $"KEDA (chart {Pins.Keda.Version}, 2 operator replicas with a PodDisruptionBudget) for event-driven scaling, and the VPA recommender (Fairwinds chart {Pins.Vpa.Version}, no updater or admission controller) for right-sizing advice; metrics-server is installed first",
        Azure: "AKS add-ons: KEDA (WorkloadAutoscalerProfile.KedaEnabled) and the Vertical Pod Autoscaler (VerticalPodAutoscalerEnabled), whose VPA objects the golden paths create in recommendation mode (updateMode Off)");

    public override void Build(ComponentBuilder component)
    {
        if (component.IsAzure)
        {
            component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
            {
                WorkloadAutoscalerProfile = new WorkloadAutoscalerProfile(KedaEnabled: true, VerticalPodAutoscalerEnabled: true),
            });
            component.Note("The AKS VPA add-on can also evict pods to resize them; create VerticalPodAutoscalers with updatePolicy.updateMode: \"Off\" to get recommendations only.");
        }
        else
        {
            BuildExisting(component);
        }
        GrantScalers(component);
        // Level 5 (serverless): HTTP apps scale to zero through the KEDA HTTP add-on.
        if (component.Level >= 5)
            KedaHttpAddOn.Add(component, component.Since(5));
        component.Note($"Scale on events (queue length, Prometheus queries, cron): a KEDA ScaledObject in the tenant namespace; kubectl get scaledobject -n <tenant>. A prometheus trigger's serverAddress is the tenant's own proxy, {Availability.TenantMetricsProxies.Url("<tenant>")}.");
        component.Note("Read right-sizing advice: kubectl describe vpa <name> -n <tenant> (Target is the recommended request).");
    }

    /// <summary>The KEDA kinds teams create in their namespaces (the golden paths emit ScaledObjects).</summary>
    public static readonly string[] TenantScalerResources = ["scaledobjects", "scaledjobs"];

    public static string ScalerEditRoleName(string resource) => $"platform-keda-{resource}-edit";

    /// <summary>
    /// Teams get ScaledObjects and ScaledJobs through the edit role they hold: the keda chart 2.20.2 aggregates nothing
    /// into the built-in roles by default (rbac.aggregateToDefaultRoles: false) and the AKS add-on is not documented to,
    /// so the platform adds its own aggregated roles, on both targets. Only once the policy holding their prometheus
    /// triggers to the tenant's own proxy enforces: the KEDA operator reaches every tenant's proxy. TriggerAuthentications
    /// stay with the platform team: they can lend a trigger the operator's own (cloud) identity.
    /// </summary>
    private static void GrantScalers(ComponentBuilder component)
    {
        if (component.Config.Tenants.IsDefaultOrEmpty)
            return;
        if (component.IsStaged(Enforcements.TenantMetricsAddress))
        {
            component.Note($"Teams cannot create ScaledObjects or ScaledJobs yet: the grant waits for {Enforcements.TenantMetricsAddress} to enforce (pmctl upgrade {component.Config.Stack} --promote).");
            return;
        }
        foreach (var resource in TenantScalerResources)
        {
            component.AddObject(PlatformObjects.AggregatedRole(ScalerEditRoleName(resource), ["edit", "admin"], "keda.sh", resource,
                ["get", "list", "watch", "create", "update", "patch", "delete"]));
            component.AddObject(PlatformObjects.AggregatedRole($"platform-keda-{resource}-view", ["view"], "keda.sh", resource, ["get", "list", "watch"]));
        }
        component.Note("Teams create ScaledObjects and ScaledJobs in their namespaces (aggregated into edit); TriggerAuthentications are the platform team's.");
    }

    private static void BuildExisting(ComponentBuilder component)
    {
        // Autoscalers read metrics: metrics-server must run before them. Level 3's Basic Application Autoscaling owns it;
        // once that practice is superseded (Level 4) this one takes the same release over.
        if (!component.InEffect(BasicPractice))
            MetricsServer.Add(component, component.Since(MaturityModel.Default.Practice(BasicPractice).ListedAt[^1] + 1));
        string[] afterMetrics = component.HasMonitoring ? [MetricsServer.ReleaseName, WellKnown.PrometheusStackRelease] : [MetricsServer.ReleaseName];

        component.AddPlatformNamespace(KedaNamespace);
        var keda = HelmValues.From(
                ("image.keda.tag", Pins.KedaImageTag),
                ("image.metricsApiServer.tag", Pins.KedaImageTag),
                ("image.webhooks.tag", Pins.KedaImageTag),
                ("operator.replicaCount", 2),
                ("podDisruptionBudget.operator.minAvailable", 1),
                ("webhooks.enabled", true))
            .With("prometheus.operator.enabled", component.HasMonitoring)
            .With("prometheus.operator.serviceMonitor.enabled", component.HasMonitoring)
            .With("prometheus.metricServer.enabled", component.HasMonitoring)
            .With("prometheus.metricServer.serviceMonitor.enabled", component.HasMonitoring);
        component.AddRelease(KedaRelease, KedaNamespace, Pins.Keda, keda,
            providesApiGroups: ["keda.sh", "eventing.keda.sh"], dependsOn: afterMetrics, createNamespace: false);

        component.AddPlatformNamespace(VpaNamespace);
        var vpa = HelmValues.From(
            ("recommender.enabled", true),
            ("recommender.image.tag", Pins.VpaImageTag),
            // Recommendation mode: nothing evicts or mutates pods.
            ("updater.enabled", false),
            ("admissionController.enabled", false),
            ("metrics-server.enabled", false),
            ("recommender.podSecurityContext.runAsNonRoot", true),
            ("recommender.podSecurityContext.runAsUser", 65534),
            ("recommender.podSecurityContext.seccompProfile.type", "RuntimeDefault"),
            ("recommender.securityContext.allowPrivilegeEscalation", false),
            ("recommender.securityContext.readOnlyRootFilesystem", true),
            ("recommender.securityContext.capabilities.drop", new[] { "ALL" }));
        // autoscaling.k8s.io is a *.k8s.io group, so the graph does not order VPA objects by it; golden paths create them after the platform.
        component.AddRelease(VpaRelease, VpaNamespace, Pins.Vpa, vpa,
            providesApiGroups: ["autoscaling.k8s.io"], dependsOn: [MetricsServer.ReleaseName], createNamespace: false);
        component.Note("One VPA recommender replica: an outage only delays recommendations, it never touches workloads.");
    }
}
