using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>
/// Hard multi-tenancy against the platform's own components: from a tenant's pods, with any labels, the platform
/// Services reachable through the rendered NetworkPolicies are exactly the documented set; platform clients still
/// reach what they need.
/// </summary>
public sealed class PlatformNamespaceIsolationTests
{
    /// <summary>
    /// The Services the charts create at the pinned versions, with their pods' selector labels and target ports (read
    /// from the charts' templates: kube-prometheus-stack 88.5.3, loki 18.11.0, tempo, alloy, opentelemetry-operator,
    /// velero, trivy-operator, argo-rollouts, keda 2.20.2, external-secrets 2.9.0, vpa 5.0.0), plus cluster DNS.
    /// Kept here, apart from the policies, so the test does not read its answer from the code under test.
    /// </summary>
    private static readonly Endpoint[] Services =
    [
        new("kube-system", "kube-dns", 53, L(("k8s-app", "kube-dns"))),
        new("monitoring", "kube-prometheus-stack-prometheus", 9090, L(("app.kubernetes.io/name", "prometheus"))),
        new("monitoring", "kube-prometheus-stack-alertmanager", 9093, L(("app.kubernetes.io/name", "alertmanager"))),
        new("monitoring", "kube-prometheus-stack-grafana", 3000, L(("app.kubernetes.io/name", "grafana"))),
        new("monitoring", "kube-prometheus-stack-operator", 10250, L(("app", "kube-prometheus-stack-operator"))),
        new("monitoring", "kube-prometheus-stack-kube-state-metrics", 8080, L(("app.kubernetes.io/name", "kube-state-metrics"))),
        // The tenants' Prometheus proxies (the example stacks' tenants team-a and team-b).
        new("monitoring", "prom-label-proxy-team-a", 8080, L(("app.kubernetes.io/name", "prom-label-proxy"), ("app.kubernetes.io/instance", "team-a"))),
        new("monitoring", "prom-label-proxy-team-b", 8080, L(("app.kubernetes.io/name", "prom-label-proxy"), ("app.kubernetes.io/instance", "team-b"))),
        new("loki", "loki", 3100, L(("app.kubernetes.io/name", "loki"), ("app.kubernetes.io/component", "single-binary"))),
        new("loki", "loki", 9095, L(("app.kubernetes.io/name", "loki"), ("app.kubernetes.io/component", "single-binary"))),
        new("alloy", "alloy", 12345, L(("app.kubernetes.io/name", "alloy"))),
        new("tempo", "tempo", 3200, L(("app.kubernetes.io/name", "tempo"))),
        new("tempo", "tempo", 4317, L(("app.kubernetes.io/name", "tempo"))),
        new("opentelemetry-operator-system", "platform-collector", 4317, L(("app.kubernetes.io/component", "opentelemetry-collector"))),
        new("opentelemetry-operator-system", "platform-collector", 4318, L(("app.kubernetes.io/component", "opentelemetry-collector"))),
        new("opentelemetry-operator-system", "platform-collector-monitoring", 8888, L(("app.kubernetes.io/component", "opentelemetry-collector"))),
        new("opentelemetry-operator-system", "opentelemetry-operator-webhook", 9443, L(("app.kubernetes.io/name", "opentelemetry-operator"))),
        new("opentelemetry-operator-system", "opentelemetry-operator", 8443, L(("app.kubernetes.io/name", "opentelemetry-operator"))),
        new("velero", "velero", 8085, L(("app.kubernetes.io/name", "velero"))),
        new("trivy-system", "trivy-operator", 8080, L(("app.kubernetes.io/name", "trivy-operator"))),
        new("trivy-system", "trivy-service", 4954, L(("app.kubernetes.io/name", "trivy-server"))),
        new("argo-rollouts", "argo-rollouts-metrics", 8090, L(("app.kubernetes.io/name", "argo-rollouts"))),
        new("keda", "keda-admission-webhooks", 9443, L(("app", "keda-admission-webhooks"))),
        new("keda", "keda-operator-metrics-apiserver", 6443, L(("app", "keda-operator-metrics-apiserver"))),
        new("keda", "keda-operator", 9666, L(("app", "keda-operator"))),
        new("external-secrets", "external-secrets-webhook", 10250, L(("app.kubernetes.io/name", "external-secrets-webhook"))),
        new("external-secrets", "external-secrets-metrics", 8080, L(("app.kubernetes.io/name", "external-secrets"))),
        new("vpa", "vpa-recommender", 8942, L(("app.kubernetes.io/component", "recommender"))),
        // Envoy Gateway v1.9.0: the controller (xDS 18000, metrics 19001) and the proxies it runs for the Gateway.
        new("gateway-system", "envoy-gateway", 18000, L(("control-plane", "envoy-gateway"), ("app.kubernetes.io/name", "gateway-helm"))),
        new("gateway-system", "envoy-platform", 10080, L(("app.kubernetes.io/name", "envoy"), ("app.kubernetes.io/component", "proxy"))),
        new("gateway-system", "envoy-platform", 10443, L(("app.kubernetes.io/name", "envoy"), ("app.kubernetes.io/component", "proxy"))),
        new("gateway-system", "envoy-platform-metrics", 19001, L(("app.kubernetes.io/name", "envoy"), ("app.kubernetes.io/component", "proxy"))),
    ];

