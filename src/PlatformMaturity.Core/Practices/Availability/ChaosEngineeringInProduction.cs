using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Level 5: the Level 4 experiments in production, with guardrails. Only tenants named in platform:productionChaos opt
/// in (their namespace is annotated for Chaos Mesh's namespace filter, and pods still opt in by label); experiments run
/// in the configured window as one Chaos Mesh Workflow per tenant, which first checks and then keeps checking the error
/// budgets (Error Budget Management's Sloth page alerts) and aborts the moment one burns fast. Chaos Mesh's status
/// checks judge only HTTP status codes and Prometheus answers 200 whether or not an alert fires, so a small gate in the
/// chaos-mesh namespace answers 200 only while no fast-burn alert is pending or firing, and 404 otherwise (also while
/// it cannot ask Prometheus: it fails closed). The Workflow Schedules arrive paused and run only after promotion.
/// </summary>
public sealed class ChaosEngineeringInProduction : PracticeComponent
{
    public const string PracticeName = PlatformConfigParser.ChaosInProductionPractice;
    public const string GateName = "chaos-slo-gate";
    public const int GatePort = 8080;

    /// <summary>The gate's path: present (200) while the budgets are safe, absent (404) otherwise.</summary>
    public const string GatePath = "/ok";

    public static readonly string GateUrl = $"http://{GateName}.{ChaosEngineeringNonProd.Namespace}.svc:{GatePort}{GatePath}";

    /// <summary>Sloth labels its fast-burn (page) alerts sloth_severity="page" (slok/sloth, generated alert rules).</summary>
    public const string FastBurnAlerts = "ALERTS{sloth_severity=\"page\"}";

    public static readonly (string Key, string Value) GatePods = ("app.kubernetes.io/name", GateName);

    /// <summary>Name of a tenant's production chaos Schedule (a Workflow per window).</summary>
    public static string ScheduleName(string tenant) => $"{tenant}-production-chaos";

    /// <summary>How long each experiment of the window may take (pod-kill is instant; the others carry their own 5m duration).</summary>
    public const string ExperimentDeadline = "6m";

    public override string Practice => PracticeName;

    public override Implementation Implementation => Implementation.OnBothTargets(
        $"In prod stacks with {ConfigKeys.Chaos.FullName} true: per tenant named in {ConfigKeys.ProductionChaos.FullName}, a Chaos Mesh Schedule of a Workflow in its window " +
        $"(the Level 4 experiments {string.Join(", ", ChaosEngineeringNonProd.Experiments.Select(e => e.Name))} one after another against pods labelled {ChaosEngineeringNonProd.OptInLabel}={ChaosEngineeringNonProd.OptInValue}) " +
        $"that aborts when an error budget burns fast (HTTP status checks against a gate over Sloth's page alerts, before and during the experiments); schedules paused until pmctl upgrade --promote");

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        if (config.Environment != EnvironmentKind.Prod || !config.ChaosEnabled)
        {
            component.Note(config.Environment == EnvironmentKind.Prod
                ? $"No production experiments: {ConfigKeys.Chaos.FullName} is not true in this prod stack."
                : "No production experiments: this is a nonprod stack (Chaos Engineering (non-prod) runs its weekday experiments here).");
            return;
        }
        if (!component.Implements(WellKnown.ErrorBudgetManagement) || !component.HasMonitoring)
        {
            component.Note("No production experiments: they are guarded by the error budgets, and this stack has no Sloth SLOs with Prometheus to judge them.");
            return;
        }
        var chaos = config.ProductionChaos;
        if (chaos is null || chaos.Tenants.IsEmpty)
        {
            component.Note($"No production experiments: no tenant opts in ({ConfigKeys.ProductionChaos.FullName} names none).");
            return;
        }

