using System.Collections.Immutable;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.GoldenPaths.Rendering;
using PlatformMaturity.Practices.Security;
using static PlatformMaturity.GoldenPaths.Tests.TestPlatforms;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>
/// Under STRICT mutual TLS Prometheus (no sidecar) cannot scrape an app's own port. The golden paths hand the mesh
/// their metrics port and path (prometheus.io annotations, which Istio's metrics merging reads), open only the
/// sidecar's merged-metrics port to monitoring, and the platform's scrape job reads it with the labels the app's
/// SLOs and tenant metrics proxy select on.
/// </summary>
public sealed class MeshMetricsTests
{
    [Theory]
    [InlineData("web-service", "8080")]
    [InlineData("worker", "8080")]
    [InlineData("stateful-service", "8080")]
    public void A_meshed_app_announces_its_metrics_port_to_the_sidecar_and_admits_monitoring_only_on_the_merged_port(string goldenPath, string defaultPort)
    {
        var platform = Real(4);
        Assert.True(platform.Provides(AllTrafficEncrypted.PracticeName));
        var app = GoldenPathRenderer.Render(RealRequestFor(goldenPath), Catalog, platform);
        var objects = RenderedObject.Of(app);
        Assert.DoesNotContain(objects, o => o.Kind is "ServiceMonitor" or "PodMonitor");

        var pod = objects.SelectMany(o => o.PodTemplates()).Single();
        var annotations = pod["metadata"]!["annotations"]!;
        Assert.Equal("true", annotations["prometheus.io/scrape"]!.GetValue<string>());
        // The number of the port the workload's metrics are on (the one definition in its _workload.sbn), not its name.
        var container = pod["spec"]!["containers"]![0]!;
        var declared = container["ports"]!.AsArray().Select(p => p!["containerPort"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(annotations["prometheus.io/port"]!.GetValue<string>(), declared);
        Assert.Equal(defaultPort, annotations["prometheus.io/port"]!.GetValue<string>());
        Assert.Equal("/metrics", annotations["prometheus.io/path"]!.GetValue<string>());

        var policy = objects.Single(o => o.Kind == "NetworkPolicy").Json;
        var fromMonitoring = policy["spec"]!["ingress"]!.AsArray()
            .Single(r => r!["from"]!.AsArray().Any(f => f!["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"]?.GetValue<string>() == PlatformContract.MonitoringNamespace));
        Assert.Equal([AllTrafficEncrypted.MergedMetricsPort], fromMonitoring!["ports"]!.AsArray().Select(p => (int)p!["port"]!.GetValue<long>()));
    }

    [Fact]
    public void Without_the_mesh_the_app_keeps_its_monitor_on_its_own_port()
    {
        var objects = RenderedObject.Of(Render("web-service", 3));
        Assert.Contains(objects, o => o.Kind == "ServiceMonitor");
        Assert.DoesNotContain(objects.SelectMany(o => o.PodTemplates()), p => p["metadata"]?["annotations"]?["prometheus.io/scrape"] is not null);
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void The_platform_scrapes_merged_metrics_of_meshed_tenant_pods_with_their_namespace_and_service(DeploymentTarget target)
    {
        var graph = Composer.Default.Compose(TestPlatforms.Config(4, target));
        var prometheus = (HelmRelease)graph.Resource(WellKnown.PrometheusStackRelease);
        var jobs = (ImmutableArray<object?>)prometheus.Values.Get("prometheus.prometheusSpec.additionalScrapeConfigs")!;
        var job = jobs.OfType<HelmValues>().Single(j => (string?)j.Get("job_name") == AllTrafficEncrypted.MergedMetricsJob);
        var sd = (HelmValues)((ImmutableArray<object?>)job.Get("kubernetes_sd_configs")!).Single()!;
        Assert.Equal("pod", sd.Get("role"));
        Assert.Equal(Tenants.Select(t => (object?)t.Name), (ImmutableArray<object?>)sd.Get("namespaces.names")!);
        var rules = ((ImmutableArray<object?>)job.Get("relabel_configs")!).OfType<HelmValues>().ToList();
        Assert.Contains(rules, r => (string?)r.Get("action") == "keep" && Sources(r).SequenceEqual(["__meta_kubernetes_pod_annotation_prometheus_io_scrape"]));
        Assert.Contains(rules, r => (string?)r.Get("action") == "keep" && Sources(r).SequenceEqual(["__meta_kubernetes_pod_label_security_istio_io_tlsMode"]) && (string?)r.Get("regex") == "istio");
        Assert.Contains(rules, r => (string?)r.Get("target_label") == "__address__" && Sources(r).Last() == "__meta_kubernetes_pod_annotation_prometheus_io_port");
        Assert.Contains(rules, r => (string?)r.Get("target_label") == "namespace" && Sources(r).SequenceEqual(["__meta_kubernetes_namespace"]));
        Assert.Contains(rules, r => (string?)r.Get("target_label") == "service" && Sources(r).SequenceEqual(["__meta_kubernetes_pod_label_app_kubernetes_io_name"]));
        Assert.False(Composer.Default.Compose(TestPlatforms.Config(3, target)).Resources.OfType<HelmRelease>()
            .Single(r => r.Name == WellKnown.PrometheusStackRelease).Values.Get("prometheus.prometheusSpec.additionalScrapeConfigs") is ImmutableArray<object?> { Length: > 0 });
    }

    private static IEnumerable<string?> Sources(HelmValues rule) => ((ImmutableArray<object?>)rule.Get("source_labels")!).Cast<string?>();

    private static AppRequest RealRequestFor(string goldenPath) =>
        new("shop", goldenPath, "team-a", ["cost-center=cc-1234", "repository=acme/shop"]);
}