    /// <summary>
    /// What a tenant may reach in the platform: the OTLP collector, cluster DNS, and admission-webhook / aggregated-API
    /// ports, which are open from anywhere because the API server's source address is not a pod (see PlatformNetworkPolicies).
    /// </summary>
    private static readonly string[] TenantReachable =
    [
        "kube-system/kube-dns:53",
        "monitoring/kube-prometheus-stack-operator:10250",
        "opentelemetry-operator-system/platform-collector:4317",
        "opentelemetry-operator-system/platform-collector:4318",
        "opentelemetry-operator-system/opentelemetry-operator-webhook:9443",
        "keda/keda-admission-webhooks:9443",
        "keda/keda-operator-metrics-apiserver:6443",
        "external-secrets/external-secrets-webhook:10250",
        "gateway-system/envoy-platform:10080",
        "gateway-system/envoy-platform:10443",
    ];

    public static TheoryData<string> Stacks => ["l2-existing", "l2-azure", "l3-existing", "l3-azure"];

    [Theory]
    [MemberData(nameof(Stacks))]
    public void A_tenant_reaches_exactly_the_documented_platform_services(string stack)
    {
        var (config, graph) = Compose(stack);
        var evaluator = NetworkPolicyEvaluator.Of(graph, PlatformNamespaces.KubeSystem);
        var present = Services.Where(s => evaluator.NamespaceExists(s.Namespace)).ToList();
        foreach (var tenant in config.Tenants)
        {
            var reached = present.Where(s => evaluator.Allows(new Source(tenant.Name), s)).Select(s => s.ToString()).Order(StringComparer.Ordinal);
            Assert.Equal(TenantReachable.Where(r => present.Any(s => s.ToString() == r)).Order(StringComparer.Ordinal), reached);
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_platform_namespace_the_stack_creates_denies_ingress_by_default_and_is_covered_here(string stack)
    {
        var (_, graph) = Compose(stack);
        var platform = graph.Resources.OfType<KubernetesResource>().Select(r => r.Object).OfType<V1Namespace>()
            .Select(n => n.Metadata.Name).Where(PlatformNamespaces.IsPlatformNamespace).ToList();
        Assert.NotEmpty(platform);
        foreach (var ns in platform)
        {
            var deny = graph.Typed<V1NetworkPolicy>("NetworkPolicy", ns, PlatformNetworkPolicies.DefaultDeny);
            Assert.Empty(deny.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
            Assert.Null(deny.Spec.Ingress);
            Assert.True(ns == "platform-secrets" || Services.Any(s => s.Namespace == ns), $"no Service of {ns} is in this test's catalog");
        }
        Assert.DoesNotContain(graph.Resources.OfType<KubernetesResource>(), r => r.Kind == "NetworkPolicy"
            && (r.Namespace == PlatformNamespaces.KubeSystem || r.Namespace!.StartsWith("aks-istio", StringComparison.Ordinal) || r.Namespace == "gatekeeper-system"));
    }

    [Fact]
    public void Platform_clients_still_reach_what_they_need_and_nothing_else_of_the_monitoring_namespace()
    {
        var (config, graph) = Compose("l3-existing");
        var evaluator = NetworkPolicyEvaluator.Of(graph, config.IngressNamespace);
        var grafana = new Source("monitoring", L(("app.kubernetes.io/name", "grafana")));
        var prometheus = new Source("monitoring", L(("app.kubernetes.io/name", "prometheus")));
        var collector = new Source("opentelemetry-operator-system", L(("app.kubernetes.io/component", "opentelemetry-collector")));
        var alloy = new Source("alloy", L(("app.kubernetes.io/name", "alloy")));

        Assert.True(evaluator.Allows(alloy, Service("loki", 3100)));
        Assert.True(evaluator.Allows(grafana, Service("loki", 3100)));
        Assert.True(evaluator.Allows(grafana, Service("tempo", 3200)));
        Assert.True(evaluator.Allows(collector, Service("tempo", 4317)));
        Assert.True(evaluator.Allows(collector, Service("kube-prometheus-stack-prometheus", 9090)));
        Assert.False(evaluator.Allows(collector, Service("kube-prometheus-stack-alertmanager", 9093)));
        Assert.False(evaluator.Allows(collector, Service("loki", 3100)));
        Assert.True(evaluator.Allows(grafana, Service("kube-prometheus-stack-prometheus", 9090)));
        Assert.True(evaluator.Allows(grafana, Service("kube-prometheus-stack-alertmanager", 9093)));
        // Nothing routes to Grafana through the gateway (people port-forward), so the gateway's namespace does not reach it.
        Assert.False(evaluator.Allows(new Source(config.IngressNamespace), Service("kube-prometheus-stack-grafana", 3000)));
        Assert.False(evaluator.Allows(new Source(config.IngressNamespace), Service("kube-prometheus-stack-prometheus", 9090)));
        // Prometheus scrapes every platform namespace's metrics ports (the proxies are no scrape target: Grafana and the controllers only).
        Assert.False(evaluator.Allows(prometheus, Service("prom-label-proxy-team-a", 8080)));
        foreach (var target in Services.Where(s => s.Namespace != "kube-system" && evaluator.NamespaceExists(s.Namespace) && !s.Service.StartsWith("prom-label-proxy-", StringComparison.Ordinal)))
            Assert.True(evaluator.Allows(prometheus, target), $"Prometheus cannot scrape {target}");
    }

    /// <summary>The controllers that run tenants' canary analyses and KEDA triggers (pod labels from the charts at the pinned versions).</summary>
    private static Source[] MetricsControllers(PlatformConfig config) =>
    [
        new("argo-rollouts", L(("app.kubernetes.io/name", "argo-rollouts"), ("app.kubernetes.io/instance", "argo-rollouts"), ("app.kubernetes.io/component", "rollouts-controller"))),
        new(config.IsAzure ? "kube-system" : "keda", L(("app", "keda-operator"), ("name", "keda-operator"), ("app.kubernetes.io/name", "keda-operator"))),
    ];

    [Theory]
    [InlineData("l3-existing")]
    [InlineData("l3-azure")]
    public void A_tenants_analyses_and_scalers_reach_its_proxy_through_the_controllers_and_nothing_else_of_monitoring(string stack)
    {
        var (config, graph) = Compose(stack);
        var evaluator = NetworkPolicyEvaluator.Of(graph, PlatformNamespaces.KubeSystem);
        var monitoring = Services.Where(s => s.Namespace == "monitoring").ToList();
        foreach (var controller in MetricsControllers(config))
        {
            foreach (var tenant in config.Tenants)
            {
                // The address a tenant's AnalysisTemplate / ScaledObject names is a Service of the graph in front of the proxy pods.
                var url = new Uri(TenantMetricsProxies.Url(tenant.Name));
                var host = url.Host.Split('.');
                var service = graph.Typed<V1Service>("Service", host[1], host[0]);
                Assert.Equal(url.Port, Assert.Single(service.Spec.Ports).Port);
                var proxy = Service(host[0], url.Port);
                Assert.True(AdmissionSelects(service.Spec.Selector, proxy.Pods), $"{url} does not select the proxy pods");
                Assert.True(evaluator.Allows(controller, proxy), $"{controller.Namespace} cannot reach {proxy}");
            }
            // Never Prometheus, Alertmanager or Grafana themselves: the proxies are the only way in.
            Assert.All(monitoring.Where(s => !s.Service.StartsWith("prom-label-proxy-", StringComparison.Ordinal) && s.Service != "kube-prometheus-stack-operator"),
                s => Assert.False(evaluator.Allows(controller, s), $"{controller.Namespace} reaches {s}"));
        }
        // Other pods of the controllers' namespaces (and the tenants themselves, see above) do not reach the proxies.
        Assert.False(evaluator.Allows(new Source("argo-rollouts", L(("app.kubernetes.io/name", "argo-rollouts-dashboard"))), Service("prom-label-proxy-team-a", 8080)));
    }

    private static bool AdmissionSelects(IDictionary<string, string> selector, IReadOnlyDictionary<string, string> pods) =>
        selector.All(s => pods.TryGetValue(s.Key, out var v) && v == s.Value);

    [Fact]
    public void Staged_platform_default_deny_keeps_the_allow_policies_and_drops_nothing_yet()
    {
        var (config, graph) = Compose("l3-existing");
        var staged = Composer.Default.Compose(config with { Staged = [Enforcements.PlatformNetworkDefaultDeny] });
        var deny = graph.Resources.Where(r => r.Name.EndsWith("-" + PlatformNetworkPolicies.DefaultDeny, StringComparison.Ordinal)).Select(r => r.Name).ToList();
        var allowAll = staged.Resources.Where(r => r.Name.EndsWith("-" + PlatformNetworkPolicies.StagedAllowAll, StringComparison.Ordinal)).Select(r => r.Name).ToList();
        Assert.NotEmpty(deny);
        Assert.Equal(deny.Count, allowAll.Count);
        Assert.Equal(graph.Resources.Select(r => r.Name).Except(deny).Order(StringComparer.Ordinal),
            staged.Resources.Select(r => r.Name).Except(allowAll).Order(StringComparer.Ordinal));
        // While staged nothing is dropped (the allow policies alone would already isolate the pods they select).
        var evaluator = NetworkPolicyEvaluator.Of(staged, PlatformNamespaces.KubeSystem);
        var tenant = new Source("team-a");
        Assert.All(Services.Where(s => evaluator.NamespaceExists(s.Namespace)), s => Assert.True(evaluator.Allows(tenant, s), s.ToString()));
        Assert.Empty(staged.SchemaErrors());
    }

    [Fact]
    public void Level_1_has_no_platform_network_policies()
    {
        var config = TestConfigsFor("l2-existing") with { Level = 1 };
        var graph = Composer.Default.Compose(config);
        Assert.DoesNotContain(graph.Resources.OfType<KubernetesResource>(), r => r.Kind == "NetworkPolicy");
    }

    private static Endpoint Service(string name, int port) =>
        Services.Single(s => s.Service == name && s.Port == port);

    private static (PlatformConfig Config, PlatformGraph Graph) Compose(string stack)
    {
        var config = TestConfigsFor(stack);
        return (config, Composer.Default.Compose(config));
    }

    private static PlatformConfig TestConfigsFor(string stack) =>
        PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, stack), stack), stack);

    private static Dictionary<string, string> L(params (string Key, string Value)[] labels) =>
        labels.ToDictionary(l => l.Key, l => l.Value);
}
