using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Tests.Shared;
using PlatformMaturity.Versions;
using YamlDotNet.RepresentationModel;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>
/// The collector starts (its image has every component its config names), stores each tenant's traces as that
/// tenant, and the charts around it (Tempo, Prometheus, Grafana, Loki, metrics-server) are set as the platform needs.
/// </summary>
public partial class ApplicationObservabilityTests
{
    private static readonly string[] Kinds = ["receivers", "processors", "exporters", "connectors", "extensions"];

    private static string ComponentsFile => Path.Combine(TestPaths.RepositoryRoot,
        "src", "PlatformMaturity.Core", "Practices", "Availability", "otelcol-k8s-components.yaml");

    /// <summary>The pinned distribution's component types per kind, read from the committed copy of its manifest.</summary>
    private static (string Version, Dictionary<string, HashSet<string>> Types) Distribution()
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(ComponentsFile))
            yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var types = Kinds.ToDictionary(k => k, k => ((YamlSequenceNode)root[k]).Children
            .Select(c => ((YamlScalarNode)((YamlMappingNode)c)["type"]).Value!).ToHashSet(StringComparer.Ordinal));
        return (((YamlScalarNode)root["version"]).Value!, types);
    }

    private static IEnumerable<PlatformConfig> CollectorConfigs()
    {
        foreach (var target in Enum.GetValues<DeploymentTarget>())
        {
            for (var level = 3; level <= 5; level++)
                yield return For(target, level);
        }
        yield return Existing(3) with { TracesEndpoint = "traces.example.com:4317" };
        yield return Existing(3) with { Tenants = [] };
    }

    private static IEnumerable<CustomObject> Collectors(PlatformGraph graph) =>
        graph.Resources.OfType<KubernetesResource>().Select(r => r.Object).OfType<CustomObject>()
            .Where(o => o.Kind == "OpenTelemetryCollector");

    private static JsonObject Config(CustomObject collector) => collector.Spec!["config"]!.AsObject();

    private static string TypeOf(string id) => id.Split('/')[0];

    [Fact]
    public void The_component_list_is_the_pinned_distribution()
    {
        var (version, types) = Distribution();
        Assert.Equal(Pins.OpenTelemetryCollectorVersion, version);
        Assert.EndsWith($"/opentelemetry-collector-k8s:{version}", Pins.OpenTelemetryCollectorImage, StringComparison.Ordinal);
        // The finding: this distribution has no Prometheus exporters; the old OTLP type names are deprecated aliases.
        Assert.DoesNotContain("prometheus", types["exporters"]);
        Assert.DoesNotContain("prometheusremotewrite", types["exporters"]);
        Assert.Contains("routing", types["connectors"]);
        Assert.Contains("k8sattributes", types["processors"]);
    }

    [Fact]
    public void Every_component_of_every_rendered_collector_is_in_the_pinned_distribution()
    {
        var (_, types) = Distribution();
        var checkedCollectors = 0;
        foreach (var config in CollectorConfigs())
        {
            var graph = Compose(config);
            foreach (var collector in Collectors(graph))
            {
                checkedCollectors++;
                Assert.Equal(Pins.OpenTelemetryCollectorImage, (string?)collector.Spec!["image"]);
                var spec = Config(collector);
                foreach (var kind in Kinds)
                {
                    foreach (var (id, _) in spec[kind]?.AsObject() ?? [])
                        Assert.True(types[kind].Contains(TypeOf(id)), $"{kind} '{id}' is not in otelcol-k8s {Pins.OpenTelemetryCollectorVersion}");
                }
                AssertPipelinesUseDefinedComponents(spec);
            }
        }
        Assert.True(checkedCollectors >= 6, $"only {checkedCollectors} collectors checked");
    }

    /// <summary>A pipeline naming an undefined component stops the collector as surely as a missing one.</summary>
    private static void AssertPipelinesUseDefinedComponents(JsonObject spec)
    {
        bool Defined(string kind, string id) => spec[kind]?.AsObject().ContainsKey(id) == true;
        var service = spec["service"]!;
        foreach (var id in service["extensions"]?.AsArray().Select(e => (string)e!) ?? [])
            Assert.True(Defined("extensions", id), $"extension {id} is not configured");
        foreach (var (name, pipeline) in service["pipelines"]!.AsObject())
        {
            foreach (var id in pipeline!["receivers"]!.AsArray().Select(e => (string)e!))
                Assert.True(Defined("receivers", id) || Defined("connectors", id), $"{name}: receiver {id} is not configured");
            foreach (var id in pipeline["processors"]?.AsArray().Select(e => (string)e!) ?? [])
                Assert.True(Defined("processors", id), $"{name}: processor {id} is not configured");
            foreach (var id in pipeline["exporters"]!.AsArray().Select(e => (string)e!))
                Assert.True(Defined("exporters", id) || Defined("connectors", id), $"{name}: exporter {id} is not configured");
        }
    }

    [GeneratedRegex("""^attributes\["k8s\.namespace\.name"\] == "([a-z0-9-]+)"$""")]
    private static partial Regex NamespaceCondition();

    /// <summary>
    /// Where the collector's traces pipeline sends a span from <paramref name="ns"/>: follows the routing connector's
    /// table (resource conditions on the namespace), else its default pipelines, to the exporters' tenant headers.
    /// </summary>
    private static List<string> TenantsOf(JsonObject spec, string ns)
    {
        var traces = spec["service"]!["pipelines"]!["traces"]!;
        var router = Assert.Single(traces["exporters"]!.AsArray().Select(e => (string)e!));
        Assert.Equal("routing", TypeOf(router));
        var routing = spec["connectors"]![router]!;
        var pipelines = routing["table"]!.AsArray()
            .Where(route =>
            {
                Assert.Equal("resource", (string?)route!["context"]);
                var match = NamespaceCondition().Match((string)route["condition"]!);
                Assert.True(match.Success, $"unexpected route condition {route["condition"]}");
                return match.Groups[1].Value == ns;
            })
            .SelectMany(route => route!["pipelines"]!.AsArray().Select(p => (string)p!))
            .ToList();
        if (pipelines.Count == 0)
            pipelines = routing["default_pipelines"]!.AsArray().Select(p => (string)p!).ToList();
        return pipelines
            .SelectMany(p =>
            {
                var pipeline = spec["service"]!["pipelines"]![p]!;
                Assert.Contains(router, pipeline["receivers"]!.AsArray().Select(r => (string)r!));
                return pipeline["exporters"]!.AsArray().Select(e => (string)e!);
            })
            .Select(e => (string)spec["exporters"]![e]!["headers"]![ObservabilityTenants.Header]!)
            .ToList();
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Each_tenant_namespace_s_traces_go_to_tempo_as_that_tenant_and_everything_else_as_the_platform(DeploymentTarget target)
    {
        var graph = Compose(For(target, 3));
        var spec = Config(Assert.Single(Collectors(graph)));
        foreach (var tenant in Tenants)
            Assert.Equal([ObservabilityTenants.Of(tenant.Name)], TenantsOf(spec, tenant.Name));
        foreach (var other in new[] { WellKnown.MonitoringNamespace, ApplicationObservability.Namespace, "unknown" })
            Assert.Equal([ObservabilityTenants.Platform], TenantsOf(spec, other));

        // One exporter per tenant plus the platform's, each with its own header, all to Tempo's OTLP port.
        var exporters = spec["exporters"]!.AsObject().Where(e => TypeOf(e.Key) == "otlp_grpc").ToList();
        Assert.Equal(Tenants.Length + 1, exporters.Count);
        Assert.Equal(exporters.Count, exporters.Select(e => (string)e.Value!["headers"]![ObservabilityTenants.Header]!).Distinct().Count());
        Assert.All(exporters, e => Assert.Equal(ApplicationObservability.TempoOtlpEndpoint, (string?)e.Value!["endpoint"]));

        var tempo = Assert.IsType<HelmRelease>(graph.Resource(ApplicationObservability.TempoRelease));
        Assert.Equal(true, tempo.Values.Get("tempo.multitenancyEnabled"));
        Assert.Equal(false, tempo.Values.Get("tempo.reportingEnabled"));
        Assert.Equal("1.26.7", tempo.Chart.Version);
    }

    [Fact]
    public void The_tenant_comes_from_the_sending_pod_not_from_what_the_application_claims()
    {
        var graph = Compose(Existing(3));
        var spec = Config(Assert.Single(Collectors(graph)));
        var processors = spec["service"]!["pipelines"]!["traces"]!["processors"]!.AsArray().Select(p => (string)p!).ToList();
        var k8s = processors.IndexOf("k8sattributes");
        var untrusted = processors.FindIndex(p => TypeOf(p) == "resource"
            && spec["processors"]![p]!["attributes"]!.AsArray().Any(a =>
                (string?)a!["key"] == ApplicationObservability.NamespaceAttribute && (string?)a["action"] == "delete"));
        Assert.True(untrusted >= 0 && untrusted < k8s, "the sender's own k8s.namespace.name must be dropped before k8sattributes, which never overwrites it");
        Assert.True(k8s < processors.IndexOf("batch"), "k8sattributes needs the connection, which batching loses");
        var association = spec["processors"]!["k8sattributes"]!["pod_association"]!.AsArray();
        Assert.Equal("connection", (string?)Assert.Single(Assert.Single(association)!["sources"]!.AsArray())!["from"]);
        Assert.Contains(ApplicationObservability.NamespaceAttribute,
            spec["processors"]!["k8sattributes"]!["extract"]!["metadata"]!.AsArray().Select(m => (string)m!));

        // The operator names the collector's ServiceAccount <name>-collector; k8sattributes watches pods, namespaces, replicasets.
        var binding = graph.Resources.OfType<KubernetesResource>().Select(r => r.Object).OfType<V1ClusterRoleBinding>()
            .Single(b => b.Subjects.Any(s => s.Name == ApplicationObservability.CollectorServiceAccount && s.NamespaceProperty == ApplicationObservability.Namespace));
        var role = graph.Resources.OfType<KubernetesResource>().Select(r => r.Object).OfType<V1ClusterRole>().Single(r => r.Metadata.Name == binding.RoleRef.Name);
        foreach (var (group, resource) in new[] { ("", "pods"), ("", "namespaces"), ("apps", "replicasets") })
            Assert.Contains(role.Rules, r => r.ApiGroups.Contains(group) && r.Resources.Contains(resource) && new[] { "get", "list", "watch" }.All(r.Verbs.Contains));
    }

    [Fact]
    public void A_namespace_the_application_claims_never_reaches_prometheus_even_when_its_pod_is_not_found()
    {
        // Prometheus promotes the resource attribute "namespace" to the label each tenant's proxy filters on. The collector
        // copies it from k8s.namespace.name, which k8sattributes sets only when it finds the sending pod; the sender's own
        // value must be gone before that, or an unmatched sender writes series under another tenant's namespace.
        var spec = Config(Assert.Single(Collectors(Compose(Existing(3)))));
        var processors = spec["service"]!["pipelines"]!["metrics"]!["processors"]!.AsArray().Select(p => (string)p!).ToList();
        var copy = processors.FindIndex(p => TypeOf(p) == "resource" && spec["processors"]![p]!["attributes"]!.AsArray()
            .Any(a => (string?)a!["key"] == ApplicationObservability.NamespaceLabel && (string?)a["from_attribute"] == ApplicationObservability.NamespaceAttribute));
        Assert.True(copy >= 0);
        var deleted = processors.Take(copy).Where(p => TypeOf(p) == "resource").SelectMany(p => spec["processors"]![p]!["attributes"]!.AsArray())
            .Where(a => (string?)a!["action"] == "delete").Select(a => (string)a!["key"]!).ToList();
        Assert.Contains(ApplicationObservability.NamespaceLabel, deleted);
        Assert.Contains(ApplicationObservability.NamespaceAttribute, deleted);
    }

    /// <summary>
    /// An application in team-a sends OTLP metrics claiming team-b everywhere a label can come from: resource attributes
    /// (k8s.namespace.name, namespace, service.namespace) and data point attributes (namespace, job, instance). The metrics
    /// pipeline is run as the collector runs it (processors in order, their actions as documented by the contrib
    /// attributes/resource processors; k8sattributes adds the pod's namespace and never overwrites), and the series'
    /// labels derived as Prometheus's OTLP receiver does (data point attributes, promoted resource attributes unless a data
    /// point already has the label, job = service.namespace/service.name and instance = service.instance.id over both).
    /// </summary>
    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void No_label_of_an_otlp_series_names_a_tenant_the_application_claims(bool podFound, bool serviceName)
    {
        var graph = Compose(Existing(3));
        var spec = Config(Assert.Single(Collectors(graph)));
        var resource = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ApplicationObservability.NamespaceAttribute] = "team-b",
            ["namespace"] = "team-b",
            ["service.namespace"] = "team-b",
        };
        if (serviceName)
            resource["service.name"] = "shop";
        var point = new Dictionary<string, string>(StringComparer.Ordinal) { ["namespace"] = "team-b", ["job"] = "team-b/shop", ["instance"] = "team-b-shop-0" };

        foreach (var id in spec["service"]!["pipelines"]!["metrics"]!["processors"]!.AsArray().Select(p => (string)p!))
        {
            var processor = spec["processors"]![id]!;
            switch (TypeOf(id))
            {
                case "memory_limiter" or "batch":
                    break;
                case "k8sattributes":
                    if (podFound)
                        resource.TryAdd(ApplicationObservability.NamespaceAttribute, "team-a");
                    break;
                case "resource":
                    Apply(processor["attributes"]!.AsArray(), resource);
                    break;
                case "attributes":
                    Apply(processor["actions"]!.AsArray(), point);
                    break;
                default:
                    Assert.Fail($"this test does not know what processor {id} does");
                    break;
            }
        }

        var monitoring = Assert.IsType<HelmRelease>(graph.Resource(WellKnown.PrometheusStackRelease));
        var promoted = ((System.Collections.IEnumerable)monitoring.Values.Get("prometheus.prometheusSpec.otlp.promoteResourceAttributes")!).Cast<object>().Select(o => (string)o).ToList();
        var labels = point.ToDictionary(p => p.Key.Replace('.', '_'), p => p.Value, StringComparer.Ordinal);
        foreach (var attribute in promoted.Where(resource.ContainsKey))
            labels.TryAdd(attribute.Replace('.', '_'), resource[attribute]);
        if (resource.TryGetValue("service.name", out var name))
            labels["job"] = resource.TryGetValue("service.namespace", out var serviceNamespace) ? $"{serviceNamespace}/{name}" : name;
        if (resource.TryGetValue("service.instance.id", out var instance))
            labels["instance"] = instance;

        Assert.DoesNotContain(labels, l => l.Value.Contains("team-b", StringComparison.Ordinal));
        if (podFound)
        {
            Assert.Equal("team-a", labels["namespace"]);
            if (serviceName)
                Assert.Equal("team-a/shop", labels["job"]);
        }
        else
        {
            // No pod, no namespace label: the series is the platform's only (every tenant proxy requires namespace="<tenant>").
            Assert.False(labels.ContainsKey("namespace"));
        }

        static void Apply(JsonArray actions, Dictionary<string, string> attributes)
        {
            foreach (var action in actions.Select(a => a!))
            {
                var key = (string)action["key"]!;
                var value = action["from_attribute"] is { } from
                    ? attributes.GetValueOrDefault((string)from!)
                    : (string?)action["value"];
                switch ((string)action["action"]!)
                {
                    case "delete":
                        attributes.Remove(key);
                        break;
                    case "upsert" when value is not null:
                        attributes[key] = value;
                        break;
                    case "insert" when value is not null:
                        attributes.TryAdd(key, value);
                        break;
                    case "update" when value is not null && attributes.ContainsKey(key):
                        attributes[key] = value;
                        break;
                    case "upsert" or "insert" or "update":
                        break; // from an attribute that is missing: nothing
                    case var other:
                        Assert.Fail($"this test does not know the action {other}");
                        break;
                }
            }
        }
    }

    [Fact]
    public void Metrics_go_over_otlp_to_prometheus_which_has_its_otlp_receiver_on()
    {
        var graph = Compose(Existing(3));
        var spec = Config(Assert.Single(Collectors(graph)));
        var exporter = Assert.Single(spec["service"]!["pipelines"]!["metrics"]!["exporters"]!.AsArray().Select(e => (string)e!));
        Assert.Equal("otlp_http", TypeOf(exporter));
        Assert.Equal($"{MonitoringStack.PrometheusUrl}/api/v1/otlp", (string?)spec["exporters"]![exporter]!["endpoint"]);
        var monitoring = Assert.IsType<HelmRelease>(graph.Resource(WellKnown.PrometheusStackRelease));
        Assert.Equal(true, monitoring.Values.Get("prometheus.prometheusSpec.enableOTLPReceiver"));
        Assert.Equal("Application Observability", monitoring.ProvenanceOf("Values.prometheus.prometheusSpec.enableOTLPReceiver").Source);

        var operatorRelease = Assert.IsType<HelmRelease>(graph.Resource(ApplicationObservability.OperatorRelease));
        Assert.Equal(Pins.OpenTelemetryCollectorVersion, operatorRelease.Values.Get("manager.collectorImage.tag"));
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Every_endpoint_of_the_otlp_chain_is_a_port_the_receivers_listen_on_and_the_network_policies_admit(DeploymentTarget target)
    {
        // Tenants -> collector (Instrumentation endpoint, receiver ports), collector -> Tempo and Prometheus (exporter
        // endpoints): each hop's port is the one the destination's policy opens to that source, or the data is dropped.
        var graph = Compose(For(target, 3));
        var spec = Config(Assert.Single(Collectors(graph)));
        var receiverPorts = spec["receivers"]!["otlp"]!["protocols"]!.AsObject()
            .Select(p => int.Parse(((string)p.Value!["endpoint"]!).Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var policies = graph.Resources.OfType<KubernetesResource>().Select(r => r.Object).OfType<V1NetworkPolicy>().ToList();
        List<int> admitted(string ns, Func<V1NetworkPolicyPeer, bool> from) => [.. policies
            .Where(p => p.Metadata.NamespaceProperty == ns)
            .SelectMany(p => p.Spec.Ingress ?? [])
            .Where(rule => rule.FromProperty is { } peers && peers.Any(from))
            .SelectMany(rule => rule.Ports ?? [])
            .Select(port => int.Parse(port.Port.Value, System.Globalization.CultureInfo.InvariantCulture))];
        static bool namespaceIs(V1NetworkPolicyPeer peer, string ns) =>
            peer.NamespaceSelector?.MatchLabels is { } labels && labels.TryGetValue("kubernetes.io/metadata.name", out var name) && name == ns;
        static bool collector(V1NetworkPolicyPeer peer) => namespaceIs(peer, ApplicationObservability.Namespace) &&
            peer.PodSelector?.MatchLabels is { } pods && pods.TryGetValue(PlatformNetworkPolicies.CollectorPods.Key, out var v) && v == PlatformNetworkPolicies.CollectorPods.Value;

        var instrumentation = graph.Resources.OfType<KubernetesResource>().Select(r => r.Object).OfType<CustomObject>().First(o => o.Kind == "Instrumentation");
        var sent = new Uri((string)instrumentation.Spec!["exporter"]!["endpoint"]!);
        Assert.Equal($"{ApplicationObservability.CollectorName}-collector.{ApplicationObservability.Namespace}.svc", sent.Host);
        Assert.Contains(sent.Port, receiverPorts);
        var fromTenants = admitted(ApplicationObservability.Namespace, peer => peer.NamespaceSelector?.MatchExpressions is { } e && e.Any(x => x.Key == HardMultiTenancy.TenantLabel));
        Assert.All(receiverPorts, port => Assert.Contains(port, fromTenants));

        foreach (var (exporter, ns) in new[] { ("otlp_grpc/platform", ApplicationObservability.TempoNamespace), ("otlp_http/prometheus", WellKnown.MonitoringNamespace) })
        {
            var endpoint = (string)spec["exporters"]![exporter]!["endpoint"]!;
            var uri = new Uri(endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : "grpc://" + endpoint);
            Assert.EndsWith($".{ns}.svc", uri.Host, StringComparison.Ordinal);
            Assert.Contains(uri.Port, admitted(ns, collector));
        }
    }

    [Fact]
    public void The_platform_grafana_queries_traces_of_every_tenant()
    {
        var graph = Compose(Existing(3));
        var monitoring = Assert.IsType<HelmRelease>(graph.Resource(WellKnown.PrometheusStackRelease));
        var tempo = monitoring.Values.ToJson()["grafana"]!["additionalDataSources"]!.AsArray().Single(d => (string?)d!["uid"] == "tempo")!;
        Assert.Equal(ObservabilityTenants.Header, (string?)tempo["jsonData"]!["httpHeaderName1"]);
        var tenants = ((string)tempo["secureJsonData"]!["httpHeaderValue1"]!).Split('|');
        Assert.Equal(Tenants.Select(t => t.Name).Append(ObservabilityTenants.Platform).Order(), tenants.Order());
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing, true)]
    [InlineData(DeploymentTarget.Azure, false)]
    public void Kubelet_tls_verification_is_skipped_only_where_kubelets_serve_self_signed_certificates(DeploymentTarget target, bool skip)
    {
        var graph = Compose(For(target, 3));
        var monitoring = Assert.IsType<HelmRelease>(graph.Resource(WellKnown.PrometheusStackRelease));
        Assert.Equal(skip, monitoring.Values.Get("kubelet.serviceMonitor.insecureSkipVerify"));
        var notes = graph.Components.SelectMany(c => c.Notes).ToList();
        Assert.Contains(notes, n => n.StartsWith("Prometheus (kubelet ServiceMonitor)", StringComparison.Ordinal) && n.Contains(skip ? "self-signed" : "cluster CA", StringComparison.Ordinal));

        var metricsServer = graph.Resources.OfType<HelmRelease>().SingleOrDefault(r => r.ReleaseName == MetricsServer.ReleaseName);
        if (target == DeploymentTarget.Azure)
            Assert.Null(metricsServer);
        else
            Assert.Contains("--kubelet-insecure-tls", Assert.IsType<System.Collections.Immutable.ImmutableArray<object?>>(metricsServer!.Values.Get("args")).Cast<string>());
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Grafana_and_loki_send_no_usage_reports(DeploymentTarget target)
    {
        var graph = Compose(For(target, 3));
        var monitoring = Assert.IsType<HelmRelease>(graph.Resource(WellKnown.PrometheusStackRelease));
        Assert.Equal(false, monitoring.Values.Get("grafana.\"grafana.ini\".analytics.reporting_enabled"));
        var loki = Assert.IsType<HelmRelease>(graph.Resource(PlatformObservability.LokiRelease));
        Assert.Equal(false, loki.Values.Get("loki.analytics.reporting_enabled"));
    }
}
