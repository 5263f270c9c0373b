using System.Text.Json.Nodes;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.GitOps;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Practices.Security;
using PlatformMaturity.Tests.Shared;
using Xunit;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>Level 4 GitOps: Argo CD bootstrapped by Pulumi, the GitOps tree, the bridge, the tenants' projects.</summary>
public class GitOpsPlatformManagementTests
{
    private static PlatformConfig Gitops(PlatformConfig config, OidcConfig? oidc = null) => config with
    {
        GitOps = GitOpsConfig.Default with { RepoUrl = "https://github.com/acme/platform.git", Path = "clusters/test", Revision = "release", RepoUsername = "git", Oidc = oidc },
        Tenants = [new Tenant("team-a", "team-a-devs", TenantTier.Small) { Repos = ["https://github.com/acme/shop.git"], Channel = "team-a-deploys" },
                   new Tenant("team-b", "team-b-devs", TenantTier.Large)],
    };

    private static PlatformConfig AzureGitops() => Gitops(Azure(4)) with
    {
        Tenants = [new Tenant("team-a", "00000000-0000-0000-0000-00000000000a", TenantTier.Small) { Repos = ["https://github.com/acme/shop.git"] }],
    };

    public static TheoryData<string> Targets() => ["existing", "azure"];

    private static PlatformConfig For(string target) => target == "azure" ? AzureGitops() : Gitops(Existing(4));

    [Fact]
    public void Argo_cd_runs_highly_available_with_read_only_default_and_admin_only_without_sso()
    {
        var values = Compose(Gitops(Existing(4))).Resources.OfType<HelmRelease>().Single(r => r.ReleaseName == GitOpsPlatformManagement.ReleaseName).Values;
        Assert.Equal(true, values.Get("redis-ha.enabled"));
        Assert.True(Convert.ToInt32(values.Get("server.replicas")) >= 2);
        Assert.True(Convert.ToInt32(values.Get("repoServer.replicas")) >= 2);
        Assert.Equal(true, values.Get("server.pdb.enabled"));
        Assert.Equal(true, values.Get("repoServer.pdb.enabled"));
        Assert.Equal("role:readonly", values.Get("configs.rbac.\"policy.default\""));
        Assert.Equal(true, values.Get("configs.cm.\"admin.enabled\""));
        Assert.Contains("obj.status.health", (string)values.Get($"configs.cm.\"{GitOpsPlatformManagement.ApplicationHealthKey}\"")!);

        var sso = Compose(Gitops(Existing(4), new OidcConfig("https://login.example.com/v2.0", "argocd", "platform-admins"))).Resources
            .OfType<HelmRelease>().Single(r => r.ReleaseName == GitOpsPlatformManagement.ReleaseName).Values;
        Assert.Equal(false, sso.Get("configs.cm.\"admin.enabled\""));
        Assert.Contains("g, platform-admins, role:admin", (string)sso.Get("configs.rbac.\"policy.csv\"")!);
    }

    [Fact]
    public void The_root_application_follows_the_configured_repository_and_reads_it_with_a_secret_from_stack_config()
    {
        var graph = Compose(Gitops(Existing(4)));
        var root = Assert.IsType<CustomObject>(graph.Object("Application", GitOpsPlatformManagement.Namespace, GitOpsPlatformManagement.RootApplication).Object);
        Assert.Equal("https://github.com/acme/platform.git", root.Spec!["source"]!["repoURL"]!.GetValue<string>());
        Assert.Equal("clusters/test", root.Spec["source"]!["path"]!.GetValue<string>());
        Assert.Equal("release", root.Spec["source"]!["targetRevision"]!.GetValue<string>());
        Assert.Null(root.Metadata.Finalizers);

        var repo = graph.Resources.OfType<ConfigSecret>().Single(s => s.SecretName == GitOpsPlatformManagement.RepoSecret);
        Assert.Equal(ConfigKeys.GitOpsRepoPassword.FullName, repo.Keys["password"]);
        Assert.Equal("repository", repo.Labels["argocd.argoproj.io/secret-type"]);
        Assert.DoesNotContain("password", repo.Literals.Keys);
    }

