using System.Collections.Immutable;
using k8s.Models;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;

namespace PlatformMaturity.Composition;

/// <summary>Who may open a connection to a platform component.</summary>
public enum IngressSourceKind
{
    /// <summary>Any source, in the cluster or not: only for ports the API server calls (admission webhooks, aggregated APIs).</summary>
    Anywhere,

    /// <summary>Pods of one platform namespace (optionally only those with <see cref="IngressSource.Pods"/>).</summary>
    Namespace,

    /// <summary>Every tenant namespace (labelled by Hard multi-tenancy).</summary>
    Tenants,
}

/// <summary>A source of connections: a kind, and for <see cref="IngressSourceKind.Namespace"/> the namespace and pod labels.</summary>
public sealed record IngressSource(IngressSourceKind Kind, string? Namespace = null, ImmutableSortedDictionary<string, string>? Pods = null)
{
    public static IngressSource Anywhere { get; } = new(IngressSourceKind.Anywhere);

    public static IngressSource Tenants { get; } = new(IngressSourceKind.Tenants);

    public static IngressSource PodsIn(string ns, params (string Key, string Value)[] labels) =>
        new(IngressSourceKind.Namespace, ns, labels.Length == 0 ? null : labels.ToImmutableSortedDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal));
}

/// <summary>
/// One allowance into a platform namespace: which pods (by labels; all when empty), on which TCP ports (the pods'
/// container ports, which NetworkPolicies match after Service translation), from whom, and why.
/// </summary>
public sealed record PlatformIngressRule(string Name, string Why, ImmutableSortedDictionary<string, string> Pods, ImmutableArray<int> Ports, IngressSource From)
{
    public static PlatformIngressRule Of(string name, string why, IngressSource from, int[] ports, params (string Key, string Value)[] pods) =>
        new(name, why, pods.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), [.. ports], from);
}

/// <summary>
/// Ingress NetworkPolicies of the platform's own namespaces, which <see cref="PodSecurity.AddPlatformNamespace"/> adds
/// while Basic Traffic Filtering is in effect: a default deny (staged as <see cref="Enforcements.PlatformNetworkDefaultDeny"/>),
/// same-namespace traffic, Prometheus scrapes from the monitoring namespace, and per namespace exactly the clients
/// listed in <see cref="Rules"/>. Cloud-managed namespaces (kube-system, aks-istio-*, gatekeeper-system) are never touched.
/// </summary>
/// <remarks>
/// What the cluster itself needs: (1) the API server calls admission webhooks and aggregated APIs. On AKS it runs
/// outside the pod network and reaches nodes through konnectivity, so its source address is neither a pod nor a fixed
/// range the platform knows; the webhook ports are therefore open from anywhere (an empty <c>from</c>), and only those
/// ports on only the webhook pods: they answer admission reviews and hold no tenant data. (2) Kubelet probes come from
/// the node itself: Cilium (AKS's dataplane here) always admits traffic from the local host to its pods
/// (<c>allow-localhost</c> defaults to allowing it), as do Calico and kindnet, so probes need no rule.
/// (3) Host-network pods (node-exporter) are outside NetworkPolicy altogether.
/// </remarks>
public static class PlatformNetworkPolicies
{
    public const string DefaultDeny = "platform-deny-ingress";

    /// <summary>
    /// The staged phase's stand-in for the deny: NetworkPolicies cannot warn, and any policy selecting a pod already
    /// isolates it, so while staged an allow-all policy keeps every connection open beside the allow policies.
    /// </summary>
    public const string StagedAllowAll = "staged-allow-all-ingress";
    public const string AllowSameNamespace = "allow-same-namespace";
    public const string AllowPrometheusScrapes = "allow-prometheus-scrapes";

    /// <summary>Pod label of Prometheus (set by the Prometheus operator on the pods of every Prometheus it runs).</summary>
    public static readonly (string Key, string Value) PrometheusPods = ("app.kubernetes.io/name", "prometheus");

    /// <summary>Pod label of the kube-prometheus-stack's Grafana (grafana chart's selector labels).</summary>
    public static readonly (string Key, string Value) GrafanaPods = ("app.kubernetes.io/name", "grafana");

