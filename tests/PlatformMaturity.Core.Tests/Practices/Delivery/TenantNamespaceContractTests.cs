using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Core.Tests.Practices.Security;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Practices.Security;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Delivery;

/// <summary>
/// From Level 5 a tenant's namespaces are its own and the ones its team creates through Capsule (&lt;tenant&gt;-*): the
/// per-tenant objects that name namespaces follow them, and no glob or selector hands a tenant another tenant's or a
/// platform namespace. Tenant names that would make that possible are refused.
/// </summary>
public sealed class TenantNamespaceContractTests
{
    private static PlatformGraph Level5(DeploymentTarget target) => PracticeGraphs.ComposeWithMonitoring(For(target, 5));

    /// <summary>Namespaces a tenant must never reach: every platform namespace, Kubernetes' own, the gateway's.</summary>
    private static IEnumerable<string> PlatformAndSystem(PlatformConfig config) =>
        PlatformNamespaces.WithKubeSystem.Concat(Names.ReservedNamespaces).Append(config.IngressNamespace).Append(KubernetesLandingZone.Namespace);

    /// <summary>gobwas/glob without separators, as Argo CD and Velero compile these patterns: '*' is any run of characters.</summary>
    private static bool GlobMatches(string pattern, string text) =>
        Regex.IsMatch(text, "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$");

    /// <summary>A namespace belongs to a tenant under a list of globs (or plain names) when any matches.</summary>
    private static Func<string, bool> ByGlobs(IEnumerable<string> patterns)
    {
        var list = patterns.ToList();
        return ns => list.Any(p => GlobMatches(p, ns));
    }

    /// <summary>The namespaces a tenant has (its own, two it created) and those it must not reach (others' and the platform's).</summary>
    private static (string[] Own, string[] Foreign) Reach(PlatformConfig config, Tenant tenant) =>
        ([tenant.Name, $"{tenant.Name}-dev", $"{tenant.Name}-ml-training"],
         [.. config.Tenants.Where(t => t != tenant).SelectMany(t => new[] { t.Name, $"{t.Name}-dev" }), .. PlatformAndSystem(config), "default", "someone-else"]);