    [Fact]
    public void Without_a_repository_nothing_is_handed_over()
    {
        var graph = Compose(Existing(4));
        Assert.False(GitOpsDelivery.HandsOver(graph));
        Assert.All(graph.Resources, r => Assert.True(GitOpsDelivery.ByPulumi(graph, r)));
        Assert.Throws<InvalidOperationException>(() => GitOpsTree.Render(graph));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Pulumi_and_the_gitops_tree_together_deliver_every_kubernetes_resource_exactly_once(string target)
    {
        var graph = Compose(For(target));
        var tree = GitOpsTree.Render(graph);
        var inTree = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in graph.Components)
        {
            foreach (var resource in component.Resources)
            {
                var path = resource switch
                {
                    KubernetesResource => $"{GitOpsTree.ComponentsFolder}/{component.Id}/{resource.Name}.yaml",
                    HelmRelease => $"{GitOpsTree.ComponentsFolder}/{component.Id}/{resource.Name}/values.yaml",
                    _ => null,
                };
                if (path is not null && tree.Any(f => f.Path == path))
                    inTree.Add(resource.Name);
            }
        }
        var kubernetes = graph.Resources.Where(r => r is KubernetesResource or HelmRelease or ConfigSecret).ToList();
        Assert.True(inTree.Count > 50, $"only {inTree.Count} resources in the tree");
        foreach (var resource in kubernetes)
            Assert.True(inTree.Contains(resource.Name) ^ GitOpsDelivery.ByPulumi(graph, resource), $"{resource.Name}: in tree {inTree.Contains(resource.Name)}, by Pulumi {GitOpsDelivery.ByPulumi(graph, resource)}");
        // Each component Argo CD delivers has exactly one file of Applications, and the root kustomization lists it once.
        var apps = tree.Where(f => f.Path.StartsWith(GitOpsTree.AppsFolder + "/", StringComparison.Ordinal)).Select(f => f.Path).ToList();
        Assert.Equal(GitOpsDelivery.ArgoCdComponents(graph).Select(c => $"{GitOpsTree.AppsFolder}/{c.Id}.yaml").Order(), apps.Order());
        Assert.DoesNotContain(apps, a => a.Contains(GitOpsDelivery.ComponentId, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_annotation_an_application_set_reads_is_written_by_the_bridge()
    {
        var graph = Compose(AzureGitops());
        var tree = GitOpsTree.Render(graph);
        var read = tree.SelectMany(f => GitOpsBridge.AnnotationsReadBy(f.Content)).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(read);
        var secret = Assert.IsType<k8s.Models.V1Secret>(graph.Object("Secret", GitOpsPlatformManagement.Namespace, GitOpsBridge.ClusterSecretName).Object);
        var written = secret.Metadata.Annotations?.Keys.ToHashSet(StringComparer.Ordinal) ?? [];
        Assert.Empty(read.Except(written));
        // ...and every written one carries an Azure output the Pulumi host fills in.
        var resource = graph.Object("Secret", GitOpsPlatformManagement.Namespace, GitOpsBridge.ClusterSecretName);
        Assert.Equal(written.Order(), resource.TextFromAzure.Select(GitOpsBridge.AnnotationFor).Order());
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void The_tree_is_deterministic_schema_valid_and_free_of_resources_finalizers(string target)
    {
        var first = GitOpsTree.Render(Compose(For(target)));
        var second = GitOpsTree.Render(Compose(For(target)));
        Assert.Equal(first.Select(f => (f.Path, f.Content)), second.Select(f => (f.Path, f.Content)));
        var errors = first.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) && !f.Path.EndsWith("kustomization.yaml", StringComparison.Ordinal) && !f.Path.EndsWith("values.yaml", StringComparison.Ordinal))
            .SelectMany(f => SchemaValidator.ValidateYaml(f.Content)).ToList();
        Assert.Empty(errors);
        Assert.DoesNotContain(first, f => f.Content.Contains(GitOpsTree.ResourcesFinalizer, StringComparison.Ordinal));
        Assert.Empty(Compose(For(target)).SchemaErrors());
    }

    [Fact]
    public void Sync_waves_follow_the_graph_dependencies()
    {
        var graph = Compose(Gitops(Existing(4)));
        var waves = GitOpsTree.Waves(graph);
        foreach (var component in graph.Components)
            Assert.All(component.DependsOn, d => Assert.True(waves[d] < waves[component.Id], $"{component.Id} (wave {waves[component.Id]}) depends on {d} (wave {waves[d]})"));
    }

    [Fact]
    public void Each_tenant_gets_a_project_limited_to_its_repositories_and_namespace()
    {
        var graph = Compose(Gitops(Existing(4)));
        var project = Assert.IsType<CustomObject>(graph.Object("AppProject", GitOpsPlatformManagement.Namespace, "team-a").Object);
        Assert.Equal(["https://github.com/acme/shop.git"], project.Spec!["sourceRepos"]!.AsArray().Select(r => r!.GetValue<string>()));
        var destination = Assert.Single(project.Spec["destinations"]!.AsArray());
        Assert.Equal("team-a", destination!["namespace"]!.GetValue<string>());
        Assert.Empty(project.Spec["clusterResourceWhitelist"]!.AsArray());
        Assert.True(project.Spec["orphanedResources"]!["warn"]!.GetValue<bool>());
        var apps = Assert.IsType<CustomObject>(graph.Object("ApplicationSet", GitOpsPlatformManagement.Namespace, "team-a-apps").Object);
        Assert.Equal("team-a", apps.Spec!["template"]!["spec"]!["project"]!.GetValue<string>());
        Assert.Equal("team-a-deploys", apps.Spec["template"]!["metadata"]!["annotations"]!["notifications.argoproj.io/subscribe.on-sync-failed.slack"]!.GetValue<string>());
        Assert.Empty(graph.SchemaErrors());
    }

    [Fact]
    public void Sync_windows_from_config_apply_to_prod_projects_only()
    {
        var windows = GitOpsConfig.Default with { RepoUrl = "https://github.com/acme/platform.git", SyncWindows = [new SyncWindowConfig("allow", "0 8 * * 1-4", "8h", "Europe/Amsterdam")] };
        var prod = Compose(Gitops(Existing(4)) with { Environment = EnvironmentKind.Prod, GitOps = windows });
        var nonprod = Compose(Gitops(Existing(4)) with { GitOps = windows });
        var prodWindow = Assert.Single(Assert.IsType<CustomObject>(prod.Object("AppProject", "argocd", "team-a").Object).Spec!["syncWindows"]!.AsArray());
        Assert.Equal("0 8 * * 1-4", prodWindow!["schedule"]!.GetValue<string>());
        Assert.Null(Assert.IsType<CustomObject>(nonprod.Object("AppProject", "argocd", "team-a").Object).Spec!["syncWindows"]);
        Assert.Empty(prod.SchemaErrors());
    }

    [Fact]
    public void Notifications_take_their_token_from_secret_config()
    {
        var graph = Compose(Gitops(Existing(4)));
        var secret = graph.Resources.OfType<ConfigSecret>().Single(s => s.SecretName == ExtendedDeliveryProcesses.NotificationsSecret);
        Assert.Equal(ConfigKeys.GitOpsNotificationsToken.FullName, secret.Keys[ExtendedDeliveryProcesses.TokenKey]);
        var values = graph.Resources.OfType<HelmRelease>().Single(r => r.ReleaseName == GitOpsPlatformManagement.ReleaseName).Values;
        Assert.Equal("token: $token\n", values.Get("notifications.notifiers.\"service.slack\""));
    }

    [Fact]
    public void The_gitops_config_is_parsed_and_refuses_credentials_in_the_url()
    {
        RawConfig Raw(JsonNode gitops) => new("s", System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, JsonNode?>
        {
            ["platform:level"] = 4, ["platform:target"] = "existing", ["platform:gitops"] = gitops,
        }));
        var ok = PlatformConfigParser.Parse(Raw(JsonNode.Parse("""{"repoUrl": "https://github.com/acme/platform.git", "path": "clusters/prod", "syncWindows": [{"kind": "deny", "schedule": "0 18 * * 5", "duration": "60h"}]}""")!));
        Assert.True(ok.IsValid, string.Join("; ", ok.Problems.Select(p => p.Message)));
        Assert.Equal("clusters/prod", ok.Config!.GitOps.Path);
        Assert.Equal("UTC", Assert.Single(ok.Config.GitOps.SyncWindows).TimeZone);
        Assert.False(PlatformConfigParser.Parse(Raw(JsonNode.Parse("""{"repoUrl": "https://user:secret@github.com/acme/platform.git"}""")!)).IsValid);
        Assert.False(PlatformConfigParser.Parse(Raw(JsonNode.Parse("""{"repoUrl": "https://github.com/acme/platform.git", "path": "../other"}""")!)).IsValid);
    }
    /// <summary>
    /// redis-ha's required anti-affinity (its default) needs 3 schedulable nodes for 3 Redis and 3 HAProxy pods, or they stay
    /// Pending and Argo CD with them. On every Level 4 and 5 example stack, Argo CD's Redis must schedule on the nodes the
    /// stack guarantees: azure, the fewest nodes of the untainted user pools Argo CD runs on; existing, none are guaranteed
    /// beyond one.
    /// </summary>
    [Theory]
    [InlineData("l4-azure")]
    [InlineData("l4-existing")]
    [InlineData("l5-azure")]
    [InlineData("l5-existing")]
    public void Argo_cd_redis_schedules_on_the_nodes_the_stack_guarantees(string stack)
    {
        var graph = Composer.Default.Compose(PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, stack), stack), stack));
        var releases = graph.Resources.OfType<HelmRelease>().Where(r => r.ReleaseName == GitOpsPlatformManagement.ReleaseName).ToList();
        Assert.NotEmpty(releases);
        var pools = graph.Resources.OfType<PlatformMaturity.Graph.Azure.KubernetesClusterNodePool>()
            .Where(p => p.Mode == "User" && p.NodeTaints.IsEmpty).Select(p => p.Pool.AutoScalingEnabled ? p.Pool.MinCount ?? p.Pool.NodeCount : p.Pool.NodeCount).ToList();
        var guaranteed = pools.Count == 0 ? 1 : pools.Min();
        foreach (var values in releases.Select(r => r.Values))
        {
            Assert.Equal(true, values.Get("redis-ha.enabled"));
            // The chart's default (argo-cd 10.1.1 values.yaml) is true for both.
            foreach (var key in new[] { "redis-ha.hardAntiAffinity", "redis-ha.haproxy.hardAntiAffinity" })
            {
                var required = values.Get(key) is false ? 1 : 3;
                Assert.True(guaranteed >= required, $"{stack}: {key} needs {required} nodes; the pool Argo CD runs on guarantees {guaranteed}");
            }
            Assert.Equal(true, values.Get("redis-ha.topologySpreadConstraints.enabled"));
        }
    }
}
