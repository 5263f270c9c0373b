using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// The platform gateway: how applications are reached from outside the cluster, from Level 1. Gateway API with Envoy
/// Gateway (ingress-nginx is retired; AKS's App Routing Gateway API mode is preview and not settable through
/// Pulumi.Azure 6.39), the same on both targets: the controller from its pinned chart in platform:ingressNamespace,
/// one GatewayClass, and one shared Gateway whose proxies get a LoadBalancer Service. Tenant apps attach HTTPRoutes
/// (golden paths emit them). Basic Delivery Processes owns it (Levels 1–3: delivering an app includes reaching it);
/// Advanced Delivery Processes takes the same objects over when Basic is superseded (Level 4), so no upgrade
/// removes it.
/// Chart values checked against envoyproxy/gateway tag v1.9.0 (39763b1c) charts/gateway-helm/values.tmpl.yaml (the
/// chart has no values.schema.json); the proxy's security context against internal/infrastructure/kubernetes/proxy/resource.go.
/// </summary>
public static class PlatformGateway
{
    public const string ReleaseName = "envoy-gateway";

    /// <summary>The GatewayClass every platform Gateway uses.</summary>
    public const string GatewayClassName = "platform";

    /// <summary>The shared Gateway tenant HTTPRoutes attach to (in platform:ingressNamespace).</summary>
    public const string GatewayName = "platform";

    /// <summary>Envoy Gateway's configuration of the Gateway's proxies (replicas, PDB, resources).</summary>
    public const string ProxyConfigName = "platform-proxy";

    /// <summary>Secret cert-manager writes the HTTPS listener's certificate to (when HTTPS is configured).</summary>
    public const string TlsSecretName = "platform-gateway-tls";

    /// <summary>Container ports of the Envoy proxies for the Gateway's ports 80 and 443 (Envoy Gateway maps privileged ports up by 10000).</summary>
    public const int ProxyHttpPort = 10080;

    public const int ProxyHttpsPort = 10443;

    /// <summary>Pod label Envoy Gateway sets on the proxy pods it runs for a Gateway.</summary>
    public static readonly (string Key, string Value) ProxyPods = ("app.kubernetes.io/name", "envoy");

    /// <summary>Pod label of the Envoy Gateway controller (chart v1.9.0 envoy-gateway-deployment.yaml selector).</summary>
    public static readonly (string Key, string Value) ControllerPods = ("control-plane", "envoy-gateway");

    /// <summary>The controller's topology-injector webhook port (chart v1.9.0 envoy-gateway-service.yaml, port and targetPort 9443).</summary>
    public const int TopologyWebhookPort = 9443;

    /// <summary>Aggregated into the built-in edit/admin and view roles: tenant teams apply and read their apps' HTTPRoutes.</summary>
    public const string RoutesEditRoleName = "platform-gateway-httproutes-edit";

    public const string RoutesViewRoleName = "platform-gateway-httproutes-view";

    public const string HttpListener = "http";
    public const string HttpsListener = "https";

    public const string ControllerName = "gateway.envoyproxy.io/gatewayclass-controller";

    /// <summary>cert-manager's Gateway API integration issues a Certificate for each HTTPS listener of a Gateway annotated so.</summary>
    public const string CertManagerClusterIssuerAnnotation = "cert-manager.io/cluster-issuer";

    /// <summary>The label Kubernetes sets on every namespace to its name; selects the tenants before Hard multi-tenancy labels them.</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    public const string GatewayApiGroup = "gateway.networking.k8s.io";

    /// <summary>The practice that labels tenant namespaces with <see cref="HardMultiTenancy.TenantLabel"/>.</summary>
    private const string HardMultiTenancyPractice = "Hard multi-tenancy";
    public const string EnvoyGatewayApiGroup = "gateway.envoyproxy.io";