    private static void AssertCovers(Func<string, bool> covers, PlatformConfig config, Tenant tenant, string what)
    {
        var (own, foreign) = Reach(config, tenant);
        foreach (var ns in own)
            Assert.True(covers(ns), $"{what} of {tenant.Name} misses its namespace {ns}");
        foreach (var ns in foreign)
            Assert.False(covers(ns), $"{what} of {tenant.Name} reaches {ns}");
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Per_tenant_objects_follow_the_namespaces_a_team_creates_and_reach_no_one_elses(DeploymentTarget target)
    {
        var config = For(target, 5);
        var graph = Level5(target);
        foreach (var tenant in config.Tenants)
        {
            // Argo CD: the project's destinations, on every cluster entry.
            var project = graph.Typed<CustomObject>("AppProject", GitOpsPlatformManagement.Namespace, GitOpsApplicationManagement.ProjectName(tenant));
            var destinations = project.Spec!["destinations"]!.AsArray().Select(d => d!["namespace"]!.GetValue<string>()).ToList();
            AssertCovers(ByGlobs(destinations), config, tenant, "AppProject destinations");

            // Velero: the daily schedule's included namespaces.
            var schedule = graph.Typed<CustomObject>("Schedule", BasicDisasterRecovery.Namespace, BasicDisasterRecovery.ScheduleName(tenant.Name, ClusterRef.PrimaryKey));
            var included = schedule.Spec!["template"]!["includedNamespaces"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
            Assert.DoesNotContain("*", included);
            AssertCovers(ByGlobs(included), config, tenant, "Velero schedule");

            // prom-label-proxy: the enforced value as a regex, anchored as Prometheus anchors label matchers.
            var args = Assert.Single(graph.Typed<V1Deployment>("Deployment", WellKnown.MonitoringNamespace, TenantMetricsProxies.Name(tenant)).Spec.Template.Spec.Containers).Args;
            Assert.Contains("--regex-match", args);
            var value = Assert.Single(args, a => a.StartsWith("--label-value=", StringComparison.Ordinal))["--label-value=".Length..];
            AssertCovers(ns => Regex.IsMatch(ns, $"^(?:{value})$"), config, tenant, "metrics proxy");

            // Kueue: the ClusterQueue selects namespaces by the tenant label Capsule copies into every namespace the team
            // creates (owners may not change it), not by name.
            var queue = graph.Typed<CustomObject>("ClusterQueue", null, JustInTimeCapacity.ClusterQueueName(tenant.Name));
            var selector = k8s.KubernetesJson.Deserialize<V1LabelSelector>(queue.Spec!["namespaceSelector"]!.ToJsonString());
            var capsule = graph.Typed<CustomObject>("Tenant", null, tenant.Name);
            AssertCovers(ns => NetworkPolicyEvaluator.Matches(selector, NamespaceLabels(graph, config, ns)), config, tenant, "ClusterQueue");
            Assert.NotNull(capsule);

            // Traces: the collector's routing row for the tenant (OTTL IsMatch, unanchored, so the pattern anchors itself).
            var collector = graph.Typed<CustomObject>("OpenTelemetryCollector", ApplicationObservability.Namespace, ApplicationObservability.CollectorName);
            var row = Assert.Single(collector.Spec!["config"]!["connectors"]!["routing/tenants"]!["table"]!.AsArray(),
                r => r!["pipelines"]![0]!.GetValue<string>() == $"traces/{tenant.Name}")!;
            var pattern = Regex.Match(row["condition"]!.GetValue<string>(), "^IsMatch\\(attributes\\[\"k8s\\.namespace\\.name\"\\], \"(.+)\"\\)$");
            Assert.True(pattern.Success, row["condition"]!.GetValue<string>());
            AssertCovers(ns => Regex.IsMatch(ns, pattern.Groups[1].Value), config, tenant, "trace routing");

            // Logs: Alloy's relabel rule turns a namespace into its Loki tenant (group 1), anchored as Prometheus relabelling anchors.
            var alloy = (string)graph.Release(PlatformObservability.AlloyRelease).Values.Get("alloy.configMap.content")!;
            var relabel = Regex.Match(alloy, "source_labels = \\[\"__meta_kubernetes_namespace\"\\]\\s+regex\\s+= \"([^\"]+)\"");
            Assert.True(relabel.Success);
            AssertCovers(ns => Regex.Match(ns, $"^(?:{relabel.Groups[1].Value})$") is { Success: true } m && m.Groups[1].Value == tenant.Name, config, tenant, "log tenancy");
        }
        Assert.Empty(graph.SchemaErrors());
    }

    /// <summary>The labels a namespace carries: the pmctl namespace's own, a created one's from its Tenant's metadata, else just its name.</summary>
    private static Dictionary<string, string> NamespaceLabels(PlatformGraph graph, PlatformConfig config, string ns)
    {
        if (graph.Resources.OfType<KubernetesResource>().FirstOrDefault(r => r.Kind == "Namespace" && r.ObjectName == ns) is { } pmctl)
            return new(pmctl.Labels().Append(KeyValuePair.Create("kubernetes.io/metadata.name", ns)));
        if (config.Tenants.FirstOrDefault(t => TenantNamespaces.Owns(t.Name, ns)) is { } owner)
        {
            var labels = graph.Typed<CustomObject>("Tenant", null, owner.Name).Spec!["namespaceOptions"]!["additionalMetadata"]!["labels"]!.AsObject()
                .ToDictionary(l => l.Key, l => l.Value!.GetValue<string>());
            labels["kubernetes.io/metadata.name"] = ns;
            return labels;
        }
        return new() { ["kubernetes.io/metadata.name"] = ns };
    }

    [Fact]
    public void The_landing_zone_lists_only_what_cannot_follow_and_says_why()
    {
        var graph = Level5(DeploymentTarget.Existing);
        var note = Assert.Single(graph.ComponentOf(KubernetesLandingZone.PracticeName).Notes, n => n.StartsWith("These objects name namespace team-a itself", StringComparison.Ordinal));
        foreach (var follows in new[] { "AppProject", "ApplicationSet", "prom-label-proxy-team-a", "velero/daily-team-a", "ClusterQueue" })
            Assert.DoesNotContain(follows, note, StringComparison.Ordinal);
        Assert.Contains("ReferenceGrant keda-http/tenant-routes-to-interceptor (Gateway API ReferenceGrant.spec.from names one namespace", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Below_level_5_the_objects_name_only_the_tenants_namespace()
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(Existing(4));
        var tenant = Tenants[0];
        var project = graph.Typed<CustomObject>("AppProject", GitOpsPlatformManagement.Namespace, GitOpsApplicationManagement.ProjectName(tenant));
        Assert.All(project.Spec!["destinations"]!.AsArray(), d => Assert.Equal(tenant.Name, d!["namespace"]!.GetValue<string>()));
        var schedule = graph.Typed<CustomObject>("Schedule", BasicDisasterRecovery.Namespace, BasicDisasterRecovery.ScheduleName(tenant.Name, ClusterRef.PrimaryKey));
        Assert.Equal([tenant.Name], schedule.Spec!["template"]!["includedNamespaces"]!.AsArray().Select(n => n!.GetValue<string>()));
        var args = graph.Typed<V1Deployment>("Deployment", WellKnown.MonitoringNamespace, TenantMetricsProxies.Name(tenant)).Spec.Template.Spec.Containers[0].Args;
        Assert.Contains($"--label-value={tenant.Name}", args);
        Assert.DoesNotContain("--regex-match", args);
    }

    /// <summary>The example stack of the level with other tenants (and without the Level 5 keys that name the example's).</summary>
    private static RawConfig Level5Stack(int level, params string[] tenants)
    {
        var stack = $"l{level}-existing";
        var raw = StackFile.Read(StackFile.PathFor(TestPaths.Stacks, stack), stack);
        raw = raw with { Values = raw.Values.Remove(ConfigKeys.ProductionChaos.FullName).Remove(ConfigKeys.TenantBudgets.FullName) };
        return raw.With(ConfigKeys.Tenants, new JsonArray([.. tenants.Select(t => (JsonNode)new JsonObject { ["name"] = t, ["group"] = $"{t}-devs" })]));
    }

    [Theory]
    [InlineData(new[] { "team", "team-a" }, "item 1 name 'team-a' starts with 'team-', so it is a namespace tenant 'team' may create", "team-*")]
    [InlineData(new[] { "team-a", "team" }, "item 1 name 'team' would claim tenant 'team-a'", "team-*")]
    [InlineData(new[] { "shop", "team-a", "team-a-eu" }, "item 2 name 'team-a-eu' starts with 'team-a-'", "team-a-*")]
    [InlineData(new[] { "cert" }, "item 0 name 'cert' would claim the platform namespace 'cert-manager'", "cert-*")]
    [InlineData(new[] { "kube" }, "item 0 name 'kube' would claim the platform namespace 'kube-", "kube-*")]
    [InlineData(new[] { "istio" }, "item 0 name 'istio' would claim the platform namespace 'istio-system'", "istio-*")]
    public void At_level_5_a_tenant_name_whose_prefix_claims_another_tenant_or_a_platform_namespace_is_refused(string[] tenants, string expected, string glob)
    {
        var result = PlatformConfigParser.Parse(Level5Stack(5, tenants));

        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ConfigKeys.Tenants.FullName, problem.Key);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Contains($"{glob} would give tenant", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Capsule's forceTenantPrefix", problem.Message, StringComparison.Ordinal);
        Assert.Contains("allowed:", problem.Message, StringComparison.Ordinal);

        // Below Level 5 nothing globs, so the same names are fine.
        Assert.True(PlatformConfigParser.Parse(Level5Stack(4, tenants)).IsValid);
    }

    [Fact]
    public void A_gateway_namespace_from_config_is_protected_too()
    {
        var result = PlatformConfigParser.Parse(Level5Stack(5, "edge").With(ConfigKeys.IngressNamespace, "edge-gateway"));

        var problem = Assert.Single(result.Problems);
        Assert.Contains("item 0 name 'edge' would claim the platform namespace 'edge-gateway'", problem.Message, StringComparison.Ordinal);
    }

    private static readonly Gen<string[]> TenantSets =
        Gen.OneOf(Gen.Const("a"), Gen.Const("b"), Gen.Const("ab"), Gen.Const("cert"), Gen.Const("dr"), Gen.Const("kube"), Gen.Const("team"))
            .Array[1, 3].Select(parts => string.Join('-', parts))
            .Array[1, 4].Select(names => names.Distinct(StringComparer.Ordinal).ToArray());

    [Fact]
    public void Property_every_tenant_set_level_5_accepts_keeps_each_tenants_namespaces_apart_from_the_others_and_the_platforms()
    {
        var platform = PlatformNamespaces.WithKubeSystem.Concat(Names.ReservedNamespaces).Append("gateway-system").ToList();
        TenantSets.Sample(names =>
        {
            var result = PlatformConfigParser.Parse(Level5Stack(5, names));
            var overlap = names.SelectMany(t => names.Where(u => u != t).SelectMany(u => new[] { u, $"{u}-x", $"{u}-dev-1" }).Concat(platform)
                .Where(ns => TenantNamespaces.Owns(t, ns)).Select(ns => $"{t} owns {ns}")).ToList();
            // Accepted exactly when no tenant would own a namespace of another tenant or of the platform.
            Assert.True(result.IsValid == (overlap.Count == 0), $"{string.Join(", ", names)}: valid={result.IsValid}, overlaps: {string.Join("; ", overlap)}; problems: {string.Join("; ", result.Problems)}");
            if (result.IsValid)
                foreach (var t in names)
                    Assert.DoesNotMatch($"^(?:{TenantNamespaces.Regex(t)})$", $"{names.FirstOrDefault(u => u != t) ?? "zz"}-x");
        }, iter: 300);
    }
}