    /// <summary>Pod label of the collectors the OpenTelemetry operator runs.</summary>
    public static readonly (string Key, string Value) CollectorPods = ("app.kubernetes.io/component", "opentelemetry-collector");

    /// <summary>Pod label of the per-tenant Prometheus query proxies; they take no same-namespace traffic but Grafana's (and their documented clients' outside: TenantMetricsProxies.Clients).</summary>
    public static readonly (string Key, string Value) TenantProxyPods = ("app.kubernetes.io/name", "prom-label-proxy");

    public const string MonitoringNamespace = WellKnown.MonitoringNamespace;
    // Ports are the producers' (one definition each, also used in the clients' URLs and the components' own config).
    public const int PrometheusPort = WellKnown.PrometheusPort;
    public const int LokiHttpPort = Practices.Availability.PlatformObservability.LokiHttpPort;
    public const int TempoHttpPort = Practices.Availability.ApplicationObservability.TempoHttpPort;
    public const int TempoOtlpGrpcPort = Practices.Availability.ApplicationObservability.TempoOtlpGrpcPort;
    public const int CollectorOtlpGrpcPort = Practices.Availability.ApplicationObservability.CollectorOtlpGrpcPort;
    public const int CollectorOtlpHttpPort = Practices.Availability.ApplicationObservability.CollectorOtlpHttpPort;
    public const int TenantProxyPort = 8080;

