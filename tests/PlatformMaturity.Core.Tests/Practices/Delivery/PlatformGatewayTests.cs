using System.Text.Json.Nodes;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Delivery;

/// <summary>The platform gateway: apps can be reached from outside at every level, through routes from tenants only.</summary>
public sealed class PlatformGatewayTests
{
    [Theory]
    [MemberData(nameof(AllLevelsAndTargets), MemberType = typeof(Composition.TestConfigs))]
    public void Every_level_has_the_shared_gateway_with_an_http_listener_admitting_routes_from_tenant_namespaces_only(DeploymentTarget target, int level)
    {
        var graph = Compose(For(target, level));
        var gateway = Spec(graph, "Gateway", graph.Config.IngressNamespace, PlatformGateway.GatewayName);
        Assert.Equal(PlatformGateway.GatewayClassName, gateway["gatewayClassName"]!.GetValue<string>());
        var listener = Assert.Single(gateway["listeners"]!.AsArray());
        Assert.Equal(("HTTP", 80), (listener!["protocol"]!.GetValue<string>(), listener["port"]!.GetValue<int>()));

        // The selector, evaluated over every namespace the platform creates, picks exactly the tenants'.
        var admitted = Namespaces(graph).Where(ns => Matches(listener["allowedRoutes"]!["namespaces"]!["selector"]!, ns.Labels)).Select(ns => ns.Name);
        Assert.Equal(Tenants.Select(t => t.Name).Order(), admitted.Order());
        Assert.Equal("Selector", listener["allowedRoutes"]!["namespaces"]!["from"]!.GetValue<string>());
        Assert.Equal(["HTTPRoute"], listener["allowedRoutes"]!["kinds"]!.AsArray().Select(k => k!["kind"]!.GetValue<string>()));

        var gatewayClass = Spec(graph, "GatewayClass", null, PlatformGateway.GatewayClassName);
        Assert.Equal(PlatformGateway.ControllerName, gatewayClass["controllerName"]!.GetValue<string>());
        Assert.Equal(PlatformGateway.ControllerName, graph.Release(PlatformGateway.ReleaseName).Values.Get("config.envoyGateway.gateway.controllerName"));
        var proxyConfig = gatewayClass["parametersRef"]!;
        Spec(graph, "EnvoyProxy", proxyConfig["namespace"]!.GetValue<string>(), proxyConfig["name"]!.GetValue<string>());
        Assert.Empty(graph.SchemaErrors());
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing, 1)]
    [InlineData(DeploymentTarget.Azure, 3)]
    public void The_gateway_lives_in_the_configured_ingress_namespace_that_tenant_network_policies_admit(DeploymentTarget target, int level)
    {
        var graph = Compose(For(target, level) with { IngressNamespace = "edge" });
        Spec(graph, "Gateway", "edge", PlatformGateway.GatewayName);
        Assert.Equal("edge", graph.Release(PlatformGateway.ReleaseName).Namespace);
        Assert.Contains(Namespaces(graph), ns => ns.Name == "edge");
    }

    [Fact]
    public void Https_is_added_only_when_a_hostname_and_a_cert_manager_issuer_are_configured()
    {
        var plain = Compose(Existing(2));
        Assert.DoesNotContain(Spec(plain, "Gateway", "gateway-system", PlatformGateway.GatewayName)["listeners"]!.AsArray(),
            l => l!["protocol"]!.GetValue<string>() == "HTTPS");

        var graph = Compose(Azure(3) with { GatewayHostname = "*.apps.example.com", GatewayClusterIssuer = "letsencrypt-prod" });
        var gateway = graph.Object("Gateway", "gateway-system", PlatformGateway.GatewayName);
        Assert.Equal("letsencrypt-prod", gateway.Object.Metadata.Annotations[PlatformGateway.CertManagerClusterIssuerAnnotation]);
        var listeners = ((CustomObject)gateway.Object).Spec!["listeners"]!.AsArray();
        var https = Assert.Single(listeners, l => l!["protocol"]!.GetValue<string>() == "HTTPS")!;
        Assert.Equal(443, https["port"]!.GetValue<int>());
        Assert.Equal("*.apps.example.com", https["hostname"]!.GetValue<string>());
        Assert.Equal("Terminate", https["tls"]!["mode"]!.GetValue<string>());
        Assert.Equal(PlatformGateway.TlsSecretName, Assert.Single(https["tls"]!["certificateRefs"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(listeners[0]!["allowedRoutes"], https["allowedRoutes"]));
        Assert.Empty(graph.SchemaErrors());
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Hostname_and_issuer_come_together_and_are_validated(DeploymentTarget target)
    {
        var hostOnly = Parse(target, (ConfigKeys.GatewayHostname, "apps.example.com"));
        Assert.Equal(ConfigKeys.GatewayClusterIssuer.FullName, Assert.Single(hostOnly.Problems).Key);
        var issuerOnly = Parse(target, (ConfigKeys.GatewayClusterIssuer, "letsencrypt"));
        Assert.Equal(ConfigKeys.GatewayHostname.FullName, Assert.Single(issuerOnly.Problems).Key);
        foreach (var bad in new[] { "Apps.Example.com", "apps..example.com", "*", "a.*.example.com", "-apps.example.com", "http://apps.example.com" })
        {
            var result = Parse(target, (ConfigKeys.GatewayHostname, bad), (ConfigKeys.GatewayClusterIssuer, "letsencrypt"));
            Assert.Contains(result.Problems, p => p.Key == ConfigKeys.GatewayHostname.FullName && p.Message.Contains($"'{bad}'", StringComparison.Ordinal));
        }
        var valid = Parse(target, (ConfigKeys.GatewayHostname, "*.apps.example.com"), (ConfigKeys.GatewayClusterIssuer, "letsencrypt"));
        Assert.True(valid.IsValid, string.Join("; ", valid.Problems.Select(p => p.Message)));
        Assert.True(valid.Config!.GatewayHttps);
    }

    [Theory]
    [MemberData(nameof(AllLevelsAndTargets), MemberType = typeof(Composition.TestConfigs))]
    public void Teams_bound_to_edit_can_apply_the_httproutes_golden_paths_emit_and_viewers_read_them(DeploymentTarget target, int level)
    {
        // Envoy Gateway v1.9.0's chart aggregates nothing into the built-in roles, and tenants get edit (view for
        // auditors): without the platform's aggregated roles, kubectl apply -k of an exposed app is forbidden.
        var roles = Compose(For(target, level)).Resources.OfType<KubernetesResource>().Select(r => r.Object).OfType<k8s.Models.V1ClusterRole>().ToList();
        bool grants(string aggregateTo, string verb) => roles.Any(r =>
            r.Metadata.Labels is { } labels && labels.TryGetValue($"rbac.authorization.k8s.io/aggregate-to-{aggregateTo}", out var on) && on == "true" &&
            r.Rules?.Any(rule => rule.ApiGroups.Contains(PlatformGateway.GatewayApiGroup) && rule.Resources.Contains("httproutes") && rule.Verbs.Contains(verb)) == true);
        Assert.All(new[] { "get", "list", "watch", "create", "update", "patch", "delete" }, verb => Assert.True(grants("edit", verb), $"edit lacks {verb} httproutes"));
        Assert.True(grants("admin", "create"));
        Assert.True(grants("view", "list"));
        Assert.False(grants("view", "create"));
        // Only routes: a team's Gateway or ReferenceGrant is not theirs to make.
        // (Aggregated persona roles carry no rules of their own: the controller fills them.)
        Assert.DoesNotContain(roles, r => (r.Rules ?? []).Any(rule => rule.ApiGroups.Contains(PlatformGateway.GatewayApiGroup) && rule.Resources.Any(res => res != "httproutes")));
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing, 2)]
    [InlineData(DeploymentTarget.Azure, 3)]
    public void The_api_server_reaches_envoy_gateways_topology_webhook_through_the_gateway_namespace_policies(DeploymentTarget target, int level)
    {
        // Chart v1.9.0 enables topologyInjector: a MutatingWebhookConfiguration on pods/binding in its namespace, served by
        // the envoy-gateway Service's port 9443 (failurePolicy Ignore: blocked, every proxy pod's binding waits for the timeout).
        var graph = Compose(For(target, level));
        var policies = graph.Resources.OfType<KubernetesResource>().Select(r => r.Object).OfType<k8s.Models.V1NetworkPolicy>()
            .Where(p => p.Metadata.NamespaceProperty == graph.Config.IngressNamespace).ToList();
        Assert.Contains(policies, p =>
            p.Spec.PodSelector.MatchLabels is { } pods && pods.TryGetValue("control-plane", out var v) && v == "envoy-gateway" &&
            p.Spec.Ingress.Any(rule => rule.FromProperty is null && rule.Ports.Any(port => port.Port.Value == "9443")));
    }

    [Fact]
    public void A_tenant_cannot_share_the_gateway_namespace()
    {
        var result = Parse(DeploymentTarget.Existing, (ConfigKeys.IngressNamespace, "team-a"));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ConfigKeys.IngressNamespace.FullName, problem.Key);
        Assert.Contains("'team-a' is a tenant's namespace", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllLevelsAndTargets), MemberType = typeof(Composition.TestConfigs))]
    public void Envoy_gateway_is_pinned_with_every_image_and_runs_two_replicas_with_disruption_budgets(DeploymentTarget target, int level)
    {
        var graph = Compose(For(target, level));
        var release = graph.Release(PlatformGateway.ReleaseName);
        Assert.Equal(Pins.EnvoyGateway, release.Chart);
        Assert.Matches(@"^v\d+\.\d+\.\d+$", release.Chart.Version);
        Assert.Contains(PlatformGateway.GatewayApiGroup, release.ProvidesApiGroups);
        string[] images = [.. new[] { "envoyGateway", "envoyProxy", "ratelimit" }.Select(i => (string)release.Values.Get($"global.images.{i}.image")!)];
        Assert.Equal([Pins.EnvoyGatewayImage, Pins.EnvoyProxyImage, Pins.EnvoyRateLimitImage], images);
        Assert.All(images, image => Assert.Matches(@"^docker\.io/envoyproxy/[a-z]+:[A-Za-z0-9.-]+$", image));
        Assert.All(images, image => Assert.DoesNotContain("latest", image, StringComparison.Ordinal));
        Assert.Equal(2, release.Values.Get("deployment.replicas"));
        Assert.Equal(1, release.Values.Get("podDisruptionBudget.minAvailable"));

        var proxy = Spec(graph, "EnvoyProxy", graph.Config.IngressNamespace, PlatformGateway.ProxyConfigName)["provider"]!["kubernetes"]!;
        Assert.Equal(Pins.EnvoyProxyImage, proxy["envoyDeployment"]!["container"]!["image"]!.GetValue<string>());
        Assert.Equal(2, proxy["envoyDeployment"]!["replicas"]!.GetValue<int>());
        Assert.Equal(1, proxy["envoyPDB"]!["minAvailable"]!.GetValue<int>());
        Assert.Equal("LoadBalancer", proxy["envoyService"]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing, 3)]
    [InlineData(DeploymentTarget.Azure, 3)]
    [InlineData(DeploymentTarget.Existing, 5)]
    public void Once_platform_namespaces_get_pod_security_the_gateway_namespace_is_restricted_and_the_controller_complies(DeploymentTarget target, int level)
    {
        var graph = Compose(For(target, level));
        var ns = Namespaces(graph).Single(n => n.Name == graph.Config.IngressNamespace);
        var podSecurity = ns.Labels.Where(l => l.Key is PodSecurity.Enforce or PodSecurity.Audit or PodSecurity.Warn).ToList();
        Assert.NotEmpty(podSecurity);
        Assert.All(podSecurity, l => Assert.Equal("restricted", l.Value));

        var values = graph.Release(PlatformGateway.ReleaseName).Values;
        Assert.Equal(false, values.Get("deployment.envoyGateway.securityContext.allowPrivilegeEscalation"));
        Assert.Equal(true, values.Get("deployment.envoyGateway.securityContext.runAsNonRoot"));
        Assert.Equal(["ALL"], ((System.Collections.IEnumerable)values.Get("deployment.envoyGateway.securityContext.capabilities.drop")!).Cast<object>().Select(o => o.ToString()));
        Assert.Equal("RuntimeDefault", values.Get("deployment.envoyGateway.securityContext.seccompProfile.type"));
        Assert.Equal("RuntimeDefault", values.Get("deployment.pod.securityContext.seccompProfile.type"));
    }

    [Fact]
    public void Levels_one_to_three_keep_it_in_basic_delivery_processes_and_level_four_in_advanced_without_moving_it()
    {
        var byLevel = Enumerable.Range(1, 5).Select(level => Compose(Existing(level)).Object("Gateway", "gateway-system", PlatformGateway.GatewayName)).ToList();
        Assert.All(byLevel.Take(3), g => Assert.Equal("Basic Delivery Processes", g.Provenance.Source));
        Assert.All(byLevel.Skip(3), g => Assert.Equal(("Advanced Delivery Processes", 4), (g.Provenance.Source, g.Provenance.Level)));
    }

    private static ConfigParseResult Parse(DeploymentTarget target, params (ConfigKey Key, string Value)[] values)
    {
        var raw = RawConfig.Empty("test")
            .With(ConfigKeys.Level, 1)
            .With(ConfigKeys.Target, ConfigNames.Of(target))
            .With(ConfigKeys.Tenants, new JsonArray(new JsonObject { ["name"] = "team-a" }));
        if (target == DeploymentTarget.Azure)
            raw = raw.With(ConfigKeys.Regions, new JsonArray("westeurope"));
        foreach (var (key, value) in values)
            raw = raw.With(key, value);
        return PlatformConfigParser.Parse(raw);
    }

    private static JsonObject Spec(PlatformGraph graph, string kind, string? ns, string name) =>
        Assert.IsType<CustomObject>(graph.Object(kind, ns, name).Object).Spec!;

    /// <summary>Every namespace the graph creates, with the labels it will carry (Kubernetes adds kubernetes.io/metadata.name).</summary>
    private static IEnumerable<(string Name, IDictionary<string, string> Labels)> Namespaces(PlatformGraph graph) =>
        graph.Resources.OfType<KubernetesResource>().Where(r => r.Kind == "Namespace").Select(r =>
        {
            var labels = new Dictionary<string, string>(r.Object.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
            {
                [PlatformGateway.NamespaceNameLabel] = r.ObjectName,
            };
            return (r.ObjectName, (IDictionary<string, string>)labels);
        });

    /// <summary>A Kubernetes label selector (matchLabels and matchExpressions) applied to a set of labels.</summary>
    private static bool Matches(JsonNode selector, IDictionary<string, string> labels)
    {
        var matchLabels = selector["matchLabels"]?.AsObject() ?? [];
        var expressions = selector["matchExpressions"]?.AsArray() ?? [];
        return matchLabels.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value!.GetValue<string>())
            && expressions.All(e =>
            {
                var key = e!["key"]!.GetValue<string>();
                var values = e["values"]?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? [];
                return e["operator"]!.GetValue<string>() switch
                {
                    "In" => labels.TryGetValue(key, out var v) && values.Contains(v),
                    "NotIn" => !labels.TryGetValue(key, out var v) || !values.Contains(v),
                    "Exists" => labels.ContainsKey(key),
                    "DoesNotExist" => !labels.ContainsKey(key),
                    var op => throw new InvalidOperationException($"unknown operator {op}"),
                };
            });
    }
}