    /// <summary>Why the gateway namespace can enforce restricted (applied once Restricted Container Runtime is in effect).</summary>
    public static readonly PlatformNamespacePodSecurity PodSecurity = new(PodSecurityLevel.Restricted,
        "the Envoy Gateway controller and certgen job run as 65532, read-only, without capabilities, with RuntimeDefault seccomp (chart values); " +
        "the proxy pods it creates (envoy, shutdown-manager) do the same except a writable root filesystem, and listen on unprivileged ports (80 and 443 map to 10080 and 10443)");

    /// <summary>What the practices that own the gateway say about it in describe.</summary>
    public static string Description =>
        $"Envoy Gateway (chart {Pins.EnvoyGateway.Version}, Gateway API {Pins.GatewayApiVersion} CRDs from the chart, 2 controller and 2 proxy replicas with PodDisruptionBudgets) " +
        $"in platform:ingressNamespace: GatewayClass {GatewayClassName} and a shared Gateway {GatewayName} behind a LoadBalancer, HTTP on port 80, HTTPS on 443 when platform:gatewayHostname " +
        "and platform:gatewayClusterIssuer name a cert-manager ClusterIssuer; routes only from tenant namespaces";

    /// <summary>Adds the gateway's namespace, release, GatewayClass, proxy configuration and Gateway.</summary>
    public static void Add(ComponentBuilder component, Provenance? provenance = null)
    {
        var config = component.Config;
        var ns = config.IngressNamespace;
        component.AddPlatformNamespace(ns, PodSecurity, provenance);
        component.AddRelease(ReleaseName, ns, Pins.EnvoyGateway, Values(), provenance,
            providesApiGroups: [GatewayApiGroup, EnvoyGatewayApiGroup], createNamespace: false);
        component.AddObject(ProxyConfig(ns), provenance);
        component.AddObject(GatewayClass(ns), provenance);
        component.AddObject(Gateway(component), provenance);
        // Envoy Gateway v1.9.0's chart aggregates no Gateway API rights into the built-in roles (later versions add
        // k8s-roles-extension.yaml, with every resource of both groups); teams get exactly HTTPRoutes, the only kind the
        // Gateway's listeners admit, and neither Gateways nor ReferenceGrants.
        component.AddObject(PlatformObjects.AggregatedRole(RoutesEditRoleName, ["edit", "admin"], GatewayApiGroup, "httproutes",
            ["get", "list", "watch", "create", "update", "patch", "delete"]), provenance);
        component.AddObject(PlatformObjects.AggregatedRole(RoutesViewRoleName, ["view"], GatewayApiGroup, "httproutes", ["get", "list", "watch"]), provenance);
        if (component.HasMonitoring)
        {
            component.AddObject(ControllerMetrics(ns), provenance);
            component.AddObject(ProxyMetrics(ns), provenance);
        }

        component.Note($"Apps are reached through the Gateway {ns}/{GatewayName}: its address is kubectl get gateway {GatewayName} -n {ns} -o jsonpath='{{.status.addresses[0].value}}'.");
        component.Note($"Expose an app with an HTTPRoute in its tenant namespace whose parentRefs name Gateway {GatewayName} in namespace {ns} (golden paths: --set host=<hostname>); only tenant namespaces may attach routes.");
        component.Note(config.GatewayHttps
            ? $"HTTPS on port 443 for {config.GatewayHostname}: cert-manager (installed by you, with Gateway API support: config enableGatewayAPI) issues Secret {TlsSecretName} from ClusterIssuer {config.GatewayClusterIssuer}."
            : "HTTP only: set platform:gatewayHostname and platform:gatewayClusterIssuer (a cert-manager ClusterIssuer; the platform does not install cert-manager at this level) to add an HTTPS listener.");
        component.Note($"The chart installs the Gateway API {Pins.GatewayApiVersion} CRDs it bundles (experimental channel, a superset of standard; the platform's objects use standard fields only).");
    }