    /// <summary>
    /// Each platform namespace's clients beyond its own pods and Prometheus, with the reason. Every namespace
    /// created with <see cref="PodSecurity.AddPlatformNamespace"/> must be listed (an empty list means: nobody else).
    /// Ports are the charts' container ports at the pinned versions (sources in each rule's reason).
    /// </summary>
    public static readonly ImmutableSortedDictionary<string, ImmutableArray<PlatformIngressRule>> Rules =
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, ImmutableArray<PlatformIngressRule>>
        {
            [MonitoringNamespace] =
            [
                PlatformIngressRule.Of("allow-operator-webhook", "the API server calls the Prometheus operator's admission webhook (kube-prometheus-stack prometheusOperator.tls.internalPort 10250)",
                    IngressSource.Anywhere, [10250], ("app", $"{WellKnown.PrometheusStackRelease}-operator")),
                PlatformIngressRule.Of("allow-otlp-metrics-write", "the platform OpenTelemetry collector pushes metrics to Prometheus's OTLP receiver (/api/v1/otlp on the web port)",
                    IngressSource.PodsIn(ApplicationObservabilityNamespace, CollectorPods), [PrometheusPort], PrometheusPods),
                PlatformIngressRule.Of("allow-falco-alerts", "falcosidekick forwards Falco's runtime events to Alertmanager (port 9093), the platform's alerting channel (Advanced Workloads Auditing)",
                    IngressSource.PodsIn(Practices.Security.AdvancedWorkloadsAuditing.Namespace, Practices.Security.AdvancedWorkloadsAuditing.SidekickPods),
                    [Practices.Security.AdvancedWorkloadsAuditing.AlertmanagerPort], Practices.Security.AdvancedWorkloadsAuditing.AlertmanagerPods),
                // No rule opens Grafana to the gateway: no route exposes it (people use kubectl port-forward, which the
                // kubelet connects inside the pod's network namespace, outside NetworkPolicy).
            ],
            [Practices.Availability.PlatformObservability.LokiNamespace] =
            [
                PlatformIngressRule.Of("allow-log-push", "Alloy pushes logs with the tenant in X-Scope-OrgID", IngressSource.PodsIn(Practices.Availability.PlatformObservability.AlloyNamespace), [LokiHttpPort]),
                PlatformIngressRule.Of("allow-grafana-queries", "Grafana queries logs, each org's data source with its own X-Scope-OrgID",
                    IngressSource.PodsIn(MonitoringNamespace, GrafanaPods), [LokiHttpPort]),
            ],
            [Practices.Availability.ApplicationObservability.TempoNamespace] =
            [
                PlatformIngressRule.Of("allow-trace-push", "the platform OpenTelemetry collector sends traces over OTLP gRPC",
                    IngressSource.PodsIn(ApplicationObservabilityNamespace, CollectorPods), [TempoOtlpGrpcPort]),
                PlatformIngressRule.Of("allow-grafana-queries", "Grafana queries traces", IngressSource.PodsIn(MonitoringNamespace, GrafanaPods), [TempoHttpPort]),
            ],
            [ApplicationObservabilityNamespace] =
            [
                PlatformIngressRule.Of("allow-otlp-from-tenants", "tenant workloads (and their auto-instrumentation) send OTLP to the platform collector",
                    IngressSource.Tenants, [CollectorOtlpGrpcPort, CollectorOtlpHttpPort], CollectorPods),
                PlatformIngressRule.Of("allow-operator-webhook", "the API server calls the operator's admission webhooks (opentelemetry-operator chart manager webhook port 9443)",
                    IngressSource.Anywhere, [9443], ("app.kubernetes.io/name", "opentelemetry-operator")),
            ],
            [Practices.Availability.PlatformObservability.AlloyNamespace] = [],
            ["velero"] = [],
            ["trivy-system"] = [],
            ["argo-rollouts"] = [],
            // Argo CD's parts talk within their namespace (same-namespace rule); no route exposes argocd-server, so people
            // use kubectl port-forward (or argocd --port-forward), which the kubelet connects outside NetworkPolicy.
            ["argocd"] = [],
            ["kyverno"] =
            [
                PlatformIngressRule.Of("allow-admission-webhook", "the API server calls Kyverno's admission webhook to verify image signatures (kyverno chart 3.9.0 admissionController webhookServer.port 9443)",
                    IngressSource.Anywhere, [9443], ("app.kubernetes.io/component", "admission-controller")),
            ],
            ["platform-secrets"] = [],
            ["vpa"] = [],
            ["chaos-mesh"] =
            [
                PlatformIngressRule.Of("allow-admission-webhook", "the API server calls the Chaos Mesh controller manager's admission webhooks (chart 2.8.3 controllerManager.env.WEBHOOK_PORT 10250)",
                    IngressSource.Anywhere, [Practices.Availability.ChaosEngineeringNonProd.WebhookPort], ("app.kubernetes.io/component", "controller-manager")),
            ],
            [Practices.Delivery.KubernetesLandingZone.Namespace] =
            [
                PlatformIngressRule.Of("allow-admission-webhook", "the API server calls Capsule's admission webhooks (chart 0.14.0 manager.webhookPort 9443)",
                    IngressSource.Anywhere, [Practices.Delivery.KubernetesLandingZone.WebhookPort], ("app.kubernetes.io/name", "capsule")),
            ],
            // OpenCost serves its API to people through kubectl port-forward; Prometheus scrapes it (allowed for every namespace).
            ["opencost"] = [],
            ["dr-restore-test"] = [],
            // The cross-region drill's namespaces hold ConfigMaps only: nothing listens there.
            [Practices.Availability.CrossRegionRestoreDrill.DrillNamespace] = [],
            [Practices.Availability.CrossRegionRestoreDrill.ScratchNamespace] = [],
            ["cnpg-system"] =
            [
                PlatformIngressRule.Of("allow-admission-webhook", "the API server calls the CloudNativePG operator's admission webhooks (cloudnative-pg chart webhook.port 9443)",
                    IngressSource.Anywhere, [Practices.Delivery.PostgresOperator.WebhookPort], Practices.Delivery.PostgresOperator.OperatorPods),
            ],
            // The developer portal's clients (the gateway's proxies, the CloudNativePG operator) are added by Internal Developer
            // Platform with its own provenance: the gateway's namespace is config.
            [Practices.Delivery.InternalDeveloperPlatform.Namespace] = [],
            // People reach the Goldilocks dashboard with kubectl port-forward (through the API server, not the pod network).
            ["goldilocks"] = [],
            // The GPU operator's components talk to the API server and to node-local sockets; nothing calls into them (Prometheus scrapes the DCGM exporter).
            // The gateway's proxies reach the interceptor too; that rule is the add-on's own (the gateway namespace is config).
            [Practices.Efficiency.KedaHttpAddOn.Namespace] =
            [
                PlatformIngressRule.Of("allow-http-scaler-from-keda", "KEDA's operator asks the add-on's external scaler (chart 0.15.0 scaler.grpcPort) for request counts (existing: the keda chart's operator)",
                    IngressSource.PodsIn(Practices.Efficiency.AdvancedApplicationAutoscaling.KedaNamespace, Practices.Efficiency.AdvancedApplicationAutoscaling.KedaOperatorPods), [Practices.Efficiency.KedaHttpAddOn.ScalerPort],
                    Practices.Efficiency.KedaHttpAddOn.ScalerPods),
                PlatformIngressRule.Of("allow-http-scaler-from-aks-keda", "the AKS KEDA add-on's operator (kube-system) asks the add-on's external scaler for request counts",
                    IngressSource.PodsIn(PlatformNamespaces.KubeSystem, Practices.Efficiency.AdvancedApplicationAutoscaling.KedaOperatorPods), [Practices.Efficiency.KedaHttpAddOn.ScalerPort],
                    Practices.Efficiency.KedaHttpAddOn.ScalerPods),
            ],
            [Practices.Efficiency.JustInTimeCapacity.GpuOperatorNamespace] = [],
            [Practices.Efficiency.ModelServing.KaitoNamespace] =
            [
                PlatformIngressRule.Of("allow-admission-webhook", "the API server calls KAITO's admission webhooks (chart 0.12.0 webhook.port 9443)",
                    IngressSource.Anywhere, [Practices.Efficiency.ModelServing.KaitoWebhookPort], Practices.Efficiency.ModelServing.KaitoPods),
            ],
            [Practices.Efficiency.ModelServing.KServeNamespace] =
            [
                PlatformIngressRule.Of("allow-admission-webhook", "the API server calls KServe's admission webhooks (chart v0.16.0 webhook-server port 9443)",
                    IngressSource.Anywhere, [Practices.Efficiency.ModelServing.KServeWebhookPort], Practices.Efficiency.ModelServing.KServePods),
            ],
            [PlatformCertManager.Namespace] =
            [
                PlatformIngressRule.Of("allow-admission-webhook", "the API server calls cert-manager's admission webhook (chart v1.21.1 webhook.securePort 10250)",
                    IngressSource.Anywhere, [PlatformCertManager.WebhookPort], PlatformCertManager.WebhookPods),
            ],
            // The KubeRay operator only calls the API server (no webhook in chart 1.7.0); Prometheus scrapes its metrics.
            [Practices.Efficiency.RayOperator.Namespace] = [],
            [Practices.Efficiency.JustInTimeCapacity.KueueNamespace] =
            [
                PlatformIngressRule.Of("allow-admission-webhook", "the API server calls Kueue's admission webhooks (chart 0.19.2 webhook port 9443) and its visibility API (port 8082)",
                    IngressSource.Anywhere, [Practices.Efficiency.JustInTimeCapacity.KueueWebhookPort, Practices.Efficiency.JustInTimeCapacity.KueueVisibilityPort],
                    Practices.Efficiency.JustInTimeCapacity.KueuePods),
            ],
            ["keda"] =
            [
                PlatformIngressRule.Of("allow-admission-webhook", "the API server calls KEDA's admission webhooks (keda chart webhooks.port 9443)",
                    IngressSource.Anywhere, [9443], ("app", "keda-admission-webhooks")),
                PlatformIngressRule.Of("allow-metrics-api", "the API server calls the external metrics API KEDA serves (keda chart metricsServer port 6443) for HPAs",
                    IngressSource.Anywhere, [6443], ("app", "keda-operator-metrics-apiserver")),
            ],
            ["external-secrets"] =
            [
                PlatformIngressRule.Of("allow-admission-webhook", "the API server calls the external-secrets webhook (external-secrets chart webhook.port 10250)",
                    IngressSource.Anywhere, [10250], ("app.kubernetes.io/name", "external-secrets-webhook")),
            ],
            // Falco's pods take nothing from outside: falcosidekick receives events from Falco in the same namespace.
            [Practices.Security.AdvancedWorkloadsAuditing.Namespace] = [],
            [Practices.Security.AllTrafficEncrypted.IstioNamespace] =
            [
                PlatformIngressRule.Of("allow-mesh-control-plane", "every meshed pod, in any namespace, fetches its configuration and certificates from istiod (xDS and CA on 15012, istio/istio 1.30.3 istiod Service), and the API server calls its injection and validation webhooks (15017)",
                    IngressSource.Anywhere, [15012, 15017], ("app", "istiod")),
            ],
        });

    /// <summary>
    /// Clients of the gateway's namespace (platform:ingressNamespace, so not a fixed key of <see cref="Rules"/>): the
    /// proxies take traffic from anywhere — they are the platform's front door, behind a LoadBalancer Service; the
    /// controller's xDS port (18000) is reached by the proxies in the same namespace, which the same-namespace rule admits;
    /// the controller's topology webhook is called by the API server, like every other platform webhook.
    /// </summary>
    public static readonly ImmutableArray<PlatformIngressRule> GatewayRules =
    [
        PlatformIngressRule.Of("allow-gateway-listeners", "clients outside and inside the cluster reach apps through the gateway's proxies (Envoy listens on 10080/10443 for the Gateway's 80/443)",
            IngressSource.Anywhere, [Practices.Delivery.PlatformGateway.ProxyHttpPort, Practices.Delivery.PlatformGateway.ProxyHttpsPort],
            Practices.Delivery.PlatformGateway.ProxyPods),
        PlatformIngressRule.Of("allow-topology-webhook", "the API server calls Envoy Gateway's topology injector (chart v1.9.0 topologyInjector.enabled: a mutating webhook on pods/binding in this namespace, envoy-gateway Service port 9443)",
            IngressSource.Anywhere, [Practices.Delivery.PlatformGateway.TopologyWebhookPort], Practices.Delivery.PlatformGateway.ControllerPods),
    ];

    /// <summary>The documented clients of a platform namespace of this stack.</summary>
    public static ImmutableArray<PlatformIngressRule> RulesFor(PlatformConfig config, string ns) =>
        ns == config.IngressNamespace ? GatewayRules
        : Rules.TryGetValue(ns, out var rules) ? rules
        : throw new InvalidOperationException($"platform namespace '{ns}' has no documented ingress rules; add it to {nameof(PlatformNetworkPolicies)}.{nameof(Rules)}");

    private const string ApplicationObservabilityNamespace = Practices.Availability.ApplicationObservability.Namespace;
    private static readonly ImmutableSortedDictionary<string, string> NoPods = ImmutableSortedDictionary<string, string>.Empty;

    private const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    /// <summary>Whether platform namespaces get NetworkPolicies: while the tenant-isolating practice is built.</summary>
    public static bool AppliesTo(ComponentBuilder component) =>
        component.Implements(WellKnown.BasicTrafficFiltering) || component.Implements(WellKnown.AdvancedTrafficFiltering);

    /// <summary>Adds the namespace's policies, with the provenance of the traffic filtering practice built (Basic, or Advanced from Level 4).</summary>
    public static void Add(ComponentBuilder component, string ns)
    {
        var rules = RulesFor(component.Config, ns);
        if (!AppliesTo(component))
            return;
        var practice = Model.MaturityModel.Default.Practice(component.Implements(WellKnown.AdvancedTrafficFiltering)
            ? WellKnown.AdvancedTrafficFiltering
            : WellKnown.BasicTrafficFiltering);
        var provenance = new Provenance(practice.Name, Math.Max(practice.FirstLevel, component.Provenance.Level));

        if (component.Config.IsStaged(Enforcements.PlatformNetworkDefaultDeny))
            AddPolicy(component, ns, StagedAllowAll, provenance, NoPods, new V1NetworkPolicyIngressRule());
        else
            AddPolicy(component, ns, DefaultDeny, provenance, NoPods, null);
        // The monitoring namespace's own pods talk freely, except to the tenant proxies (Grafana and the controllers querying for tenants, below).
        var sameNamespace = ns == MonitoringNamespace
            ? new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = TenantProxyPods.Key, OperatorProperty = "NotIn", Values = [TenantProxyPods.Value] }] }
            : new V1LabelSelector();
        AddPolicy(component, ns, AllowSameNamespace, provenance, NoPods,
            new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() }] }, sameNamespace);
        if (component.HasMonitoring && ns != MonitoringNamespace)
            AddPolicy(component, ns, AllowPrometheusScrapes, provenance, NoPods,
                new V1NetworkPolicyIngressRule { FromProperty = [Peer(component.Config, IngressSource.PodsIn(MonitoringNamespace, PrometheusPods))] });
        foreach (var rule in rules)
            AddPolicy(component, ns, rule.Name, provenance, rule.Pods, Rule(component.Config, rule.From, rule.Ports));
        var clients = rules.Select(r => $"{r.Name} (port {string.Join('/', r.Ports)}: {r.Why})");
        component.Note($"Namespace {ns} admits ingress from its own pods{(component.HasMonitoring && ns != MonitoringNamespace ? ", Prometheus scrapes" : "")}" +
                       (rules.IsEmpty ? " only." : $" and: {string.Join("; ", clients)}.") +
                       (component.Config.IsStaged(Enforcements.PlatformNetworkDefaultDeny)
                           ? $" Staged: {StagedAllowAll} still admits everything until pmctl upgrade {component.Config.Stack} --promote."
                           : $" Everything else is dropped ({DefaultDeny})."));
    }

    /// <summary>
    /// A documented client a practice adds to another component's namespace from its own level (e.g. OpenCost querying
    /// Prometheus from Level 4), with that practice's provenance; nothing while platform namespaces get no policies.
    /// </summary>
    public static void AddClientPolicy(ComponentBuilder component, string ns, PlatformIngressRule rule)
    {
        if (!AppliesTo(component))
            return;
        AddPolicy(component, ns, rule.Name, component.Provenance, rule.Pods, Rule(component.Config, rule.From, rule.Ports));
        component.Note($"Namespace {ns} also admits {rule.Name} (port {string.Join('/', rule.Ports)}: {rule.Why}).");
    }

    /// <summary>The policy admitting only the proxies' clients (Grafana, the controllers that query for tenants) to one tenant's Prometheus proxy.</summary>
    public static void AddTenantProxyPolicy(ComponentBuilder component, string name, IReadOnlyDictionary<string, string> proxyPods,
        IEnumerable<Practices.Availability.TenantMetricsProxies.Client> clients)
    {
        if (!AppliesTo(component))
            return;
        AddPolicy(component, MonitoringNamespace, name, component.Provenance, proxyPods, new V1NetworkPolicyIngressRule
        {
            FromProperty = [.. clients.Select(c => Peer(component.Config, c.Pods))],
            Ports = [new V1NetworkPolicyPort { Protocol = "TCP", Port = TenantProxyPort }],
        });
    }

    private static V1NetworkPolicyIngressRule Rule(PlatformConfig config, IngressSource from, IEnumerable<int> ports) => new()
    {
        FromProperty = from.Kind == IngressSourceKind.Anywhere ? null : [Peer(config, from)],
        Ports = [.. ports.Select(p => new V1NetworkPolicyPort { Protocol = "TCP", Port = p })],
    };

    private static V1NetworkPolicyPeer Peer(PlatformConfig config, IngressSource from) => from.Kind switch
    {
        IngressSourceKind.Tenants => new V1NetworkPolicyPeer
        {
            NamespaceSelector = new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = Practices.Availability.HardMultiTenancy.TenantLabel, OperatorProperty = "Exists" }] },
        },
        _ => new V1NetworkPolicyPeer
        {
            NamespaceSelector = ByName(from.Namespace!),
            PodSelector = from.Pods is { Count: > 0 } pods ? new V1LabelSelector { MatchLabels = new Dictionary<string, string>(pods) } : null,
        },
    };

    private static V1LabelSelector ByName(string ns) => new() { MatchLabels = new Dictionary<string, string> { [NamespaceNameLabel] = ns } };

    private static void AddPolicy(ComponentBuilder component, string ns, string name, Provenance provenance,
        IReadOnlyDictionary<string, string> pods, V1NetworkPolicyIngressRule? rule, V1LabelSelector? podSelector = null) =>
        component.AddObject(new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = podSelector ?? new V1LabelSelector { MatchLabels = pods.Count == 0 ? null : new Dictionary<string, string>(pods) },
                PolicyTypes = ["Ingress"],
                Ingress = rule is null ? null : [rule],
            },
        }, provenance);
}
