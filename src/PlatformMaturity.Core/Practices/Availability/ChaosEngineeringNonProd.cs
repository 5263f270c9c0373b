using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Levels 4–5: weekday chaos experiments (pod kill, network delay, CPU stress) in non-production stacks, against tenant
/// workloads that opt in by label, so teams learn how their apps fail before production does. Chaos Mesh with its
/// namespace filter on: only tenant namespaces the platform annotates can be injected into. A prod stack gets none
/// (and one asking for chaos below Level 5 is refused when its config is read).
/// </summary>
public sealed class ChaosEngineeringNonProd : PracticeComponent
{
    public const string Namespace = "chaos-mesh";
    public const string ReleaseName = "chaos-mesh";

    /// <summary>A workload opts in to experiments with this pod label (value <see cref="OptInValue"/>).</summary>
    public const string OptInLabel = "platform.maturity/chaos";
    public const string OptInValue = "enabled";

    /// <summary>Chaos Mesh injects only into namespaces with this annotation when its namespace filter is on.</summary>
    public const string InjectAnnotation = "chaos-mesh.org/inject";

    /// <summary>The controller manager's admission webhook port (chart 2.8.3 controllerManager.env.WEBHOOK_PORT).</summary>
    public const int WebhookPort = 10250;

    /// <summary>Pause image of pod-failure experiments, pinned (the chart's default is gcr.io/google-containers/pause:latest).</summary>
    public const string PauseImage = "registry.k8s.io/pause:3.10";

    /// <summary>One scheduled experiment: its name suffix, Chaos Mesh kind, schedule (UTC, weekdays in working hours, so people see it) and spec.</summary>
    public sealed record Experiment(string Name, string Kind, string Field, string Schedule, Func<string, JsonObject> Spec);

    public static readonly ImmutableArray<Experiment> Experiments =
    [
        new("pod-kill", "PodChaos", "podChaos", "0 10 * * 1-5", tenant => new JsonObject
        {
            ["action"] = "pod-kill",
            ["mode"] = "one",
            ["selector"] = Selector(tenant),
        }),
        new("network-delay", "NetworkChaos", "networkChaos", "0 11 * * 1-5", tenant => new JsonObject
        {
            ["action"] = "delay",
            ["mode"] = "one",
            ["selector"] = Selector(tenant),
            ["delay"] = new JsonObject { ["latency"] = "200ms", ["jitter"] = "50ms", ["correlation"] = "25" },
            ["direction"] = "to",
            ["duration"] = "5m",
        }),
        new("cpu-stress", "StressChaos", "stressChaos", "0 14 * * 1-5", tenant => new JsonObject
        {
            ["mode"] = "one",
            ["selector"] = Selector(tenant),
            ["stressors"] = new JsonObject { ["cpu"] = new JsonObject { ["workers"] = 1, ["load"] = 80 } },
            ["duration"] = "5m",
        }),
    ];

    public override string Practice => "Chaos Engineering (non-prod)";

    public override Implementation Implementation => Implementation.OnBothTargets(
        $"In nonprod stacks ({ConfigKeys.Chaos.FullName} unset or true): Chaos Mesh (chart {Pins.ChaosMesh.Version}, namespace filter on, dashboard off) and per tenant weekday Schedules of {string.Join(", ", Experiments.Select(e => $"{e.Name} ({e.Kind})"))} against pods labelled {OptInLabel}={OptInValue}; none in prod (Level 4 allows chaos only outside production)");

    public static string ScheduleName(string tenant, Experiment experiment) => $"{tenant}-{experiment.Name}";

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        if (!config.ChaosEnabled)
        {
            component.Note(config.Environment == EnvironmentKind.Prod
                ? $"No chaos experiments: this is a prod stack, and Level {config.Level} runs them only in nonprod (production chaos is Level 5's Chaos Engineering in Production)."
                : $"No chaos experiments: {ConfigKeys.Chaos.FullName} is false.");
            return;
        }

        component.AddPlatformNamespace(Namespace);
        var values = HelmValues.From(
            ("images.tag", Pins.ChaosMeshImageTag),
            // AKS and kind run containerd.
            ("chaosDaemon.runtime", "containerd"),
            ("chaosDaemon.socketPath", "/run/containerd/containerd.sock"),
            ("chaosDaemon.privileged", true),
            // Only namespaces annotated chaos-mesh.org/inject=enabled can be targeted: never a platform namespace.
            ("controllerManager.enableFilterNamespace", true),
            ("controllerManager.replicaCount", 2),
            ("controllerManager.podChaos.podFailure.pauseImage", PauseImage),
            // Experiments are code (the Schedules below); no dashboard to expose or secure.
            ("dashboard.create", false),
            ("dashboard.securityMode", true),
            ("dnsServer.create", false),
            ("enableProfiling", false));
        component.AddRelease(ReleaseName, Namespace, Pins.ChaosMesh, values, providesApiGroups: ["chaos-mesh.org"], createNamespace: false);

        if (config.Environment == EnvironmentKind.Prod)
        {
            // Only Level 5 reaches here (a prod stack asking for chaos below it is refused): Chaos Engineering in
            // Production runs guarded experiments against the tenants that opt in, on this installation.
            component.Note("Prod stack: no weekday experiments; Chaos Engineering in Production runs guarded ones against the tenants that opt in.");
            return;
        }
        foreach (var tenant in config.Tenants)
        {
            component.ContributeObject<V1Namespace>(Foundation.TenantNamespace(tenant.Name), ns =>
            {
                ns.Metadata.Annotations ??= new Dictionary<string, string>();
                ns.Metadata.Annotations[InjectAnnotation] = "enabled";
            });
            foreach (var experiment in Experiments)
                component.AddObject(Schedule(tenant.Name, experiment));
        }
        component.Note($"Opt a workload in: label its pods {OptInLabel}={OptInValue}. Experiments run on weekdays (UTC): {string.Join("; ", Experiments.Select(e => $"{e.Name} at '{e.Schedule}'"))}, one pod at a time.");
        component.Note($"See what ran: kubectl get schedules,podchaos,networkchaos,stresschaos -n {Namespace}; pause a schedule: kubectl annotate schedule <name> -n {Namespace} experiment.chaos-mesh.org/pause=true");
        component.Note("The chaos daemon runs privileged (it enters pods' network and process namespaces), so the chaos-mesh namespace is privileged; only tenant namespaces are injectable.");
    }

    private static JsonObject Selector(string tenant) => new()
    {
        ["namespaces"] = new JsonArray(tenant),
        ["labelSelectors"] = new JsonObject { [OptInLabel] = OptInValue },
    };

    private static CustomObject Schedule(string tenant, Experiment experiment) => new()
    {
        ApiVersion = "chaos-mesh.org/v1alpha1",
        Kind = "Schedule",
        Metadata = new V1ObjectMeta { Name = ScheduleName(tenant, experiment), NamespaceProperty = Namespace },
        Spec = new JsonObject
        {
            ["schedule"] = experiment.Schedule,
            ["type"] = experiment.Kind,
            ["concurrencyPolicy"] = "Forbid",
            ["historyLimit"] = 5,
            [experiment.Field] = experiment.Spec(tenant),
        },
    };
}