    private static HelmValues Values() => HelmValues.From(
            // Images pinned here, not left to the chart's template defaults; the shutdown manager runs the gateway image.
            ("global.images.envoyGateway.image", Pins.EnvoyGatewayImage),
            ("global.images.envoyProxy.image", Pins.EnvoyProxyImage),
            ("global.images.ratelimit.image", Pins.EnvoyRateLimitImage),
            ("crds.enabled", true),
            ("deployment.replicas", 2),
            ("podDisruptionBudget.minAvailable", 1),
            ("deployment.envoyGateway.resources.requests.cpu", "100m"),
            ("deployment.envoyGateway.resources.requests.memory", "256Mi"),
            ("deployment.envoyGateway.resources.limits.memory", "1024Mi"),
            ("deployment.envoyGateway.securityContext.allowPrivilegeEscalation", false),
            ("deployment.envoyGateway.securityContext.capabilities.drop", new[] { "ALL" }),
            ("deployment.envoyGateway.securityContext.privileged", false),
            ("deployment.envoyGateway.securityContext.readOnlyRootFilesystem", true),
            ("deployment.envoyGateway.securityContext.runAsNonRoot", true),
            ("deployment.envoyGateway.securityContext.runAsUser", 65532),
            ("deployment.envoyGateway.securityContext.runAsGroup", 65532),
            ("deployment.envoyGateway.securityContext.seccompProfile.type", "RuntimeDefault"),
            ("deployment.pod.securityContext.runAsNonRoot", true),
            ("deployment.pod.securityContext.seccompProfile.type", "RuntimeDefault"),
            ("config.envoyGateway.gateway.controllerName", ControllerName));

    /// <summary>
    /// The proxies' Deployment, PodDisruptionBudget and Service. No Azure health-probe annotation is needed: the Service
    /// keeps externalTrafficPolicy Local (Envoy Gateway's default, set explicitly), for which the Azure load balancer
    /// probes the Service's health-check node port (answered by the node, healthy where a proxy pod runs), and Envoy
    /// Gateway sets no appProtocol on the ports, so no HTTP probe of "/" (404 without a matching route) is derived.
    /// </summary>
    private static CustomObject ProxyConfig(string ns)
    {
        var service = new JsonObject { ["type"] = "LoadBalancer", ["externalTrafficPolicy"] = "Local" };
        return new CustomObject
        {
            ApiVersion = $"{EnvoyGatewayApiGroup}/v1alpha1",
            Kind = "EnvoyProxy",
            Metadata = new V1ObjectMeta { Name = ProxyConfigName, NamespaceProperty = ns },
            Spec = new JsonObject
            {
                ["provider"] = new JsonObject
                {
                    ["type"] = "Kubernetes",
                    ["kubernetes"] = new JsonObject
                    {
                        ["envoyDeployment"] = new JsonObject
                        {
                            ["replicas"] = 2,
                            ["container"] = new JsonObject
                            {
                                ["image"] = Pins.EnvoyProxyImage,
                                ["resources"] = new JsonObject
                                {
                                    ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" },
                                    ["limits"] = new JsonObject { ["memory"] = "1Gi" },
                                },
                            },
                        },
                        ["envoyPDB"] = new JsonObject { ["minAvailable"] = 1 },
                        ["envoyService"] = service,
                    },
                },
            },
        };
    }

    private static CustomObject GatewayClass(string ns) => new()
    {
        ApiVersion = $"{GatewayApiGroup}/v1",
        Kind = "GatewayClass",
        Metadata = new V1ObjectMeta { Name = GatewayClassName },
        Spec = new JsonObject
        {
            ["controllerName"] = ControllerName,
            ["parametersRef"] = new JsonObject
            {
                ["group"] = EnvoyGatewayApiGroup,
                ["kind"] = "EnvoyProxy",
                ["name"] = ProxyConfigName,
                ["namespace"] = ns,
            },
        },
    };

