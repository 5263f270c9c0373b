using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Tests.Shared;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>DORA Metrics: the ChangeRecord CRD, who may write it, and what the recording rules read.</summary>
public sealed partial class DoraMetricsTests
{
    /// <summary>Metrics kube-state-metrics exports by itself (its deployment and namespace collectors).</summary>
    private static readonly HashSet<string> KubeStateMetricsBuiltIns = ["kube_deployment_status_condition", "kube_namespace_labels"];

    [Fact]
    public void The_change_record_schema_in_the_test_data_is_the_crds_own()
    {
        var crd = Definition(Compose(Existing(3)));
        var schema = JsonNode.Parse(KubernetesJson.Serialize(crd.Spec.Versions.Single().Schema.OpenAPIV3Schema));
        var file = SchemaValidator.SchemaFile(DoraContract.ApiVersion, DoraContract.Kind);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(file)), schema), $"{file} differs from the CRD's schema: {schema}");
        Assert.Equal((DoraContract.Group, DoraContract.Plural, DoraContract.Kind), (crd.Spec.Group, crd.Spec.Names.Plural, crd.Spec.Names.Kind));
        Assert.Equal(DoraContract.Version, Assert.Single(crd.Spec.Versions).Name);
        Assert.Empty(SchemaValidator.Validate(JsonNode.Parse(KubernetesJson.Serialize(crd))!));
    }

    [Fact]
    public void Tenant_teams_may_write_change_records_through_the_built_in_edit_role()
    {
        var roles = Compose(Existing(3)).Resources.OfType<KubernetesResource>().Select(r => r.Object).OfType<V1ClusterRole>().ToList();
        var edit = Assert.Single(roles, r => r.Metadata.Labels.TryGetValue("rbac.authorization.k8s.io/aggregate-to-edit", out var v) && v == "true"
            && r.Rules.Any(rule => rule.ApiGroups.Contains(DoraContract.Group)));
        var rule = Assert.Single(edit.Rules);
        Assert.Equal([DoraContract.Plural], rule.Resources);
        Assert.Superset(new HashSet<string>(["create", "update", "patch", "get", "list"]), rule.Verbs.ToHashSet());
        Assert.Contains(roles, r => r.Metadata.Labels.ContainsKey("rbac.authorization.k8s.io/aggregate-to-view") && r.Rules.Any(x => x.ApiGroups.Contains(DoraContract.Group)));
    }

    [Fact]
    public void The_recording_rules_read_only_metrics_kube_state_metrics_exports_or_the_rules_record()
    {
        var graph = Compose(Existing(3));
        var rule = (CustomObject)((KubernetesResource)graph.Resource($"prometheusrule-{WellKnown.MonitoringNamespace}-{DoraMetrics.RuleName}")).Object;
        var rules = rule.Spec!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).ToList();
        var recorded = rules.Select(r => (string)r!["record"]!).ToHashSet();

        // What the platform's kube-state-metrics configuration exports: metricNamePrefix + "_" + name.
        var release = Assert.IsType<HelmRelease>(graph.Resource(WellKnown.PrometheusStackRelease));
        var config = release.Values.ToJson()["kube-state-metrics"]!["customResourceState"]!["config"]!;
        var exported = config["spec"]!["resources"]!.AsArray()
            .SelectMany(r => r!["metrics"]!.AsArray().Select(m => $"{(string)r["metricNamePrefix"]!}_{(string)m!["name"]!}"))
            .ToHashSet();
        Assert.Equal(new HashSet<string>([DoraContract.CommitTimeMetric, DoraContract.RolloutConditionMetric]), exported);

        var read = rules.SelectMany(r => MetricNames((string)r!["expr"]!)).ToHashSet();
        Assert.Subset(recorded.Union(exported).Union(KubeStateMetricsBuiltIns).ToHashSet(), read);
        // Both customResourceState metrics are used: lead time from the ChangeRecords, failures from the Rollouts.
        Assert.Superset(exported, read);
    }

    private static V1CustomResourceDefinition Definition(PlatformGraph graph) =>
        graph.Resources.OfType<KubernetesResource>().Select(r => r.Object).OfType<V1CustomResourceDefinition>().Single(d => d.Spec.Group == DoraContract.Group);

    /// <summary>The metric names a PromQL expression reads: identifiers left once strings, matchers, ranges and label lists are gone.</summary>
    private static IEnumerable<string> MetricNames(string expr)
    {
        var bare = Strings().Replace(expr, "\"\"");
        bare = Braces().Replace(bare, "");
        bare = Ranges().Replace(bare, "");
        bare = LabelLists().Replace(bare, "");
        string[] keywords = ["and", "or", "unless", "offset", "bool", "time"];
        return Identifiers().Matches(bare).Select(m => m.Groups[1].Value).Where(n => !keywords.Contains(n));
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex LabelLists();

    /// <summary>An identifier not followed by "(" (a function call) and not part of a number or duration.</summary>
    [GeneratedRegex(@"(?<![\w:.])([a-zA-Z_:][\w:]*)\b(?!\s*\()")]
    private static partial Regex Identifiers();
}
