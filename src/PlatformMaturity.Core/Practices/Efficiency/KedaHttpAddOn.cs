using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>
/// Level 5 serverless (Advanced Application Autoscaling): the KEDA HTTP add-on, its own chart beside the KEDA the platform
/// already runs (the keda chart on existing, the AKS add-on on azure). An app scales to zero with an InterceptorRoute
/// (http.keda.sh/v1beta1; the HTTPScaledObject is deprecated) and a ScaledObject whose external-push trigger names the
/// route and the add-on's scaler. Requests reach the app through the interceptor, which holds them while the app starts:
/// the gateway routes to the interceptor's Service in the keda namespace, allowed by a ReferenceGrant there and a
/// NetworkPolicy on the interceptor pods.
/// </summary>
public static class KedaHttpAddOn
{
    public const string ReleaseName = "keda-add-ons-http";

    /// <summary>
    /// The add-on's own namespace, apart from KEDA's: its interceptor joins the mesh (the namespace carries the mesh
    /// revision once All traffic encrypted is built) to reach tenant pods whose PeerAuthentication is STRICT, while KEDA's
    /// operator, webhooks and metrics API server stay out of it.
    /// </summary>
    public const string Namespace = "keda-http";

    public const string ApiGroup = "http.keda.sh";

    /// <summary>Resource names are the chart's name plus the component (chart 0.15.0 uses .Chart.Name, not the release name).</summary>
    private const string ChartName = "keda-add-ons-http";

    /// <summary>The interceptor's proxy Service and port (chart interceptor.proxy.service / interceptor.proxy.port).</summary>
    public const string InterceptorService = ChartName + "-interceptor-proxy";

    public const int InterceptorPort = 8080;

    /// <summary>The external scaler's Service and gRPC port (chart scaler.service / scaler.grpcPort) that KEDA's operator calls.</summary>
    public const string ScalerService = ChartName + "-external-scaler";

    public const int ScalerPort = 9090;

    /// <summary>
    /// The one address a tenant ScaledObject's external-push trigger may name (TenantMetricsPolicy holds it): the add-on's
    /// scaler, which answers only for the InterceptorRoute of the ScaledObject's own namespace.
    /// </summary>
    public static readonly string ScalerAddress = $"{ScalerService}.{Namespace}:{ScalerPort}";

    /// <summary>The interceptor pods (chart templates/interceptor/deployment.yaml labels).</summary>
    public static readonly (string Key, string Value)[] InterceptorPods = [("app.kubernetes.io/component", "interceptor"), ("app.kubernetes.io/name", "http-add-on")];

    /// <summary>The external scaler pods (chart templates/scaler/deployment.yaml labels).</summary>
    public static readonly (string Key, string Value)[] ScalerPods = [("app.kubernetes.io/component", "scaler"), ("app.kubernetes.io/name", "http-add-on")];

    public const string ReferenceGrantName = "tenant-routes-to-interceptor";
    public const string GatewayPolicyName = "allow-gateway-to-interceptor";

    public static void Add(ComponentBuilder component, Provenance provenance)
    {
        var config = component.Config;
        component.AddPlatformNamespace(Namespace, provenance);
        if (component.Implements(Security.AllTrafficEncrypted.PracticeName))
        {
            // Sidecars (set up by Istio CNI, restricted-compatible) give the interceptor mesh identity and mutual TLS to tenant pods.
            component.ContributeObject<V1Namespace>(Foundation.TenantNamespace(Namespace),
                ns => ns.Metadata.Labels[Security.AllTrafficEncrypted.RevisionLabel] = Security.AllTrafficEncrypted.Revision(config), provenance);
        }
        var values = HelmValues.From(
            ("images.tag", Pins.KedaHttpAddOnImageTag),
            ("operator.pullPolicy", "IfNotPresent"),
            ("scaler.pullPolicy", "IfNotPresent"),
            ("interceptor.pullPolicy", "IfNotPresent"),
            ("interceptor.pdb.enabled", true),
            // Restricted Pod Security: the chart's defaults drop capabilities and forbid escalation but set neither
            // runAsNonRoot nor a seccomp profile (values.yaml securityContext/podSecurityContext, passed through whole).
            ("podSecurityContext.runAsNonRoot", true),
            ("podSecurityContext.runAsUser", 1000),
            ("podSecurityContext.runAsGroup", 1000),
            ("podSecurityContext.seccompProfile.type", "RuntimeDefault"),
            // Teams create InterceptorRoutes in their namespaces through the edit role they hold.
            ("rbac.aggregateToDefaultRoles", true));
        string[] afterKeda = config.IsAzure ? [] : [AdvancedApplicationAutoscaling.KedaRelease];
        component.AddRelease(ReleaseName, Namespace, Pins.KedaHttpAddOn, values, provenance,
            providesApiGroups: [ApiGroup], dependsOn: afterKeda, createNamespace: false);

        // Routes of tenant namespaces may send to the interceptor's Service (Gateway API cross-namespace reference);
        // a grant must name at least one namespace, so a platform without tenants has none.
        if (!config.Tenants.IsDefaultOrEmpty)
        {
            component.AddObject(new CustomObject
            {
                // v1 is served by the Gateway API bundle the pinned Envoy Gateway v1.9.0 installs (v1beta1 too, as storage).
                ApiVersion = Delivery.PlatformGateway.GatewayApiGroup + "/v1",
                Kind = "ReferenceGrant",
                Metadata = new V1ObjectMeta { Name = ReferenceGrantName, NamespaceProperty = Namespace },
                Spec = new System.Text.Json.Nodes.JsonObject
                {
                    ["from"] = new System.Text.Json.Nodes.JsonArray([.. config.Tenants.Select(t => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
                    {
                        ["group"] = Delivery.PlatformGateway.GatewayApiGroup, ["kind"] = "HTTPRoute", ["namespace"] = t.Name,
                    })]),
                    ["to"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["group"] = "", ["kind"] = "Service", ["name"] = InterceptorService }),
                },
            }, provenance);
        }

        // The gateway's proxies reach the interceptor (its namespace is config, so not a fixed PlatformNetworkPolicies rule).
        if (PlatformNetworkPolicies.AppliesTo(component))
        {
            component.AddObject(new V1NetworkPolicy
            {
                ApiVersion = "networking.k8s.io/v1",
                Kind = "NetworkPolicy",
                Metadata = new V1ObjectMeta { Name = GatewayPolicyName, NamespaceProperty = Namespace },
                Spec = new V1NetworkPolicySpec
                {
                    PodSelector = new V1LabelSelector { MatchLabels = InterceptorPods.ToDictionary(p => p.Key, p => p.Value) },
                    PolicyTypes = ["Ingress"],
                    Ingress =
                    [
                        new V1NetworkPolicyIngressRule
                        {
                            FromProperty = [new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = config.IngressNamespace } } }],
                            Ports = [new V1NetworkPolicyPort { Port = InterceptorPort, Protocol = "TCP" }],
                        },
                    ],
                },
            }, provenance);
        }
        component.Note($"Scale an HTTP app to zero: an InterceptorRoute (http.keda.sh/v1beta1) for its Service and a ScaledObject with minReplicaCount 0 and an external-push trigger (scalerAddress {ScalerAddress}, interceptorRoute: <route>); route the app's host to {InterceptorService}.{Namespace}:{InterceptorPort} (the event-driven-function golden path does all three).");
    }
}
