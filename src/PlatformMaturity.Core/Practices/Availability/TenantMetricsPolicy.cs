using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// What a tenant's objects that platform controllers run on its behalf may query. The Argo Rollouts controller and the
/// KEDA operator are shared: they reach every tenant's Prometheus proxy, so an AnalysisTemplate or ScaledObject naming
/// another tenant's proxy would read that tenant's metrics. A ValidatingAdmissionPolicy on tenant namespaces holds them
/// to their own proxy (<see cref="TenantMetricsProxies.Url(string)"/>), staged as <see cref="Enforcements.TenantMetricsAddress"/>.
/// </summary>
/// <remarks>
/// Fields checked (argoproj.io/v1alpha1 AnalysisTemplate/AnalysisRun spec.metrics[].provider, keda.sh/v1alpha1
/// ScaledObject/ScaledJob spec.triggers[]): an external or external-push trigger's scalerAddress must be the KEDA HTTP
/// add-on's scaler (<see cref="Efficiency.KedaHttpAddOn.ScalerAddress"/>, which answers only for routes of the trigger's
/// own namespace); a prometheus provider's address and a prometheus trigger's serverAddress must be
/// exactly the namespace's proxy (an argument placeholder such as {{args.x}} is refused too, as it could name any
/// address); the web provider and the metrics-api trigger, which GET any URL from the controller, must use https — the
/// proxies speak plain HTTP, and the controllers reach no other platform endpoint (PlatformNetworkPolicies).
/// </remarks>
public static class TenantMetricsPolicy
{
    public const string PolicyName = "platform-tenant-metrics-address";

    public static readonly string[] AnalysisKinds = ["AnalysisTemplate", "AnalysisRun"];
    public static readonly string[] ScalerKinds = ["ScaledObject", "ScaledJob"];

    /// <summary>Adds the policy and its binding to the tenant namespaces, when a controller queries the proxies for tenants.</summary>
    public static void Add(ComponentBuilder component)
    {
        var config = component.Config;
        var analyses = component.Implements(Delivery.AdvancedDeliveryProcesses.PracticeName);
        var scalers = component.Implements(Efficiency.AdvancedApplicationAutoscaling.PracticeName);
        var monitors = component.Implements(WellKnown.AdvancedPlatformMonitoring);
        if ((!analyses && !scalers && !monitors) || config.Tenants.IsDefaultOrEmpty)
            return;
        var proxy = TenantMetricsProxies.Url("<namespace>");
        component.AddObject(new V1ValidatingAdmissionPolicy
        {
            ApiVersion = "admissionregistration.k8s.io/v1",
            Kind = "ValidatingAdmissionPolicy",
            Metadata = new V1ObjectMeta { Name = PolicyName },
            Spec = new V1ValidatingAdmissionPolicySpec
            {
                FailurePolicy = "Fail",
                MatchConstraints = new V1MatchResources
                {
                    ResourceRules =
                    [
                        Rule("argoproj.io", "analysistemplates", "analysisruns"),
                        Rule("keda.sh", "scaledobjects", "scaledjobs"),
                        Rule("monitoring.coreos.com", TenantMonitors.Resources),
                    ],
                },
                Variables =
                [
                    // request.namespace, not object.metadata.namespace: a client may leave the latter empty.
                    new V1Variable { Name = "proxy", Expression = TenantMetricsProxies.UrlExpression("request.namespace") },
                ],
                Validations =
                [
                    new V1Validation
                    {
                        Expression = $"!(request.kind.kind in {CelList(AnalysisKinds)}) || !has(object.spec.metrics) || object.spec.metrics.all(m, !has(m.provider) || (" +
                                     "(!has(m.provider.prometheus) || (has(m.provider.prometheus.address) && m.provider.prometheus.address == variables.proxy))" +
                                     " && (!has(m.provider.web) || (has(m.provider.web.url) && m.provider.web.url.startsWith('https://')))))",
                        Message = $"an analysis's prometheus provider must query this namespace's own proxy, address {proxy}, and a web provider an https URL: other addresses could read other tenants' metrics",
                        Reason = "Forbidden",
                    },
                    new V1Validation
                    {
                        Expression = $"!(request.kind.kind in {CelList(ScalerKinds)}) || !has(object.spec.triggers) || object.spec.triggers.all(t, " +
                                     "(t.type != 'prometheus' || (has(t.metadata) && has(t.metadata.serverAddress) && t.metadata.serverAddress == variables.proxy))" +
                                     " && (t.type != 'metrics-api' || (has(t.metadata) && has(t.metadata.url) && t.metadata.url.startsWith('https://')))" +
                                     $" && (!(t.type in ['external', 'external-push']) || (has(t.metadata) && has(t.metadata.scalerAddress) && t.metadata.scalerAddress == '{Efficiency.KedaHttpAddOn.ScalerAddress}')))",
                        Message = $"a prometheus trigger's serverAddress must be this namespace's own proxy, {proxy}, a metrics-api trigger's url https, and an external trigger's scalerAddress the KEDA HTTP add-on's scaler, {Efficiency.KedaHttpAddOn.ScalerAddress}: other addresses could read other tenants' metrics or reach platform endpoints",
                        Reason = "Forbidden",
                    },
                    new V1Validation
                    {
                        Expression = $"!(request.kind.kind in {CelList(MonitorKinds)}) || !has(object.spec.namespaceSelector) || " +
                                     "((!has(object.spec.namespaceSelector.any) || !object.spec.namespaceSelector.any) && " +
                                     "(!has(object.spec.namespaceSelector.matchNames) || object.spec.namespaceSelector.matchNames.all(n, n == request.namespace)))",
                        Message = "a monitor may select targets in its own namespace only (namespaceSelector: leave it out, or matchNames: [<namespace>])",
                        Reason = "Forbidden",
                    },
                    new V1Validation
                    {
                        Expression = $"request.kind.kind != 'ServiceMonitor' || !has(object.spec.endpoints) || object.spec.endpoints.all(e, {SafeEndpoint})",
                        Message = UnsafeEndpointMessage,
                        Reason = "Forbidden",
                    },
                    new V1Validation
                    {
                        Expression = $"request.kind.kind != 'PodMonitor' || !has(object.spec.podMetricsEndpoints) || object.spec.podMetricsEndpoints.all(e, {SafeEndpoint})",
                        Message = UnsafeEndpointMessage,
                        Reason = "Forbidden",
                    },
                ],
            },
        });
        var staged = component.IsStaged(Enforcements.TenantMetricsAddress);
        component.AddObject(PlatformObjects.TenantPolicyBinding(PolicyName, config, staged));
        component.Note(staged
            ? $"Staged ({Enforcements.TenantMetricsAddress} in platform:staged): tenant AnalysisTemplates/ScaledObjects querying anything but their own proxy ({proxy}) are admitted with a warning and an audit annotation; fix them, then enforce with pmctl upgrade {config.Stack} --promote."
            : $"Tenant AnalysisTemplates, AnalysisRuns, ScaledObjects and ScaledJobs may query Prometheus only through their own proxy ({proxy}); others are refused ({PolicyName}).");
    }

