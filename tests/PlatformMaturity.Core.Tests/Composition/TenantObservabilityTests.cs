using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Core.Tests.Practices.Security;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Tests.Shared;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>
/// Hard multi-tenancy through observability: logs, traces and metrics are separated per tenant, and each tenant's
/// Grafana org can only ask for its own.
/// </summary>
public sealed class TenantObservabilityTests
{
    public static TheoryData<string> Level3Stacks => ["l3-existing", "l3-azure"];

    public static TheoryData<string> MonitoredStacks => ["l2-existing", "l2-azure", "l3-existing", "l3-azure"];

    [Theory]
    [MemberData(nameof(Level3Stacks))]
    public void Loki_requires_a_tenant_on_every_push_and_query(string stack)
    {
        var (_, graph) = Compose(stack);
        var loki = Release(graph, PlatformObservability.LokiRelease);
        Assert.Equal(true, loki.Values.Get("loki.auth_enabled"));
        // The platform's own data source spans tenants; Loki must allow that explicitly.
        Assert.Equal(true, loki.Values.Get("loki.querier.multi_tenant_queries_enabled"));
    }

    [Theory]
    [MemberData(nameof(Level3Stacks))]
    public void Alloy_pushes_each_tenant_namespace_under_its_tenant_and_everything_else_under_the_platform(string stack)
    {
        var (config, graph) = Compose(stack);
        var pipeline = (string)Release(graph, PlatformObservability.AlloyRelease).Values.Get("alloy.configMap.content")!;
        var tenantLabel = StageTenantLabel(pipeline);
        Assert.Matches($"stage\\.label_drop\\s*\\{{\\s*values\\s*=\\s*\\[\"{tenantLabel}\"\\]", pipeline);

        foreach (var tenant in config.Tenants)
            Assert.Equal(tenant.Name, Relabel(pipeline, tenantLabel, tenant.Name));
        foreach (var ns in new[] { "monitoring", "kube-system", "default", "loki", $"{config.Tenants[0].Name}-x", $"x{config.Tenants[0].Name}" })
            Assert.Equal(ObservabilityTenants.Platform, Relabel(pipeline, tenantLabel, ns));
        // No namespace can ever be the platform tenant: the underscore is not DNS-1123.
        Assert.False(Names.IsDnsLabel(ObservabilityTenants.Platform));
    }

    [Theory]
    [MemberData(nameof(Level3Stacks))]
    public void The_main_orgs_loki_data_source_names_every_tenant_and_the_platform(string stack)
    {
        var (config, graph) = Compose(stack);
        var loki = DataSourcesOfMainOrg(graph).Single(d => (string?)d["uid"] == "loki");
        Assert.Equal(ObservabilityTenants.Header, (string?)loki["jsonData"]!["httpHeaderName1"]);
        var tenants = ((string)loki["secureJsonData"]!["httpHeaderValue1"]!).Split('|');
        Assert.Equal(config.Tenants.Select(t => t.Name).Append(ObservabilityTenants.Platform).Order(), tenants.Order());
    }