        AddGate(component);
        var paused = component.IsStaged(Enforcements.ProductionChaos);
        foreach (var tenant in chaos.Tenants)
        {
            component.ContributeObject<V1Namespace>(Foundation.TenantNamespace(tenant), ns =>
            {
                ns.Metadata.Annotations ??= new Dictionary<string, string>();
                ns.Metadata.Annotations[ChaosEngineeringNonProd.InjectAnnotation] = "enabled";
            });
            component.AddObject(Schedule(tenant, chaos, paused));
        }
        component.Note($"Windows (UTC): '{chaos.Schedule}' for {chaos.Duration}, tenants {string.Join(", ", chaos.Tenants)}; each runs {string.Join(", then ", ChaosEngineeringNonProd.Experiments.Select(e => e.Name))} against pods labelled {ChaosEngineeringNonProd.OptInLabel}={ChaosEngineeringNonProd.OptInValue}, only while no error budget burns fast ({FastBurnAlerts}).");
        // Chaos Mesh 2.8's PodSelectorSpec has namespaces (names) but no namespace label selector, and leaving the names
        // out would select opted-in pods of every tenant: a Schedule cannot follow the namespaces a team creates.
        component.Note("Experiments run in each opted-in tenant's own namespace only, not in the namespaces its team creates through Capsule: Chaos Mesh 2.8 selectors name namespaces one by one (no namespace label selector), and a schedule without names would reach every tenant's opted-in pods.");
        component.Note(paused
            ? $"Staged: the schedules are paused ({PauseAnnotation}=true); the gate already runs, watch it: kubectl -n {ChaosEngineeringNonProd.Namespace} logs deploy/{GateName}. They start after pmctl upgrade {config.Stack} --promote."
            : $"Abort a running window: kubectl -n {ChaosEngineeringNonProd.Namespace} get workflows, then kubectl -n {ChaosEngineeringNonProd.Namespace} annotate workflow <name> {AbortAnnotation}=true; stop future windows: kubectl -n {ChaosEngineeringNonProd.Namespace} annotate schedule <tenant>-production-chaos {PauseAnnotation}=true (the Schedules carry {ScheduleLabel}=<tenant>).");
    }

    /// <summary>Chaos Mesh's annotations (api/v1alpha1 at chart-2.8.3): pause a Schedule, abort a running Workflow.</summary>
    public const string PauseAnnotation = "experiment.chaos-mesh.org/pause";

    public const string AbortAnnotation = "workflow.chaos-mesh.org/abort";

    /// <summary>Marks a production chaos Schedule and names its tenant (assess recognises production chaos by it).</summary>
    public const string ScheduleLabel = "platform.maturity/production-chaos";

    private static CustomObject Schedule(string tenant, ProductionChaosConfig chaos, bool paused)
    {
        var experiments = ChaosEngineeringNonProd.Experiments;
        JsonObject Check(string name, string mode, int failureThreshold, string deadline) => new()
        {
            ["name"] = name,
            ["templateType"] = "StatusCheck",
            ["deadline"] = deadline,
            ["abortWithStatusCheck"] = true,
            ["statusCheck"] = new JsonObject
            {
                ["mode"] = mode,
                ["type"] = "HTTP",
                ["intervalSeconds"] = 15,
                ["timeoutSeconds"] = 5,
                ["failureThreshold"] = failureThreshold,
                ["successThreshold"] = 1,
                ["http"] = new JsonObject
                {
                    ["url"] = GateUrl,
                    ["method"] = "GET",
                    ["criteria"] = new JsonObject { ["statusCode"] = "200" },
                },
            },
        };
        var templates = new JsonArray(
            new JsonObject { ["name"] = "guarded", ["templateType"] = "Serial", ["children"] = new JsonArray("budget-precheck", "run") },
            // Before anything is injected: one failed check (the budget burns, or the gate cannot tell) aborts the window.
            Check("budget-precheck", "Synchronous", 1, "2m"),
            new JsonObject { ["name"] = "run", ["templateType"] = "Parallel", ["children"] = new JsonArray("budget-watch", "experiments") },
            // While the experiments run: two failed checks in a row (30s) abort them.
            Check("budget-watch", "Continuous", 2, chaos.Duration),
            new JsonObject { ["name"] = "experiments", ["templateType"] = "Serial", ["children"] = new JsonArray([.. experiments.Select(e => JsonValue.Create(e.Name))]) });
        foreach (var experiment in experiments)
            templates.Add(new JsonObject
            {
                ["name"] = experiment.Name,
                ["templateType"] = experiment.Kind,
                ["deadline"] = ExperimentDeadline,
                [experiment.Field] = experiment.Spec(tenant),
            });
        var metadata = new V1ObjectMeta
        {
            Name = ScheduleName(tenant),
            NamespaceProperty = ChaosEngineeringNonProd.Namespace,
            Labels = new Dictionary<string, string> { [ScheduleLabel] = tenant },
        };
        if (paused)
            metadata.Annotations = new Dictionary<string, string> { [PauseAnnotation] = "true" };
        return new CustomObject
        {
            ApiVersion = "chaos-mesh.org/v1alpha1",
            Kind = "Schedule",
            Metadata = metadata,
            Spec = new JsonObject
            {
                ["schedule"] = chaos.Schedule,
                ["type"] = "Workflow",
                ["concurrencyPolicy"] = "Forbid",
                ["historyLimit"] = 5,
                // A window missed by more than 5 minutes (controller down) is skipped, not run late and unwatched.
                ["startingDeadlineSeconds"] = 300,
                ["workflow"] = new JsonObject { ["entry"] = "guarded", ["templates"] = templates },
            },
        };
    }

    /// <summary>The gate: busybox httpd serving GatePath only while Prometheus says no fast-burn alert is pending or firing.</summary>
    private static void AddGate(ComponentBuilder component)
    {
        var ns = ChaosEngineeringNonProd.Namespace;
        var labels = new Dictionary<string, string> { [GatePods.Key] = GatePods.Value };
        var query = Uri.EscapeDataString(FastBurnAlerts);
        // The file exists only after a successful answer with an empty result: no answer, an error or an alert all mean 404.
        var script = $$"""
            set -u
            httpd -f -p {{GatePort}} -h /www &
            while true; do
              if wget -q -T 5 -O /tmp/answer '{{WellKnown.PrometheusUrl}}/api/v1/query?query={{query}}' \
                 && grep -q '"status":"success"' /tmp/answer && grep -q '"result":\[\]' /tmp/answer; then
                [ -f /www{{GatePath}} ] || echo "$(date -u) budgets safe: experiments may run"
                echo ok > /www{{GatePath}}
              else
                [ -f /www{{GatePath}} ] && echo "$(date -u) fast burn (or Prometheus unreachable): experiments abort"
                rm -f /www{{GatePath}}
              fi
              sleep 10
            done
            """;
        component.AddObject(new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = GateName, NamespaceProperty = ns, Labels = new Dictionary<string, string>(labels) },
            Spec = new V1DeploymentSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        AutomountServiceAccountToken = false,
                        SecurityContext = PlatformObjects.RestrictedPodSecurity(),
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "gate",
                                Image = Pins.BusyboxImage,
                                Command = ["sh", "-c", script],
                                Ports = [new V1ContainerPort { Name = "http", ContainerPort = GatePort }],
                                ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = GatePort }, PeriodSeconds = 10 },
                                LivenessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = GatePort }, PeriodSeconds = 20 },
                                Resources = new V1ResourceRequirements
                                {
                                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("16Mi") },
                                    Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("32Mi") },
                                },
                                SecurityContext = PlatformObjects.RestrictedContainerSecurity(),
                                VolumeMounts =
                                [
                                    new V1VolumeMount { Name = "www", MountPath = "/www" },
                                    new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
                                ],
                            },
                        ],
                        Volumes =
                        [
                            new V1Volume { Name = "www", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("1Mi") } },
                            new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("1Mi") } },
                        ],
                    },
                },
            },
        });
        component.AddObject(new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = GateName, NamespaceProperty = ns },
            Spec = new V1ServiceSpec
            {
                Selector = labels,
                Ports = [new V1ServicePort { Name = "http", Port = GatePort, TargetPort = GatePort }],
            },
        });
        PlatformNetworkPolicies.AddClientPolicy(component, WellKnown.MonitoringNamespace, PlatformIngressRule.Of("allow-chaos-slo-gate",
            "the production chaos gate asks Prometheus whether an error budget burns fast", IngressSource.PodsIn(ns, GatePods), [WellKnown.PrometheusPort],
            PlatformNetworkPolicies.PrometheusPods));
    }
}
