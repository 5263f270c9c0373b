using System.Text.Json.Nodes;
using PlatformMaturity.Assess;
using PlatformMaturity.Assess.Rules;
using PlatformMaturity.Assess.Rules.Availability;
using PlatformMaturity.GitOps;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Assess;

/// <summary>
/// Multi-cluster Platform is evidenced by a second cluster, never by the Secret registering Argo CD's own cluster
/// (https://kubernetes.default.svc), which every single-cluster Level 4 platform has.
/// </summary>
public sealed class MultiClusterEvidenceTests
{
    private const string Practice = "Multi-cluster Platform";

    private static SeenObject ClusterSecret(string name) => new("test", new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = "argocd",
            ["labels"] = new JsonObject { [GitOpsBridge.SecretTypeLabel] = "cluster" },
        },
    });

    private static PracticeAssessment VerdictOf(IEnumerable<SeenObject> objects) =>
        RoundTripTests.AssessObjects(objects).Practices.Single(p => p.Practice == Practice);

    [Fact]
    public void A_single_cluster_level_4_platform_with_its_in_cluster_secret_shows_no_second_cluster()
    {
        var objects = StackCluster.Objects(Existing(4));
        // The Level 4 GitOps bridge registers Argo CD's own cluster: the object the rule used to count.
        Assert.Contains(objects, o => o.Item["kind"]?.GetValue<string>() == "Secret" && o.Item["metadata"]?["name"]?.GetValue<string>() == GitOpsBridge.ClusterSecretName);
        Assert.NotEqual(Verdict.Met, VerdictOf(objects).Verdict);
    }

    [Fact]
    public void Argo_cds_own_name_for_the_in_cluster_server_is_not_a_second_cluster_and_a_remote_clusters_secret_is()
    {
        // What Argo CD names the Secret of https://kubernetes.default.svc (util/db/secrets.go URIToSecretName: host, FNV-32a of the URL).
        var inCluster = ClusterSecret($"cluster-kubernetes.default.svc-{StackCluster.Fnv32a(GitOpsBridge.InClusterServer)}");
        Assert.NotEqual(Verdict.Met, VerdictOf([inCluster, ClusterSecret(GitOpsBridge.ClusterSecretName)]).Verdict);

        var remote = VerdictOf([inCluster, ClusterSecret($"cluster-aks-west.hcp.westeurope.azmk8s.io-{StackCluster.Fnv32a("https://aks-west.hcp.westeurope.azmk8s.io:443")}")]);
        Assert.Equal(Verdict.Met, remote.Verdict);
        Assert.Single(remote.Evidence, e => e.Contains("Argo CD cluster Secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_that_only_start_like_the_in_cluster_secret_still_count()
    {
        Assert.True(MultiClusterPlatformEvidence.IsInCluster("cluster-kubernetes.default.svc-3396314289"));
        Assert.False(MultiClusterPlatformEvidence.IsInCluster("cluster-kubernetes.default.svc.cluster.local-1"));
        Assert.False(MultiClusterPlatformEvidence.IsInCluster("cluster-kubernetes.default.svc-"));
        Assert.False(MultiClusterPlatformEvidence.IsInCluster("cluster-in-cluster-west"));
    }
}
