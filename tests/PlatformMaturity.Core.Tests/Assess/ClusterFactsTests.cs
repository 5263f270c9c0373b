using PlatformMaturity.Assess;
using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Rules;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Config;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Core.Tests.Assess;

/// <summary>Facts no single object shows: which namespaces are tenants', and what the user says the cluster is.</summary>
public sealed class ClusterFactsTests
{
    private static ClusterSnapshot Read(string yaml)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("cluster.yaml"), yaml);
        return SnapshotReader.Read(dir.Combine("cluster.yaml"), "cluster.yaml");
    }

    private static string TeamNamespace(string ns, string quotaSpec) => $$"""
        - apiVersion: v1
          kind: Namespace
          metadata: {name: {{ns}}}
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: RoleBinding
          metadata: {name: team, namespace: {{ns}}}
          roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
          subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: {{ns}}-devs}]
        - apiVersion: v1
          kind: ResourceQuota
          metadata: {name: q, namespace: {{ns}}}
          spec: {{quotaSpec}}
        """;

    [Fact]
    public void A_namespace_where_no_pod_may_run_is_not_a_tenant_but_one_fenced_from_a_priority_class_is()
    {
        var cluster = new ClusterView(Read($"""
            apiVersion: v1
            kind: List
            items:
            {TeamNamespace("restore-scratch", "{hard: {pods: \"0\"}}")}
            {TeamNamespace("team-a", "{hard: {pods: \"0\"}, scopeSelector: {matchExpressions: [{operator: In, scopeName: PriorityClass, values: [platform-critical]}]}}")}
            {TeamNamespace("team-b", "{hard: {pods: \"50\"}}")}
            """));
        Assert.Equal(["team-a", "team-b"], cluster.TenantNamespaces);
    }

    [Theory]
    [InlineData(null, Verdict.Missing, "say so with --environment prod")]
    [InlineData(EnvironmentKind.NonProd, Verdict.Missing, "no Chaos Mesh or Litmus found")]
    [InlineData(EnvironmentKind.Prod, Verdict.NotCheckable, "assess one of those")]
    public void A_cluster_without_chaos_tooling_misses_non_prod_chaos_unless_it_is_said_to_be_production(EnvironmentKind? environment, Verdict verdict, string why)
    {
        var assessment = Assessor.Default.Assess(SnapshotReader.Read(SampleSnapshotTests.Sample("bare-cluster.json"), "bare-cluster.json"), environment: environment);
        var chaos = assessment.Practices.Single(p => p.Practice == "Chaos Engineering (non-prod)");
        Assert.Equal(verdict, chaos.Verdict);
        Assert.Contains(why, chaos.Why, StringComparison.Ordinal);
    }
}
