using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.GoldenPaths.Rendering;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Practices.Security;
using PlatformMaturity.Versions;
using static PlatformMaturity.GoldenPaths.Tests.TestPlatforms;

namespace PlatformMaturity.GoldenPaths.Tests.Admission;

/// <summary>
/// Every image and object the platform or a golden path places in a tenant namespace passes that level's admission
/// policies: the real ValidatingAdmissionPolicies and bindings of the composed platform, evaluated with a CEL evaluator
/// against each golden path's objects, what controllers create from them, and the pods as the OpenTelemetry operator
/// mutates them (auto-instrumentation init containers included).
/// </summary>
public sealed class GoldenPathAdmissionTests
{
    /// <summary>The real policies of each stack (composed once); apps render as if every practice were implemented, so every template branch is covered.</summary>
    private sealed record Platform(PlatformContext Context, AdmissionPolicies Policies);

    private static readonly ConcurrentDictionary<(int, DeploymentTarget), Platform> Platforms = new();

    private static Platform Of(int level, DeploymentTarget target) => Platforms.GetOrAdd((level, target), key =>
        new Platform(TestPlatforms.Platform(key.Item1, key.Item2), AdmissionPolicies.Of(Composer.Default.Compose(TestPlatforms.Config(key.Item1, key.Item2)))));

    public static TheoryData<string, int, DeploymentTarget> Supported => SupportedCases();