    [Theory]
    [MemberData(nameof(MonitoredStacks))]
    public void Each_tenant_gets_a_grafana_org_whose_data_sources_see_only_that_tenant(string stack)
    {
        var (config, graph) = Compose(stack);
        var script = Typed<V1ConfigMap>(graph, "ConfigMap", "monitoring", TenantGrafanaOrgs.JobName).Data[TenantGrafanaOrgs.ScriptKey];
        var orgs = Regex.Matches(script, @"^id=\$\(org_id ([a-z0-9-]+)\)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(config.Tenants.Select(t => t.Name), orgs);
        var blocks = script.Split("\nid=$(org_id ")[1..];
        foreach (var (tenant, block) in config.Tenants.Zip(blocks))
        {
            var sources = Regex.Matches(block, @"^upsert ""\$id"" [a-z]+ '(.+)'$", RegexOptions.Multiline)
                .Select(m => JsonNode.Parse(m.Groups[1].Value)!.AsObject()).ToList();
            var prometheus = sources.Single(s => (string?)s["type"] == "prometheus");
            Assert.Equal($"http://prom-label-proxy-{tenant.Name}.monitoring.svc:8080", (string?)prometheus["url"]);
            foreach (var scoped in sources.Where(s => (string?)s["type"] is "loki" or "tempo"))
            {
                Assert.Equal("X-Scope-OrgID", (string?)scoped["jsonData"]!["httpHeaderName1"]);
                Assert.Equal(tenant.Name, (string?)scoped["secureJsonData"]!["httpHeaderValue1"]);
            }
            Assert.Equal(graph.Config.Level >= 3, sources.Any(s => (string?)s["type"] == "loki"));
            Assert.DoesNotContain(sources, s => ((string?)s["url"])!.Contains(":9090", StringComparison.Ordinal));
        }
        var job = Typed<V1Job>(graph, "Job", "monitoring", TenantGrafanaOrgs.JobName);
        Assert.Equal(Pins.CurlImage, Assert.Single(job.Spec.Template.Spec.Containers).Image);
        Assert.Equal(TenantGrafanaOrgs.JobName, Assert.Single(job.Spec.Template.Spec.Volumes).ConfigMap.Name);
    }

    [Theory]
    [MemberData(nameof(MonitoredStacks))]
    public void Each_tenants_group_is_mapped_to_its_org_as_viewer_and_unmapped_users_get_no_role(string stack)
    {
        var (config, graph) = Compose(stack);
        var ini = Release(graph, WellKnown.PrometheusStackRelease).Values.ToJson()["grafana"]!["grafana.ini"]!;
        var section = config.IsAzure ? "auth.azuread" : "auth.generic_oauth";
        var mapping = ((string)ini[section]!["org_mapping"]!).Split(' ');
        Assert.Equal(config.Tenants.Select(t => $"{t.Group}:{t.Name}:Viewer"), mapping);
        Assert.Equal("None", (string?)ini["users"]!["auto_assign_org_role"]);
    }

    [Theory]
    [MemberData(nameof(MonitoredStacks))]
    public void Each_tenants_metrics_proxy_enforces_its_namespace_and_runs_restricted(string stack)
    {
        var (config, graph) = Compose(stack);
        foreach (var tenant in config.Tenants)
        {
            var deployment = Typed<V1Deployment>(graph, "Deployment", "monitoring", $"prom-label-proxy-{tenant.Name}");
            var pod = deployment.Spec.Template.Spec;
            var container = Assert.Single(pod.Containers);
            Assert.Equal(Pins.PromLabelProxyImage, container.Image);
            Assert.DoesNotContain("latest", container.Image, StringComparison.Ordinal);
            Assert.Contains("--label=namespace", container.Args);
            Assert.Contains($"--label-value={tenant.Name}", container.Args);
            Assert.Contains("--upstream=http://kube-prometheus-stack-prometheus.monitoring.svc:9090", container.Args);
            Assert.Single(container.Args, a => a.StartsWith("--label-value=", StringComparison.Ordinal));
            // Restricted Pod Security: non-root, no escalation, no capabilities, RuntimeDefault seccomp.
            Assert.True(pod.SecurityContext.RunAsNonRoot);
            Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
            Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
            var service = Typed<V1Service>(graph, "Service", "monitoring", $"prom-label-proxy-{tenant.Name}");
            Assert.True(NetworkPolicyEvaluator.Matches(new V1LabelSelector { MatchLabels = service.Spec.Selector }, deployment.Spec.Template.Metadata.Labels));
        }
    }

    [Theory]
    [MemberData(nameof(MonitoredStacks))]
    public void Only_grafana_reaches_a_tenants_metrics_proxy(string stack)
    {
        var (config, graph) = Compose(stack);
        var evaluator = NetworkPolicyEvaluator.Of(graph, config.IngressNamespace);
        foreach (var tenant in config.Tenants)
        {
            var deployment = Typed<V1Deployment>(graph, "Deployment", "monitoring", $"prom-label-proxy-{tenant.Name}");
            var proxy = new Endpoint("monitoring", deployment.Metadata.Name, 8080, deployment.Spec.Template.Metadata.Labels.ToDictionary());
            Assert.True(evaluator.Allows(new Source("monitoring", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "grafana" }), proxy));
            Assert.False(evaluator.Allows(new Source("monitoring", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "alertmanager" }), proxy));
            Assert.All(config.Tenants, t => Assert.False(evaluator.Allows(new Source(t.Name), proxy)));
            Assert.False(evaluator.Allows(new Source(config.IngressNamespace), proxy));
        }
    }

    /// <summary>The label stage.tenant reads in the pipeline's loki.process.</summary>
    private static string StageTenantLabel(string pipeline) =>
        Regex.Match(pipeline, @"stage\.tenant\s*\{\s*label\s*=\s*""([^""]+)""\s*\}").Groups[1].Value is { Length: > 0 } label
            ? label
            : throw new Xunit.Sdk.XunitException("the Alloy pipeline sets no tenant from a label");

    /// <summary>
    /// Applies the pipeline's discovery.relabel rules that write <paramref name="label"/> (action replace, Prometheus
    /// semantics: source labels joined by ";", regex anchored, replacement default "$1") to a pod in <paramref name="ns"/>.
    /// </summary>
    private static string? Relabel(string pipeline, string label, string ns)
    {
        var labels = new Dictionary<string, string> { ["__meta_kubernetes_namespace"] = ns };
        string? value = null;
        foreach (Match rule in Regex.Matches(pipeline, @"rule\s*\{(?<body>[^}]*)\}"))
        {
            var body = rule.Groups["body"].Value;
            if (Field(body, "target_label") != label)
                continue;
            Assert.Null(Field(body, "action"));
            var sources = Regex.Matches(Regex.Match(body, @"source_labels\s*=\s*\[(?<l>[^\]]*)\]").Groups["l"].Value, @"""([^""]+)""")
                .Select(m => labels.GetValueOrDefault(m.Groups[1].Value, ""));
            var match = Regex.Match(string.Join(';', sources), $"^(?:{Field(body, "regex") ?? "(.*)"})$");
            if (match.Success)
                value = match.Result(Field(body, "replacement") ?? "$1");
        }
        return value;

        static string? Field(string body, string name) =>
            Regex.Match(body, $@"\b{name}\s*=\s*""(?<v>[^""]*)""") is { Success: true } m ? m.Groups["v"].Value : null;
    }

    private static IEnumerable<JsonObject> DataSourcesOfMainOrg(PlatformGraph graph) =>
        Release(graph, WellKnown.PrometheusStackRelease).Values.ToJson()["grafana"]!["additionalDataSources"]!.AsArray()
            .Select(d => d!.AsObject()).Where(d => d["orgId"] is null);

    /// <summary>
    /// Teams create their own monitors from Level 3 (the golden paths emit them): through the edit role they hold, once
    /// the guarding policy enforces; whatever a tenant's monitor scrapes is labelled with its namespace, while every
    /// monitor and rule the platform installs (objects and charts in platform namespaces) keeps reading across namespaces.
    /// </summary>
    [Theory]
    [MemberData(nameof(Level3Stacks))]
    public void Tenants_create_monitors_whose_series_carry_their_namespace_and_the_platforms_are_left_alone(string stack)
    {
        var (config, graph) = Compose(stack);
        var role = Typed<V1ClusterRole>(graph, "ClusterRole", null, TenantMonitors.RoleName);
        Assert.Equal("true", role.Metadata.Labels["rbac.authorization.k8s.io/aggregate-to-edit"]);
        var rule = Assert.Single(role.Rules);
        Assert.Equal(["monitoring.coreos.com"], rule.ApiGroups);
        Assert.Equal(["podmonitors", "servicemonitors"], rule.Resources.Order(StringComparer.Ordinal));
        Assert.Contains("create", rule.Verbs);

        var prometheus = Release(graph, WellKnown.PrometheusStackRelease);
        Assert.Equal(TenantMetricsProxies.EnforcedLabel, prometheus.Values.Get("prometheus.prometheusSpec.enforcedNamespaceLabel"));
        var excluded = ((System.Collections.IEnumerable)prometheus.Values.Get("prometheus.prometheusSpec.excludedFromEnforcement")!).Cast<HelmValues>()
            .Select(r => ((string)r.Get("namespace")!, (string)r.Get("resource")!)).ToHashSet();
        Assert.DoesNotContain(excluded, e => config.Tenants.Any(t => t.Name == e.Item1));
        var platformMonitors = graph.Resources.OfType<KubernetesResource>()
            .Where(r => r.Kind is "ServiceMonitor" or "PodMonitor" or "PrometheusRule" or "Probe")
            .Select(r => (r.Namespace!, r.Kind.ToLowerInvariant() + "s"))
            .Concat(graph.Resources.OfType<HelmRelease>().SelectMany(r => new[] { "servicemonitors", "podmonitors", "prometheusrules" }.Select(k => (r.Namespace, k))));
        Assert.All(platformMonitors, m => Assert.Contains(m, excluded));

        // Staged, tenants cannot create monitors yet: the grant waits for the policy that guards it.
        var staged = Composer.Default.Compose(config with { Staged = [Enforcements.TenantMetricsAddress] });
        Assert.DoesNotContain(staged.Resources.OfType<KubernetesResource>(), r => r.Kind == "ClusterRole" && r.ObjectName == TenantMonitors.RoleName);
    }

    private static HelmRelease Release(PlatformGraph graph, string name) =>
        graph.Resources.OfType<HelmRelease>().Single(r => r.ReleaseName == name);

    private static T Typed<T>(PlatformGraph graph, string kind, string? ns, string name) where T : class =>
        Assert.IsType<T>(graph.Resources.OfType<KubernetesResource>().Single(r => r.Kind == kind && r.Namespace == ns && r.ObjectName == name).Object);

    private static (PlatformConfig Config, PlatformGraph Graph) Compose(string stack)
    {
        var config = PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, stack), stack), stack);
        return (config, Composer.Default.Compose(config));
    }
}
