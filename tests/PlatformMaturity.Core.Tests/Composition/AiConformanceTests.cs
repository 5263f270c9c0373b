using PlatformMaturity.Conformance;
using PlatformMaturity.Config;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>Level 5's exit test: every MUST of the AI Conformance checklist names a component of a Level 5 platform, and lower levels are told what is missing.</summary>
public sealed class AiConformanceTests
{
    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void At_level_5_every_must_names_the_component_that_meets_it(DeploymentTarget target)
    {
        var results = AiConformance.Check(Compose(For(target, 5)));
        Assert.Equal(["dra_support", "ai_inference", "gang_scheduling", "cluster_autoscaling", "pod_autoscaling", "accelerator_metrics", "ai_service_metrics", "secure_accelerator_access", "robust_controller"],
            results.Select(r => r.Requirement.Id));
        Assert.All(results, r =>
        {
            Assert.NotEqual(AiConformance.NotImplemented, r.Status);
            Assert.False(r.Components.IsEmpty, $"{r.Requirement.Id} names no component");
            Assert.False(string.IsNullOrWhiteSpace(r.Notes));
        });
        var autoscaling = results.Single(r => r.Requirement.Id == "cluster_autoscaling");
        Assert.Equal(target == DeploymentTarget.Azure ? AiConformance.Implemented : AiConformance.NotApplicable, autoscaling.Status);
        Assert.Contains(results.Single(r => r.Requirement.Id == "gang_scheduling").Objects, o => o.StartsWith("ClusterQueue ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing, "kserve")]
    [InlineData(DeploymentTarget.Azure, "kaito-workspace")]
    public void At_level_5_kuberay_is_the_ai_operator_the_inference_operator_serves_behind_the_gateway_and_dra_says_why_not(DeploymentTarget target, string inferenceRelease)
    {
        var graph = Compose(For(target, 5));
        var results = AiConformance.Check(graph).ToDictionary(r => r.Requirement.Id);
        var robust = results["robust_controller"];
        Assert.Equal(AiConformance.Implemented, robust.Status);
        Assert.StartsWith("kuberay-operator (chart kuberay-operator 1.7.0", robust.Components[0], StringComparison.Ordinal);
        Assert.Contains(graph.Resources.OfType<PlatformMaturity.Graph.HelmRelease>(), r => r.ReleaseName == "kuberay-operator" && r.ProvidesApiGroups.Contains("ray.io"));
        Assert.Contains(results["ai_inference"].Components, c => c.StartsWith(inferenceRelease + " (", StringComparison.Ordinal));

        // No GPU DRA driver: verify says which chart refuses, why, and what would make it consistent.
        var dra = results["dra_support"];
        Assert.Equal(AiConformance.PartiallyImplemented, dra.Status);
        Assert.Contains("nvidia-dra-driver-gpu 25.12.0", dra.Notes, StringComparison.Ordinal);
        Assert.Contains("DRAExtendedResource", dra.Notes, StringComparison.Ordinal);
        Assert.DoesNotContain(graph.Resources.OfType<PlatformMaturity.Graph.KubernetesResource>(), o => o.Kind == "DeviceClass");
        var gpuOperator = graph.Resources.OfType<PlatformMaturity.Graph.HelmRelease>().Single(r => r.ReleaseName == "gpu-operator");
        Assert.Equal(true, gpuOperator.Values.Get("devicePlugin.enabled")); // one advertiser of each GPU
    }

    [Fact]
    public void Below_level_5_the_gpu_musts_are_not_implemented_and_the_product_yaml_says_so_per_category()
    {
        var config = Existing(4);
        var results = AiConformance.Check(Compose(config));
        Assert.Contains(results, r => r.Requirement.Id == "gang_scheduling" && r.Status == AiConformance.NotImplemented);
        var yaml = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(AiConformance.ProductYaml(config, results));
        var spec = Assert.IsType<Dictionary<object, object>>(yaml["spec"]);
        Assert.Equal(["accelerators", "networking", "schedulingOrchestration", "observability", "security", "operator"], spec.Keys.Select(k => (string)k));
        var gang = ((List<object>)spec["schedulingOrchestration"]).Cast<Dictionary<object, object>>().Single(r => (string)r["id"] == "gang_scheduling");
        Assert.Equal(AiConformance.NotImplemented, gang["status"]);
    }
}
