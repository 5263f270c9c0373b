using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Tests.Shared;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>Level 3's Delivery practices (PRACTICES.md): each one's key objects, per target.</summary>
public sealed class Level3DeliveryTests
{
    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Advanced_delivery_installs_argo_rollouts_highly_available_as_the_provider_of_argoproj_crds(DeploymentTarget target)
    {
        var graph = Compose(For(target, 3));
        var release = Assert.IsType<HelmRelease>(graph.Resource(AdvancedDeliveryProcesses.ReleaseName));
        Assert.Equal(Pins.ArgoRollouts, release.Chart);
        Assert.Contains("argoproj.io", release.ProvidesApiGroups);
        Assert.Equal(2, release.Values.Get("controller.replicas"));
        Assert.Equal(true, release.Values.Get("controller.pdb.enabled"));
        Assert.Equal(true, release.Values.Get("keepCRDs"));
        Assert.Equal(false, release.Values.Get("dashboard.enabled"));
        Assert.Equal("advanced-delivery-processes", graph.OwnerOf(release.Name).Id);
    }

    [Fact]
    public void Advanced_deployment_management_warns_tenants_about_missing_probes_history_and_spread()
    {
        var graph = Compose(Existing(3));
        var policy = (V1ValidatingAdmissionPolicy)((KubernetesResource)graph.Resource($"validatingadmissionpolicy-{AdvancedDeploymentManagement.PolicyName}")).Object;
        var expressions = policy.Spec.Validations.Select(v => v.Expression).ToList();
        Assert.Contains(expressions, e => e.Contains("readinessProbe", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("livenessProbe", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("revisionHistoryLimit", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("topologySpreadConstraints", StringComparison.Ordinal));
        // The golden paths' canaries are held to the same practices as Deployments.
        Assert.Equal([("apps", "deployments"), ("argoproj.io", "rollouts")],
            policy.Spec.MatchConstraints.ResourceRules.Select(r => (r.ApiGroups.Single(), r.Resources.Single())));
        var binding = (V1ValidatingAdmissionPolicyBinding)((KubernetesResource)graph.Resource($"validatingadmissionpolicybinding-{AdvancedDeploymentManagement.PolicyName}")).Object;
        Assert.Equal(["Warn", "Audit"], binding.Spec.ValidationActions);
        Assert.Equal(HardMultiTenancy.TenantLabel, Assert.Single(binding.Spec.MatchResources.NamespaceSelector.MatchExpressions).Key);
    }

    [Fact]
    public void Advanced_build_processes_takes_over_the_registry_under_the_same_names()
    {
        var graph = Compose(Azure(3));
        Assert.IsType<ContainerRegistry>(graph.Resource(BasicBuildProcesses.RegistryName));
        var owner = graph.OwnerOf(BasicBuildProcesses.PullAssignmentName);
        Assert.Equal("advanced-build-processes", owner.Id);
        Assert.Contains(owner.Predecessors, p => p.Id == "basic-build-processes");
        Assert.DoesNotContain(graph.Resources, r => r.Name == AdvancedBuildProcesses.CiIdentityName);
        Assert.Contains(graph.Component("advanced-build-processes")!.Notes, n => n.Contains("platform:ciRepositories", StringComparison.Ordinal));
    }

    [Fact]
    public void Ci_repositories_get_a_push_identity_federated_with_github_oidc()
    {
        var graph = Compose(Azure(3) with { CiRepositories = ["my-org/shop", "my-org/Shop.Api"] });
        var credentials = graph.Resources.OfType<FederatedIdentityCredential>().Where(c => c.Identity == AdvancedBuildProcesses.CiIdentityName).ToList();
        Assert.Equal(["repo:my-org/shop:ref:refs/heads/main", "repo:my-org/Shop.Api:ref:refs/heads/main"], credentials.Select(c => c.Subject));
        Assert.All(credentials, c => Assert.Equal(AdvancedBuildProcesses.GitHubIssuer, c.Issuer));
        Assert.All(credentials, c => Assert.Null(c.Cluster));
        var push = Assert.IsType<RoleAssignment>(graph.Resource(AdvancedBuildProcesses.PushAssignmentName));
        Assert.Equal("AcrPush", push.RoleDefinitionName);
        Assert.Equal(new AzureRef(BasicBuildProcesses.RegistryName, AzureOutput.Id), push.Scope);
    }

    [Fact]
    public void On_existing_advanced_build_processes_keeps_publishing_the_registry()
    {
        var graph = Compose(Existing(3));
        Assert.Equal("advanced-build-processes", graph.OwnerOf("configmap-kube-public-local-registry-hosting").Id);
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Golden_paths_publish_the_platform_contract_in_kube_public(DeploymentTarget target)
    {
        var graph = Compose(For(target, 3));
        var configMap = (V1ConfigMap)((KubernetesResource)graph.Resource($"configmap-{PlatformNamespaces.KubePublic}-{GoldenPaths.ConfigMapName}")).Object;
        var contract = YamlDocuments.Parse(configMap.Data[GoldenPaths.ContractKey]).Single()!;
        Assert.Equal("3", contract["level"]!.ToString());
        Assert.Equal(Tenants.Select(t => t.Name), contract["tenants"]!.AsArray().Select(t => (string?)t!["namespace"]));
        Assert.NotNull(contract["deploymentAnnotations"]![DoraContract.CommitShaAnnotation]);
        Assert.Contains(ApplicationObservability.InstrumentationName, (string?)contract["instrumentation"]!["instrumentation"]);
        Assert.Equal("instrumentation.opentelemetry.io/inject-<java|nodejs|python|dotnet>: \"true\"", (string?)contract["instrumentation"]!["podAnnotation"]);
        Assert.Equal(Pins.AutoInstrumentation.Java, (string?)contract["instrumentation"]!["images"]!["java"]);
        // Analyses query the tenant's own proxy, never Prometheus itself.
        Assert.Equal(TenantMetricsProxies.Url("<tenant>"), (string?)contract["progressiveDelivery"]!["prometheus"]);
        if (target == DeploymentTarget.Existing)
            Assert.Equal("localhost:5001", (string?)contract["registry"]);
    }

    [Fact]
    public void Dora_metrics_records_the_four_keys_per_tenant_and_ships_a_dashboard()
    {
        var graph = Compose(Existing(3));
        var name = $"prometheusrule-{WellKnown.MonitoringNamespace}-{DoraMetrics.RuleName}";
        var rule = (CustomObject)((KubernetesResource)graph.Resource(name)).Object;
        var records = rule.Spec!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => (string?)r!["record"]).ToList();
        Assert.Contains("namespace:dora_deployments:count1d", records);
        Assert.Contains("namespace:dora_change_failure_rate:ratio7d", records);
        Assert.Contains("namespace:dora_time_to_restore_seconds:avg7d", records);
        Assert.Contains(DoraMetrics.LeadTime7dRecord, records);
        Assert.Contains(WellKnown.PrometheusStackRelease, graph.Resource(name).DependsOn);
        Level3AvailabilityTests.AssertDashboard(graph, DoraMetrics.DashboardName);
        var dashboard = ((V1ConfigMap)((KubernetesResource)graph.Resource($"configmap-{WellKnown.MonitoringNamespace}-{DoraMetrics.DashboardName}")).Object).Data[$"{DoraMetrics.DashboardName}.json"];
        Assert.Contains(DoraMetrics.LeadTimeRecord, dashboard);
    }

    [Fact]
    public void Level_3_implements_every_delivery_and_availability_practice_of_this_issue_on_both_targets()
    {
        string[] practices =
        [
            "Hard multi-tenancy", "Advanced Platform Monitoring", "Continuous Resiliency Improvement", "Manual Disaster Recovery Testing",
            "Application Observability", "Platform Observability", "Basic Disaster Recovery", "DORA Metrics", "Golden Paths",
            "Advanced Build Processes", "Advanced Deployment Management", "Advanced Delivery Processes", "Basic Delivery Processes",
        ];
        foreach (var target in Enum.GetValues<DeploymentTarget>())
        {
            var graph = Compose(For(target, 3));
            foreach (var practice in practices)
                Assert.Equal(PracticeState.Implemented, Assert.Single(graph.Practices, p => p.Practice == practice).State);
        }
        Assert.Equal(PracticeState.Implemented, Compose(Azure(3)).Practices.Single(p => p.Practice == "Automated Node Provisioning").State);
    }
}