    private static CustomObject Gateway(ComponentBuilder component)
    {
        var config = component.Config;
        var allowedRoutes = new JsonObject
        {
            ["namespaces"] = new JsonObject { ["from"] = "Selector", ["selector"] = TenantNamespaces(component) },
            ["kinds"] = new JsonArray(new JsonObject { ["group"] = GatewayApiGroup, ["kind"] = "HTTPRoute" }),
        };
        var listeners = new JsonArray(new JsonObject
        {
            ["name"] = HttpListener,
            ["protocol"] = "HTTP",
            ["port"] = 80,
            ["allowedRoutes"] = allowedRoutes.DeepClone(),
        });
        var metadata = new V1ObjectMeta { Name = GatewayName, NamespaceProperty = config.IngressNamespace };
        if (config.GatewayHttps)
        {
            listeners.Add(new JsonObject
            {
                ["name"] = HttpsListener,
                ["protocol"] = "HTTPS",
                ["port"] = 443,
                ["hostname"] = config.GatewayHostname,
                ["tls"] = new JsonObject
                {
                    ["mode"] = "Terminate",
                    ["certificateRefs"] = new JsonArray(new JsonObject { ["kind"] = "Secret", ["name"] = TlsSecretName }),
                },
                ["allowedRoutes"] = allowedRoutes.DeepClone(),
            });
            metadata.Annotations = new Dictionary<string, string> { [CertManagerClusterIssuerAnnotation] = config.GatewayClusterIssuer! };
        }
        return new CustomObject
        {
            ApiVersion = $"{GatewayApiGroup}/v1",
            Kind = "Gateway",
            Metadata = metadata,
            Spec = new JsonObject { ["gatewayClassName"] = GatewayClassName, ["listeners"] = listeners },
        };
    }

    /// <summary>
    /// Tenant namespaces only: the tenant label Hard multi-tenancy sets (from Level 2); before it, the tenants' names
    /// (the label Kubernetes sets on every namespace). With no tenant, the tenant label, which no namespace carries yet.
    /// </summary>
    public static JsonObject TenantNamespaces(ComponentBuilder component)
    {
        var tenants = component.Config.Tenants.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        if (component.Implements(HardMultiTenancyPractice) || tenants.Count == 0)
            return new JsonObject
            {
                ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = HardMultiTenancy.TenantLabel, ["operator"] = "Exists" }),
            };
        return new JsonObject
        {
            ["matchExpressions"] = new JsonArray(new JsonObject
            {
                ["key"] = NamespaceNameLabel,
                ["operator"] = "In",
                ["values"] = new JsonArray([.. tenants.Select(t => (JsonNode)JsonValue.Create(t))]),
            }),
        };
    }

    private static CustomObject ControllerMetrics(string ns) => new()
    {
        ApiVersion = "monitoring.coreos.com/v1",
        Kind = "ServiceMonitor",
        Metadata = new V1ObjectMeta
        {
            Name = ReleaseName,
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string> { ["release"] = WellKnown.PrometheusStackRelease },
        },
        Spec = new JsonObject
        {
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["control-plane"] = "envoy-gateway" } },
            ["endpoints"] = new JsonArray(new JsonObject { ["port"] = "metrics" }),
        },
    };

    /// <summary>The proxies serve Envoy's statistics on their "metrics" port (19001).</summary>
    private static CustomObject ProxyMetrics(string ns) => new()
    {
        ApiVersion = "monitoring.coreos.com/v1",
        Kind = "PodMonitor",
        Metadata = new V1ObjectMeta
        {
            Name = $"{GatewayName}-proxy",
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string> { ["release"] = WellKnown.PrometheusStackRelease },
        },
        Spec = new JsonObject
        {
            ["selector"] = new JsonObject
            {
                ["matchLabels"] = new JsonObject
                {
                    ["app.kubernetes.io/component"] = "proxy",
                    ["app.kubernetes.io/managed-by"] = "envoy-gateway",
                },
            },
            ["podMetricsEndpoints"] = new JsonArray(new JsonObject { ["port"] = "metrics", ["path"] = "/stats/prometheus" }),
        },
    };
}
