using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Security;
using PlatformMaturity.Model;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>Advanced Vulnerabilities Management: alerts on critical findings, a registry allow-list at admission, Defender on azure.</summary>
public sealed class AdvancedVulnerabilitiesManagementTests
{
    private const string Practice = "Advanced Vulnerabilities Management";

    private static readonly MaturityModel TestModel = MaturityModel.Default;

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Tenant_namespaces_may_only_run_images_from_the_allowed_registries(DeploymentTarget target)
    {
        var graph = Compose(For(target, 3));
        var policy = graph.Typed<V1ValidatingAdmissionPolicy>("ValidatingAdmissionPolicy", null, AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy);
        Assert.Equal("Fail", policy.Spec.FailurePolicy);
        Assert.Equal(["pods"], Assert.Single(policy.Spec.MatchConstraints.ResourceRules).Resources);
        var expected = target == DeploymentTarget.Azure ? $"image.startsWith('{AllowedRegistries.AzureLoginServer.Placeholder}/')" : "image.startsWith('localhost:5001/')";
        Assert.Contains(expected, Assert.Single(policy.Spec.Validations).Expression);
        // Never every registry in Azure: only the platform's own, whose login server Azure generates.
        Assert.DoesNotContain("azurecr", Assert.Single(policy.Spec.Validations).Expression);

        var binding = graph.Typed<V1ValidatingAdmissionPolicyBinding>("ValidatingAdmissionPolicyBinding", null, AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy);
        Assert.Equal(["Deny"], binding.Spec.ValidationActions);
        Assert.Equal(policy.Metadata.Name, binding.Spec.PolicyName);
        var selector = Assert.Single(binding.Spec.MatchResources.NamespaceSelector.MatchExpressions);
        Assert.Equal(("kubernetes.io/metadata.name", "In"), (selector.Key, selector.OperatorProperty));
        Assert.Equal(Tenants.Select(t => t.Name), selector.Values);
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing, false)]
    [InlineData(DeploymentTarget.Azure, false)]
    [InlineData(DeploymentTarget.Existing, true)]
    public void The_platforms_injected_images_are_admitted_by_exact_repository_on_both_targets(DeploymentTarget target, bool configured)
    {
        var config = For(target, 3);
        if (configured)
            config = config with { AllowedRegistries = ["reg.example.com"] };
        Assert.Equal([.. AllowedRegistries.For(config), .. TenantPodImages.Repositories], AllowedRegistries.ImageSources(config).ToArray());
        var expression = Compose(config).Typed<V1ValidatingAdmissionPolicy>("ValidatingAdmissionPolicy", null, AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy).Spec.Validations[0].Expression;
        Assert.Contains("image.matches('^ghcr\\\\.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java(:", expression);
        Assert.DoesNotContain("startsWith('ghcr.io", expression); // never a prefix: nothing under the repository, no other repository
    }

    [Fact]
    public void On_azure_the_default_is_the_platform_registry_login_server_filled_in_at_deployment()
    {
        var graph = Compose(Azure(3));
        var policy = graph.Object("ValidatingAdmissionPolicy", null, AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy);
        Assert.Equal([AllowedRegistries.AzureLoginServer], policy.TextFromAzure.ToArray());
        // After the registry, whose login server it needs.
        Assert.Contains(AllowedRegistries.AzureLoginServer.Resource, policy.DependsOn);
        Assert.IsType<ContainerRegistry>(graph.Resource(AllowedRegistries.AzureLoginServer.Resource));

        static string Expression(System.Text.Json.Nodes.JsonObject json) => json["spec"]!["validations"]![0]!["expression"]!.GetValue<string>();
        var deployed = Expression(policy.ToJson(["platformacr1234.azurecr.io"]));
        Assert.StartsWith("variables.images.all(image, image.startsWith('platformacr1234.azurecr.io/') || ", deployed);
        Assert.DoesNotContain("$(", deployed);
        Assert.Contains(AllowedRegistries.AzureLoginServer.Placeholder, Expression(policy.ToJson()));

        // A configured list names no Azure output.
        var configured = Compose(Azure(3) with { AllowedRegistries = ["registry.example.com/team"] })
            .Object("ValidatingAdmissionPolicy", null, AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy);
        Assert.Empty(configured.TextFromAzure);
        Assert.DoesNotContain(AllowedRegistries.AzureLoginServer.Resource, configured.DependsOn);
    }

    [Fact]
    public void The_allow_list_expression_matches_exact_prefixes_and_domain_wildcards()
    {
        var expression = AdvancedVulnerabilitiesManagement.AllowedImagesExpression(["registry.example.com/team", "*.azurecr.io"]);
        Assert.Equal(
            "variables.images.all(image, image.startsWith('registry.example.com/team/') || image.matches('^[^/]+\\\\.azurecr\\\\.io/'))",
            expression);
        Assert.Contains("startsWith('reg.example.com/')", Compose(Existing(3) with { AllowedRegistries = ["reg.example.com"] })
            .Typed<V1ValidatingAdmissionPolicy>("ValidatingAdmissionPolicy", null, AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy).Spec.Validations[0].Expression);
    }

    [Fact]
    public void Critical_findings_raise_an_alert_once_the_prometheus_operator_runs()
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(Existing(3));
        var rule = graph.Object("PrometheusRule", WellKnown.MonitoringNamespace, AdvancedVulnerabilitiesManagement.AlertRuleName);
        Assert.Contains(WellKnown.PrometheusStackRelease, rule.DependsOn);
        var spec = ((CustomObject)rule.Object).Spec!;
        var alerts = spec["groups"]![0]!["rules"]!.AsArray().Select(r => r!["alert"]!.GetValue<string>()).ToList();
        Assert.Equal(["CriticalVulnerabilityInRunningImage", "VulnerabilityScannerDown"], alerts);
        Assert.Contains("trivy_image_vulnerabilities", spec["groups"]![0]!["rules"]![0]!["expr"]!.GetValue<string>());
        Assert.Empty(graph.SchemaErrors());
    }

    [Fact]
    public void On_azure_defender_reports_to_the_platform_log_analytics_workspace_when_the_foundation_holds_it()
    {
        // The workspace must exist before the cluster; a foundation that holds it is the arrangement without a cycle.
        var config = Azure(3);
        var inEffect = TestModel.InEffectAt(3).Select(p => p.Practice.Name).ToHashSet();
        // Only the foundation and this practice are built, so the graph implements neither monitoring nor the build
        // processes that create the registry.
        var implemented = inEffect.Where(p => p is not (WellKnown.BasicPlatformMonitoring or WellKnown.AdvancedPlatformMonitoring
            or PlatformMaturity.Practices.Delivery.BasicBuildProcesses.PracticeName or PlatformMaturity.Practices.Delivery.AdvancedBuildProcesses.PracticeName)).ToHashSet();
        var builder = new GraphBuilder(config, [Foundation.PrimaryCluster(config)], inEffect, implemented);
        var foundation = builder.StartComponent(GraphComponent.FoundationId, Foundation.TypeToken, Provenance.FoundationSource, Provenance.Foundation);
        Foundation.Build(foundation);
        foundation.Add(new LogAnalyticsWorkspace
        {
            Name = WellKnown.LogAnalyticsWorkspace,
            Provenance = Provenance.Foundation,
            ResourceGroup = Foundation.ResourceGroupName,
            Location = config.PrimaryRegion,
        });
        var practice = TestModel.Practice(Practice);
        new AdvancedVulnerabilitiesManagement().Build(builder.StartComponent(practice.Slug, "platform:security:AdvancedVulnerabilitiesManagement",
            Practice, new Provenance(Practice, practice.FirstLevel)));
        var graph = builder.Build([]);

        var cluster = graph.Cluster();
        var defender = Assert.IsType<LogAnalyticsLink>(cluster.MicrosoftDefender);
        Assert.Equal(new AzureRef(WellKnown.LogAnalyticsWorkspace, AzureOutput.Id), defender.Workspace);
        Assert.Contains(WellKnown.LogAnalyticsWorkspace, cluster.DependsOn);
        Assert.Equal(Practice, cluster.ProvenanceOf("MicrosoftDefender.Workspace.Resource").Source);
    }

    [Fact]
    public void Without_a_workspace_before_the_cluster_defender_stays_off_and_the_component_says_so()
    {
        var graph = Compose(Azure(3));
        if (graph.Resources.Any(r => r.Name == WellKnown.LogAnalyticsWorkspace && graph.OwnerOf(r.Name).Id == GraphComponent.FoundationId))
            return; // the foundation holds it: the test above covers that arrangement
        Assert.Null(graph.Cluster().MicrosoftDefender);
        Assert.Contains(graph.ComponentOf(Practice).Notes, n => n.Contains("Defender for Containers is not enabled"));
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void From_level_4_it_runs_the_scanner_itself_under_the_same_names(DeploymentTarget target)
    {
        var graph = Compose(For(target, 4));
        Assert.False(graph.InEffect("Basic Vulnerabilities Management"));
        var release = graph.Release(VulnerabilityScanner.ReleaseName);
        Assert.Equal("advanced-vulnerabilities-management", graph.OwnerOf(release.Name).Id);
        Assert.Equal(4, release.Provenance.Level);
        Assert.Contains(graph.ComponentOf(Practice).Predecessors, p => p.Id == "basic-vulnerabilities-management");
    }

    [Fact]
    public void Level_2_has_no_admission_policy()
    {
        Assert.DoesNotContain(Compose(Existing(2)).Resources, r => r.Kind.StartsWith("ValidatingAdmissionPolicy", StringComparison.Ordinal));
    }
}