    /// <summary>Each auto-instrumentation language the golden path offers, and a canary where it has one.</summary>
    private static IEnumerable<string[]> ParameterSets(string goldenPath)
    {
        var manifest = Catalog.Find(goldenPath)!.Manifest;
        if (manifest.Parameter("language") is null && manifest.Parameter("canary") is null)
        {
            yield return [];
            yield break;
        }
        foreach (var language in manifest.Parameter("language")?.Allowed ?? [])
            yield return [$"language={language}"];
        if (manifest.Parameter("canary") is not null)
        {
            yield return ["canary=true", "language=java"];
            yield return ["canary=false"];
        }
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public void What_an_app_creates_passes_its_levels_admission_policies(string goldenPath, int level, DeploymentTarget target)
    {
        var platform = Of(level, target);
        var problems = new List<string>();
        foreach (var sets in ParameterSets(goldenPath))
        {
            var app = GoldenPathRenderer.Render(Request(goldenPath, level, target, extraSets: sets), Catalog, platform.Context);
            foreach (var rendered in RenderedObject.Of(app))
            {
                foreach (var created in ClusterCreates.From(rendered.Json, platform.Policies))
                {
                    problems.AddRange(platform.Policies.Evaluate(created).Select(v =>
                        $"--set {string.Join(" --set ", sets)}: {created["kind"]} {created["metadata"]!["name"]} (from {rendered.File}): {v}"));
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// The pods CloudNativePG makes from a postgres Cluster pass the tenant's policies (labels from inheritedMetadata,
    /// the postgres container's resources, the three upstream images) — and would not without inheritedMetadata.
    /// </summary>
    [Theory]
    [InlineData(4, DeploymentTarget.Existing)]
    [InlineData(4, DeploymentTarget.Azure)]
    [InlineData(5, DeploymentTarget.Azure)]
    public void The_pods_cloudnative_pg_makes_from_a_postgres_cluster_pass_admission(int level, DeploymentTarget target)
    {
        var platform = Of(level, target);
        var app = GoldenPathRenderer.Render(Request("postgres", level, target), Catalog, platform.Context);
        var cluster = RenderedObject.Of(app).Single(o => o.Kind == "Cluster").Json;
        var created = ClusterCreates.From(cluster, platform.Policies).ToList();
        Assert.Equal(["Cluster", "Job", "Pod", "Pod"], created.Select(c => c["kind"]!.GetValue<string>()));
        Assert.Empty(created.SelectMany(platform.Policies.Evaluate));

        var unlabelled = (JsonObject)cluster.DeepClone();
        unlabelled["spec"]!.AsObject().Remove("inheritedMetadata");
        var refused = ClusterCreates.From(unlabelled, platform.Policies).Where(c => c["kind"]!.GetValue<string>() is "Pod" or "Job").SelectMany(platform.Policies.Evaluate).ToList();
        Assert.Contains(refused, v => v.Policy == CompliancePoliciesEnforcement.RequiredLabelsPolicy);
    }

    public static TheoryData<int, DeploymentTarget> Levels()
    {
        var data = new TheoryData<int, DeploymentTarget>();
        for (var level = 1; level <= 5; level++)
        {
            foreach (var target in Enum.GetValues<DeploymentTarget>())
                data.Add(level, target);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void What_the_platform_places_in_tenant_namespaces_passes_its_own_policies(int level, DeploymentTarget target)
    {
        var policies = Of(level, target).Policies;
        var problems = Tenants
            .SelectMany(t => policies.InNamespace(t.Name))
            .SelectMany(o => ClusterCreates.From(o, policies))
            .SelectMany(created => policies.Evaluate(created).Select(v => $"{created["kind"]} {created["metadata"]!["namespace"]}/{created["metadata"]!["name"]}: {v}"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Level_3_has_the_policies_these_tests_evaluate(DeploymentTarget target)
    {
        var names = Of(3, target).Policies.PolicyNames;
        Assert.Contains(AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy, names);
        Assert.Contains(AdvancedDeploymentManagement.PolicyName, names);
        Assert.Contains(TenantMetricsPolicy.PolicyName, names);
    }

    /// <summary>
    /// The controllers run every tenant's analyses and triggers and reach every proxy: a tenant's object may name only its
    /// own namespace's proxy (not Prometheus, not a neighbour's proxy, not an argument that could be either), and a web
    /// provider or metrics-api trigger only over https (the proxies speak plain HTTP).
    /// </summary>
    [Theory]
    [InlineData("http://prom-label-proxy-team-a.monitoring.svc:8080", null, true)]
    [InlineData("http://prom-label-proxy-team-b.monitoring.svc:8080", null, false)]
    [InlineData("http://kube-prometheus-stack-prometheus.monitoring.svc:9090", null, false)]
    [InlineData("http://prom-label-proxy-team-a.monitoring:8080", null, false)]
    [InlineData("{{args.address}}", null, false)]
    [InlineData(null, "https://status.example.com/api/health", true)]
    [InlineData(null, "http://prom-label-proxy-team-b.monitoring.svc:8080/api/v1/query?query=up", false)]
    public void Tenant_analyses_and_scalers_may_query_only_their_own_proxy(string? prometheus, string? web, bool admitted)
    {
        var policies = Of(3, DeploymentTarget.Existing).Policies;
        JsonObject provider = prometheus is not null
            ? new() { ["prometheus"] = new JsonObject { ["address"] = prometheus, ["query"] = "sum(up{namespace=\"team-a\"})" } }
            : new() { ["web"] = new JsonObject { ["url"] = web, ["jsonPath"] = "{$.ok}" } };
        foreach (var kind in TenantMetricsPolicy.AnalysisKinds)
        {
            var analysis = new JsonObject
            {
                ["apiVersion"] = "argoproj.io/v1alpha1",
                ["kind"] = kind,
                ["metadata"] = new JsonObject { ["name"] = "canary", ["namespace"] = "team-a" },
                ["spec"] = new JsonObject { ["metrics"] = new JsonArray(new JsonObject { ["name"] = "m", ["provider"] = provider.DeepClone() }) },
            };
            Assert.Equal(admitted, !policies.Evaluate(analysis).Any(v => v.Policy == TenantMetricsPolicy.PolicyName));
        }
        var trigger = prometheus is not null
            ? new JsonObject { ["type"] = "prometheus", ["metadata"] = new JsonObject { ["serverAddress"] = prometheus, ["query"] = "sum(up)", ["threshold"] = "1" } }
            : new JsonObject { ["type"] = "metrics-api", ["metadata"] = new JsonObject { ["url"] = web, ["valueLocation"] = "ok", ["targetValue"] = "1" } };
        foreach (var kind in TenantMetricsPolicy.ScalerKinds)
        {
            var scaler = new JsonObject
            {
                ["apiVersion"] = "keda.sh/v1alpha1",
                ["kind"] = kind,
                ["metadata"] = new JsonObject { ["name"] = "shop", ["namespace"] = "team-a" },
                ["spec"] = new JsonObject { ["triggers"] = new JsonArray(trigger.DeepClone()) },
            };
            Assert.Equal(admitted, !policies.Evaluate(scaler).Any(v => v.Policy == TenantMetricsPolicy.PolicyName));
        }
    }

    /// <summary>
    /// KEDA's operator opens a gRPC stream to whatever an external trigger names: a tenant's ScaledObject may name only the
    /// KEDA HTTP add-on's scaler (which answers for the routes of the ScaledObject's own namespace), the address the
    /// event-driven-function golden path uses.
    /// </summary>
    [Theory]
    [InlineData("external-push", null, true)]
    [InlineData("external", null, true)]
    [InlineData("external-push", "keda-add-ons-http-external-scaler.keda.svc.cluster.local:9090", false)]
    [InlineData("external-push", "kube-prometheus-stack-prometheus.monitoring:9090", false)]
    [InlineData("external", "attacker.example.com:443", false)]
    public void Tenant_external_scalers_may_name_only_the_http_add_ons_scaler(string type, string? address, bool admitted)
    {
        var policies = Of(5, DeploymentTarget.Existing).Policies;
        var scaler = new JsonObject
        {
            ["apiVersion"] = "keda.sh/v1alpha1",
            ["kind"] = "ScaledObject",
            ["metadata"] = new JsonObject { ["name"] = "fn", ["namespace"] = "team-a" },
            ["spec"] = new JsonObject
            {
                ["triggers"] = new JsonArray(new JsonObject
                {
                    ["type"] = type,
                    ["metadata"] = new JsonObject { ["scalerAddress"] = address ?? PlatformContract.KedaHttpScalerAddress, ["interceptorRoute"] = "fn" },
                }),
            },
        };
        Assert.Equal(admitted, !policies.Evaluate(scaler).Any(v => v.Policy == TenantMetricsPolicy.PolicyName));
    }

    /// <summary>A tenant's monitor makes Prometheus scrape its own pods only, and read none of Prometheus's own files.</summary>
    [Theory]
    [InlineData("{}", true)]
    [InlineData("{\"namespaceSelector\": {\"matchNames\": [\"team-a\"]}}", true)]
    [InlineData("{\"namespaceSelector\": {\"matchNames\": [\"team-b\"]}}", false)]
    [InlineData("{\"namespaceSelector\": {\"any\": true}}", false)]
    [InlineData("{\"followRedirects\": null}", false)]
    [InlineData("{\"followRedirects\": true}", false)]
    [InlineData("{\"bearerTokenFile\": \"/var/run/secrets/kubernetes.io/serviceaccount/token\"}", false)]
    [InlineData("{\"tlsConfig\": {\"keyFile\": \"/etc/prometheus/secrets/x/key\"}}", false)]
    [InlineData("{\"proxyUrl\": \"http://kube-prometheus-stack-kube-state-metrics.monitoring:8080\"}", false)]
    [InlineData("{\"relabelings\": [{\"targetLabel\": \"__address__\", \"replacement\": \"kube-prometheus-stack-kube-state-metrics.monitoring:8080\"}]}", false)]
    [InlineData("{\"relabelings\": [{\"action\": \"labelmap\", \"regex\": \"__meta_(.+)\", \"replacement\": \"__param_$1\"}]}", false)]
    [InlineData("{\"relabelings\": [{\"sourceLabels\": [\"__meta_kubernetes_pod_name\"], \"targetLabel\": \"pod\"}]}", true)]
    public void Tenant_monitors_scrape_only_their_own_pods(string change, bool admitted)
    {
        var policies = Of(3, DeploymentTarget.Existing).Policies;
        var patch = JsonNode.Parse(change)!.AsObject();
        foreach (var (kind, endpoints) in new[] { ("ServiceMonitor", "endpoints"), ("PodMonitor", "podMetricsEndpoints") })
        {
            var endpoint = new JsonObject { ["port"] = "http", ["path"] = "/metrics", ["followRedirects"] = false };
            var spec = new JsonObject { ["selector"] = new JsonObject(), [endpoints] = new JsonArray(endpoint) };
            foreach (var (key, value) in patch)
            {
                if (key == "namespaceSelector")
                    spec[key] = value!.DeepClone();
                else if (value is null)
                    endpoint.Remove(key);
                else
                    endpoint[key] = value.DeepClone();
            }
            if (kind == "PodMonitor" && (patch.ContainsKey("bearerTokenFile") || patch.ContainsKey("tlsConfig")))
                continue; // PodMonitors have no such fields (SafeTLSConfig)
            var monitor = new JsonObject
            {
                ["apiVersion"] = "monitoring.coreos.com/v1",
                ["kind"] = kind,
                ["metadata"] = new JsonObject { ["name"] = "shop", ["namespace"] = "team-a" },
                ["spec"] = spec,
            };
            Assert.Equal(admitted, !policies.Evaluate(monitor).Any(v => v.Policy == TenantMetricsPolicy.PolicyName));
        }
    }

    [Fact]
    public void The_metrics_address_policy_is_staged_until_promoted()
    {
        var config = TestPlatforms.Config(3, DeploymentTarget.Existing);
        JsonObject Binding(PlatformConfig c) => AdmissionPolicies.Of(Composer.Default.Compose(c))
            .Find("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding", null, TenantMetricsPolicy.PolicyName)!;
        Assert.Equal(["Deny"], Binding(config)["spec"]!["validationActions"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(["Warn", "Audit"], Binding(config with { Staged = [Enforcements.TenantMetricsAddress] })["spec"]!["validationActions"]!.AsArray().Select(a => (string)a!));
    }

    /// <summary>The evaluation refuses what the policy must refuse, so a passing golden path means something.</summary>
    [Theory]
    [InlineData("docker.io/library/nginx:1.29", false)]
    [InlineData("nginx:1.29", false)]
    [InlineData("ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java/other:1.0", false)]
    [InlineData("ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-javax:1.0", false)]
    [InlineData("ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java", false)]
    [InlineData("ghcr.io/open-telemetry/opentelemetry-operator/opentelemetry-operator:0.158.0", false)]
    [InlineData("ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.30.0", true)]
    [InlineData("ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData(Registry + "/team-a/shop:1.0", true)]
    public void The_allowed_registries_policy_admits_exactly_the_platforms_sources(string image, bool admitted)
    {
        var policies = Of(3, DeploymentTarget.Existing).Policies;
        var pod = PodWith(image, "team-a");
        var violations = policies.Evaluate(pod).Where(v => v.Policy == AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy).ToList();
        Assert.Equal(admitted, violations.Count == 0);
        Assert.Empty(policies.Evaluate(PodWith(image, "kube-system"))); // only tenant namespaces are bound
    }

    /// <summary>A language a golden path offers has its image on the Instrumentation (and so in the allow-list).</summary>
    [Fact]
    public void The_golden_paths_offer_exactly_the_languages_the_platform_instruments()
    {
        var languages = TenantPodImages.AutoInstrumentation.Select(i => i.Key).Prepend("none").ToList();
        // The postgres path runs no app code of its own, so it offers no instrumentation.
        foreach (var goldenPath in Catalog.GoldenPaths.Where(g => g.Name != "postgres"))
            Assert.Equal(languages, goldenPath.Manifest.Parameter("language")!.Allowed);
        Assert.Null(Catalog.Find("postgres")!.Manifest.Parameter("language"));
    }

    [Fact]
    public void Rollouts_are_held_to_the_deployment_practices()
    {
        var rollout = new JsonObject
        {
            ["apiVersion"] = "argoproj.io/v1alpha1",
            ["kind"] = "Rollout",
            ["metadata"] = new JsonObject { ["name"] = "shop", ["namespace"] = "team-a" },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 3,
                ["template"] = PodWith(Registry + "/team-a/shop:1.0", "team-a").DeepClone(),
            },
        };
        var messages = Of(3, DeploymentTarget.Existing).Policies.Evaluate(rollout)
            .Where(v => v.Policy == AdvancedDeploymentManagement.PolicyName).Select(v => v.Message).ToList();
        Assert.Contains(messages, m => m.Contains("readinessProbe", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("revisionHistoryLimit", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("topologySpreadConstraints", StringComparison.Ordinal));
    }

    private static JsonObject PodWith(string image, string ns) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = "p", ["namespace"] = ns },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image }) },
    };
}
