using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// Levels 4–5: what workloads do at run time is watched. Falco (modern eBPF probe, least privileged) raises events for
/// suspicious system calls with its default stable ruleset (<see cref="ExampleRules"/>) and
/// falcosidekick forwards them to the platform's alerting channel: Alertmanager, which routes them to
/// platform:alertReceiver with the secret URL it already holds, so no alert URL is ever written into Falco's values.
/// On azure, Defender for Containers' runtime threat detection runs beside it when Defender is on.
/// </summary>
public sealed class AdvancedWorkloadsAuditing : PracticeComponent
{
    public const string Namespace = "falco";
    public const string ReleaseName = "falco";

    /// <summary>Alertmanager's Service in kube-prometheus-stack (release name + "-alertmanager", port 9093).</summary>
    public static readonly string AlertmanagerUrl = $"http://{WellKnown.PrometheusStackRelease}-alertmanager.{WellKnown.MonitoringNamespace}.svc:{AlertmanagerPort}";

    public const int AlertmanagerPort = 9093;

    /// <summary>Pod label of Alertmanager (set by the Prometheus operator).</summary>
    public static readonly (string Key, string Value) AlertmanagerPods = ("app.kubernetes.io/name", "alertmanager");

    /// <summary>Pod label of falcosidekick (its chart's selector labels), the only Falco pod that calls Alertmanager.</summary>
    public static readonly (string Key, string Value) SidekickPods = ("app.kubernetes.io/name", "falcosidekick");

    /// <summary>Falco events at or above this priority are forwarded as alerts; lower ones stay in Falco's log.</summary>
    public const string AlertPriority = "warning";

    /// <summary>
    /// Rules of the stable ruleset the chart installs (falco.rules_files /etc/falco/falco_rules.yaml; falcoctl follows
    /// falco-rules:5), checked by name in falcosecurity/rules tag falco-rules-5.1.0 rules/falco_rules.yaml. Rules such
    /// as "Write below etc" are only in the sandbox ruleset, which the chart does not load.
    /// </summary>
    public static readonly string[] ExampleRules =
    [
        "Terminal shell in container", "Read sensitive file untrusted", "Drop and execute new binary in container",
        "Contact K8S API Server From Container", "Redirect STDOUT/STDIN to Network Connection in Container",
    ];

    public override string Practice => "Advanced Workloads Auditing";

    public override Implementation Implementation => new(
        Existing: $"Falco (chart {Pins.Falco.Version}, modern eBPF driver with least privileges, JSON events from priority notice) on every node, falcosidekick (2 replicas) forwarding events of priority {AlertPriority} and above to Alertmanager, which routes them to platform:alertReceiver; metrics scraped by Prometheus",
        Azure: $"Falco (chart {Pins.Falco.Version}, modern eBPF driver) with falcosidekick forwarding to Alertmanager as on existing, plus Microsoft Defender for Containers' runtime threat detection when Defender is enabled (Advanced Vulnerabilities Management)");

    public override void Build(ComponentBuilder component)
    {
        component.AddPlatformNamespace(Namespace);
        // Keys checked against falcosecurity/charts tag falco-9.1.0 (charts/falco) and its falcosidekick subchart
        // falcosidekick-0.12.1 (tests/TestData/chart-values/falco-9.1.0.keys).
        var values = HelmValues.From(
                ("driver.kind", "modern_ebpf"),
                ("driver.modernEbpf.leastPrivileged", true),
                ("falco.json_output", true),
                ("falco.priority", "notice"),
                ("collectors.containerEngine.enabled", true),
                ("falcosidekick.enabled", true),
                ("falcosidekick.replicaCount", 2),
                ("falcosidekick.webui.enabled", false))
            .With("metrics.enabled", component.HasMonitoring)
            .With("serviceMonitor.create", component.HasMonitoring);
        if (component.HasMonitoring)
        {
            values = values
                .With("serviceMonitor.labels.release", WellKnown.PrometheusStackRelease)
                .With("falcosidekick.config.alertmanager.hostport", AlertmanagerUrl)
                .With("falcosidekick.config.alertmanager.minimumpriority", AlertPriority);
            component.Note($"Falco events of priority {AlertPriority} and above reach Alertmanager ({AlertmanagerUrl}) as alerts and go to the platform's alert receiver; no webhook URL is written into Falco's values.");
        }
        else
        {
            component.Note("No Alertmanager runs on this platform, so Falco's events are only in its logs: kubectl logs -n falco -l app.kubernetes.io/name=falco");
        }
        component.AddRelease(ReleaseName, Namespace, Pins.Falco, values,
            dependsOn: component.HasMonitoring ? [WellKnown.PrometheusStackRelease] : null, createNamespace: false);
        component.Note($"Falco loads its stable ruleset (falco-rules 5), e.g. {string.Join(", ", ExampleRules.Select(r => $"'{r}'"))}; the incubating and sandbox rulesets are not loaded, and no plugin (Kubernetes audit rules: see Platform Access Auditing).");
        component.Note("Falco needs a kernel with BTF (5.8+; AKS and current kind nodes have it) for its modern eBPF probe. Read events: kubectl logs -n falco -l app.kubernetes.io/name=falco -c falco");

        if (component.IsAzure)
        {
            var defender = component.Existing<KubernetesCluster>().Any(c => c.MicrosoftDefender is not null);
            component.Note(defender
                ? "Microsoft Defender for Containers' runtime threat detection also watches the nodes (its sensor is part of the Defender profile); its alerts are in Defender for Cloud."
                : "Defender for Containers is off on this platform (no Log Analytics workspace before the cluster), so Falco is the only runtime detection.");
        }
    }
}