    public static readonly string[] MonitorKinds = ["ServiceMonitor", "PodMonitor"];

    /// <summary>
    /// CEL over a monitor endpoint <c>e</c>: Prometheus scrapes the tenant's own pods and nothing else. Refused: files of
    /// the Prometheus pod (bearerTokenFile, TLS caFile/certFile/keyFile: its service-account token, its keys), a proxy
    /// (proxyUrl, proxyFromEnvironment) and redirects (followRedirects must be false), which would make Prometheus fetch
    /// a platform endpoint and store the answer under the tenant's namespace, and relabelings that rewrite the target
    /// (__address__, __scheme__, __metrics_path__, __param_*; labelmap can write them too).
    /// </summary>
    private const string SafeEndpoint =
        "!has(e.bearerTokenFile) && !has(e.proxyUrl) && (!has(e.proxyFromEnvironment) || !e.proxyFromEnvironment)" +
        " && has(e.followRedirects) && !e.followRedirects" +
        " && (!has(e.tlsConfig) || (!has(e.tlsConfig.caFile) && !has(e.tlsConfig.certFile) && !has(e.tlsConfig.keyFile)))" +
        " && (!has(e.relabelings) || e.relabelings.all(r, (!has(r.targetLabel) || !r.targetLabel.startsWith('__')) && (!has(r.action) || !(r.action in ['labelmap', 'LabelMap']))))";

    private const string UnsafeEndpointMessage =
        "a monitor endpoint must set followRedirects: false and may not use bearerTokenFile, TLS files, proxyUrl/proxyFromEnvironment or relabelings that rewrite the target (__address__, __scheme__, __metrics_path__, __param_*, labelmap): Prometheus would scrape or read beyond the tenant's pods";

    private static V1NamedRuleWithOperations Rule(string group, params string[] resources) => new()
    {
        ApiGroups = [group],
        ApiVersions = ["*"],
        Operations = ["CREATE", "UPDATE"],
        Resources = resources,
    };

    private static string CelList(IEnumerable<string> items) => $"[{string.Join(", ", items.Select(i => $"'{i}'"))}]";
}
