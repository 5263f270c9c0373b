using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformMaturity.Config;
using PlatformMaturity.Tests.Shared;
using PlatformMaturity.Versions;
using static PlatformMaturity.GoldenPaths.Tests.TestPlatforms;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>The files beside the Kubernetes objects: the CI workflow, the kustomization, the GitOps registration, the catalog entry.</summary>
public sealed partial class DeliveryFilesTests
{
    public static TheoryData<string, int, DeploymentTarget> Supported => SupportedCases();

    private static JsonNode Workflow(string goldenPath, int level, DeploymentTarget target) =>
        YamlDocuments.ParseSingle(Render(goldenPath, level, target).Files.Single(f => f.Path == ".github/workflows/shop.yaml").Content)!;

    [Theory]
    [InlineData("web-service", 3, DeploymentTarget.Existing)]
    [InlineData("web-service", 4, DeploymentTarget.Azure)]
    [InlineData("cron-job", 5, DeploymentTarget.Existing)]
    [InlineData("ml-training-job", 5, DeploymentTarget.Azure)]
    public void The_CI_workflow_pins_every_action_by_SHA_and_Trivy_by_digest(string goldenPath, int level, DeploymentTarget target)
    {
        var text = Render(goldenPath, level, target).Files.Single(f => f.Path == ".github/workflows/shop.yaml").Content;
        var uses = UsesLine().Matches(text).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(uses);
        Assert.All(uses, u => Assert.Matches("^[a-z0-9-]+/[a-z0-9-]+@[0-9a-f]{40} # v[0-9.]+$", u));
        var pinned = typeof(Pins.GoldenPathCi).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.All(uses, u => Assert.Contains(u, pinned));
        Assert.Contains($"TRIVY_IMAGE: {Pins.GoldenPathCi.TrivyImage}", text, StringComparison.Ordinal);
        Assert.Matches("@sha256:[0-9a-f]{64}$", Pins.GoldenPathCi.TrivyImage);
    }

    [GeneratedRegex(@"uses: (.+)$", RegexOptions.Multiline)]
    private static partial Regex UsesLine();

    [Fact]
    public void The_CI_workflow_scans_and_fails_on_critical_findings_then_pushes_to_the_platform_registry()
    {
        var workflow = Workflow("web-service", 3, DeploymentTarget.Existing);
        var steps = workflow["jobs"]!["build"]!["steps"]!.AsArray().Select(s => s!).ToList();
        string Run(string name) => steps.Single(s => s["name"]?.GetValue<string>().StartsWith(name, StringComparison.Ordinal) == true)["run"]!.GetValue<string>();

        Assert.Contains("--scanners secret --exit-code 1", Run("Scan the repository for secrets"), StringComparison.Ordinal);
        Assert.Contains("config --severity HIGH,CRITICAL --exit-code 1", Run("Build the manifests"), StringComparison.Ordinal);
        Assert.Contains("image --severity CRITICAL --ignore-unfixed --exit-code 1", Run("Scan the image"), StringComparison.Ordinal);
        Assert.Contains("--format cyclonedx", Run("Produce the SBOM"), StringComparison.Ordinal);
        Assert.Contains("kustomize edit set image \"$IMAGE=$IMAGE:$GITHUB_SHA\"", Run("Record the new tag"), StringComparison.Ordinal);
        Assert.Contains("platform.maturity/commit-sha", Run("Record the new tag"), StringComparison.Ordinal);
        var login = steps.Single(s => s["name"]?.GetValue<string>() == "Log in to the platform registry");
        Assert.Equal("registry.example.com", login["with"]!["registry"]!.GetValue<string>());
        var push = steps.Single(s => s["id"]?.GetValue<string>() == "push");
        Assert.Equal("${{ env.IMAGE }}:${{ github.sha }}", push["with"]!["tags"]!.GetValue<string>());
        Assert.Equal($"{Registry}/shop", workflow["env"]!["IMAGE"]!.GetValue<string>());
        Assert.Equal("read", workflow["permissions"]!["contents"]!.GetValue<string>());
        Assert.DoesNotContain(steps, s => s["name"]?.GetValue<string>().StartsWith("Sign", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void From_level_4_CI_signs_the_image_and_commits_the_tag_for_Argo_CD_and_on_azure_logs_in_with_OIDC()
    {
        var workflow = Workflow("web-service", 4, DeploymentTarget.Azure);
        var steps = workflow["jobs"]!["build"]!["steps"]!.AsArray().Select(s => s!).ToList();
        Assert.Contains(steps, s => s["run"]?.GetValue<string>() == "cosign sign --yes \"$IMAGE@$DIGEST\"");
        Assert.Contains(steps, s => s["run"]?.GetValue<string>().Contains("git push", StringComparison.Ordinal) == true);
        Assert.Equal("write", workflow["permissions"]!["contents"]!.GetValue<string>());
        Assert.Equal("write", workflow["permissions"]!["id-token"]!.GetValue<string>());
        // In YAML the "# vX" after the SHA is a comment, so the parsed value is the action and its SHA.
        static string Action(string pin) => pin[..pin.IndexOf(" #", StringComparison.Ordinal)];
        Assert.Contains(steps, s => s["uses"]?.GetValue<string>() == Action(Pins.GoldenPathCi.AzureLogin));
        Assert.Contains(steps, s => s["run"]?.GetValue<string>() == "az acr login --name acmeplatform");
        Assert.DoesNotContain(steps, s => s["uses"]?.GetValue<string>() == Action(Pins.GoldenPathCi.DockerLogin));
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public void Workflow_expressions_only_read_GitHub_contexts_never_user_input(string goldenPath, int level, DeploymentTarget target)
    {
        var workflow = Render(goldenPath, level, target).Files.SingleOrDefault(f => f.Path.StartsWith(".github/", StringComparison.Ordinal));
        if (workflow is null)
            return;
        foreach (Match expression in Expression().Matches(workflow.Content))
            Assert.Matches(@"^(github|env|secrets|vars|steps|runner)\.[A-Za-z_.]+$", expression.Groups[1].Value);
    }

    [GeneratedRegex(@"\$\{\{ ([^}]*) \}\}")]
    private static partial Regex Expression();

    [Fact]
    public void The_kustomization_lists_every_object_file_and_the_image_tag_CI_updates()
    {
        var app = Render("web-service", 3);
        var kustomization = YamlDocuments.ParseSingle(app.Files.Single(f => f.Path == "kustomization.yaml").Content)!;
        var resources = kustomization["resources"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Equal(app.Files.Where(f => !f.Path.Contains('/') && f.Path.EndsWith(".yaml", StringComparison.Ordinal) && f.Path != "kustomization.yaml").Select(f => f.Path), resources);
        Assert.Null(kustomization["namespace"]);
        var image = kustomization["images"]![0]!;
        Assert.Equal($"{Registry}/shop", image["name"]!.GetValue<string>());
        Assert.Equal("0.1.0", image["newTag"]!.GetValue<string>());
    }

    [Fact]
    public void At_level_5_the_catalog_entry_is_listed_by_Backstage_not_by_kustomize()
    {
        var app = Render("ml-inference", 5);
        var kustomization = app.Files.Single(f => f.Path == "kustomization.yaml").Content;
        Assert.DoesNotContain("catalog-info.yaml", kustomization, StringComparison.Ordinal);
        var component = YamlDocuments.ParseSingle(app.Files.Single(f => f.Path == "catalog-info.yaml").Content)!;
        Assert.Equal("backstage.io/v1alpha1", component["apiVersion"]!.GetValue<string>());
        Assert.Equal("Component", component["kind"]!.GetValue<string>());
        Assert.Equal("group:team-a", component["spec"]!["owner"]!.GetValue<string>());
        Assert.Equal("experimental", component["spec"]!["lifecycle"]!.GetValue<string>());
        Assert.Equal("team-a", component["metadata"]!["annotations"]!["backstage.io/kubernetes-namespace"]!.GetValue<string>());
        Assert.Equal("acme/shop", component["metadata"]!["annotations"]!["github.com/project-slug"]!.GetValue<string>());
    }

    [Fact]
    public void Level_4_registers_the_app_with_Argo_CD_under_the_teams_project_and_level_5_places_it_on_every_cluster()
    {
        var application = RenderedObject.Of(Render("web-service", 4)).Single(o => o.Kind == "Application").Json;
        Assert.Equal("team-a", application["spec"]!["project"]!.GetValue<string>());
        Assert.Equal("https://github.com/acme/shop.git", application["spec"]!["source"]!["repoURL"]!.GetValue<string>());
        Assert.Equal("team-a", application["spec"]!["destination"]!["namespace"]!.GetValue<string>());

        var set = RenderedObject.Of(Render("web-service", 5)).Single(o => o.Kind == "ApplicationSet").Json;
        Assert.Equal("acme", set["spec"]!["generators"]![0]!["clusters"]!["selector"]!["matchLabels"]![PlatformContract.ClusterSelectorLabel]!.GetValue<string>());
        Assert.Equal("{{ .server }}", set["spec"]!["template"]!["spec"]!["destination"]!["server"]!.GetValue<string>());
    }

    [Fact]
    public void Level_5_gpu_apps_are_placed_on_the_gpu_members_and_every_other_app_on_the_members_without_one()
    {
        // The label the fleet hub's registrations carry for a member listing the gpu capability (Multi-cluster Platform).
        var gpuLabel = Practices.Availability.MultiClusterPlatform.CapabilityLabel(Practices.Availability.MultiClusterPlatform.GpuCapability);
        foreach (var template in new[] { "ml-inference", "ml-training-job" })
        {
            var selector = RenderedObject.Of(Render(template, 5)).Single(o => o.Kind == "ApplicationSet").Json["spec"]!["generators"]![0]!["clusters"]!["selector"]!;
            Assert.Equal("true", selector["matchLabels"]![gpuLabel]!.GetValue<string>());
            Assert.Null(selector["matchExpressions"]);
        }
        foreach (var template in new[] { "web-service", "worker" })
        {
            var selector = RenderedObject.Of(Render(template, 5)).Single(o => o.Kind == "ApplicationSet").Json["spec"]!["generators"]![0]!["clusters"]!["selector"]!;
            Assert.Null(selector["matchLabels"]![gpuLabel]);
            var expression = Assert.Single(selector["matchExpressions"]!.AsArray());
            Assert.Equal((gpuLabel, "DoesNotExist"), (expression!["key"]!.GetValue<string>(), expression["operator"]!.GetValue<string>()));
        }
    }

    [Fact]
    public void Level_5_gpu_workloads_request_gpus_tolerate_the_gpu_pool_and_training_jobs_queue_in_kueue()
    {
        var job = RenderedObject.Of(Render("ml-training-job", 5, extraSets: ["gpus=2"])).Single(o => o.Kind == "Job");
        Assert.Equal("default", job.Label(PlatformContract.KueueQueueLabel));
        var spec = job.PodTemplates().Single()["spec"]!;
        Assert.Equal(2, spec["containers"]![0]!["resources"]!["limits"]![PlatformContract.GpuResource]!.GetValue<long>());
        Assert.Contains(spec["tolerations"]!.AsArray(), t => t!["key"]!.GetValue<string>() == PlatformContract.GpuResource && t["effect"]!.GetValue<string>() == "NoSchedule");
        Assert.Equal("batch", spec["priorityClassName"]!.GetValue<string>());

        var inference = RenderedObject.Of(Render("ml-inference", 5));
        var scaled = inference.Single(o => o.Kind == "ScaledObject").Json;
        Assert.Equal("prometheus", scaled["spec"]!["triggers"]![0]!["type"]!.GetValue<string>());
        // KEDA's operator queries for every tenant: the trigger names the app's namespace's own proxy, not Prometheus.
        var ns = scaled["metadata"]!["namespace"]!.GetValue<string>();
        Assert.Equal(PlatformContract.TenantPrometheusUrl(ns), scaled["spec"]!["triggers"]![0]!["metadata"]!["serverAddress"]!.GetValue<string>());
        Assert.Contains($"namespace=\"{ns}\"", scaled["spec"]!["triggers"]![0]!["metadata"]!["query"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_event_driven_function_scales_to_zero_and_accepts_traffic_only_from_the_KEDA_interceptor()
    {
        var objects = RenderedObject.Of(Render("event-driven-function", 5));
        var route = objects.Single(o => o.Kind == "InterceptorRoute").Json;
        Assert.Equal("shop.team-a.internal", route["spec"]!["rules"]![0]!["hosts"]![0]!.GetValue<string>());
        Assert.Equal("shop", route["spec"]!["target"]!["service"]!.GetValue<string>());
        var scaled = objects.Single(o => o.Kind == "ScaledObject").Json["spec"]!;
        Assert.Equal(0, scaled["minReplicaCount"]!.GetValue<long>());
        var trigger = Assert.Single(scaled["triggers"]!.AsArray())!;
        Assert.Equal("external-push", trigger["type"]!.GetValue<string>());
        // The one scaler address the tenant-metrics-address policy admits, and the route of the app's own namespace.
        Assert.Equal(PlatformContract.KedaHttpScalerAddress, trigger["metadata"]!["scalerAddress"]!.GetValue<string>());
        Assert.Equal(route["metadata"]!["name"]!.GetValue<string>(), trigger["metadata"]!["interceptorRoute"]!.GetValue<string>());
        // The gateway sends the host to the interceptor (allowed by the platform's ReferenceGrant in the KEDA namespace).
        var backend = objects.Single(o => o.Kind == "HTTPRoute").Json["spec"]!["rules"]![0]!["backendRefs"]![0]!;
        Assert.Equal(PlatformContract.KedaHttpInterceptorService, backend["name"]!.GetValue<string>());
        Assert.Equal(PlatformContract.KedaNamespace, backend["namespace"]!.GetValue<string>());
        Assert.Equal(PlatformContract.KedaHttpInterceptorPort, (int)backend["port"]!.GetValue<long>());
        Assert.Null(objects.Single(o => o.Kind == "Deployment").Json["spec"]!["replicas"]);
        var ingress = objects.Single(o => o.Kind == "NetworkPolicy").Json["spec"]!["ingress"]!.AsArray();
        Assert.Contains(ingress, rule => rule!["from"]![0]!["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"]?.GetValue<string>() == PlatformContract.KedaNamespace);
        Assert.DoesNotContain(ingress, rule => rule!["from"]![0]!["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"]?.GetValue<string>() == "gateway-system");
    }

    [Fact]
    public void An_exposed_service_admits_traffic_from_the_namespace_the_platforms_tenant_policies_name_as_the_gateway()
    {
        var policy = RenderedObject.Of(Render("web-service", 3)).Single(o => o.Kind == "NetworkPolicy").Json;
        var from = policy["spec"]!["ingress"]![0]!["from"]!.AsArray();
        Assert.Contains(from, peer => peer!["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"]?.GetValue<string>() == TestPlatforms.Config(3).IngressNamespace);
    }

    [Fact]
    public void Outside_production_level_5_scales_down_out_of_hours_and_in_production_keeps_its_minimum()
    {
        var nonprod = RenderedObject.Of(Render("web-service", 5)).Single(o => o.Kind == "ScaledObject").Json["spec"]!;
        Assert.Equal(0, nonprod["minReplicaCount"]!.GetValue<long>());
        Assert.Contains(nonprod["triggers"]!.AsArray(), t => t!["type"]!.GetValue<string>() == "cron");

        var prod = RenderedObject.Of(Render("web-service", 5, environment: EnvironmentKind.Prod)).Single(o => o.Kind == "ScaledObject").Json["spec"]!;
        Assert.Equal(2, prod["minReplicaCount"]!.GetValue<long>());
        Assert.DoesNotContain(prod["triggers"]!.AsArray(), t => t!["type"]!.GetValue<string>() == "cron");
    }

    [Fact]
    public void The_network_policy_allows_only_what_the_app_declares()
    {
        var level2 = RenderedObject.Of(Render("web-service", 2, extraSets: ["allow-from=orders,payments", "expose=false"])).Single(o => o.Kind == "NetworkPolicy").Json["spec"]!;
        var peers = level2["ingress"]![0]!["from"]!.AsArray().Select(p => p!["podSelector"]!["matchLabels"]!["app.kubernetes.io/name"]!.GetValue<string>());
        Assert.Equal(["orders", "payments"], peers);
        Assert.Single(level2["ingress"]!.AsArray());
        Assert.Equal(["Ingress"], level2["policyTypes"]!.AsArray().Select(t => t!.GetValue<string>()));

        var worker = RenderedObject.Of(Render("worker", 2)).Single(o => o.Kind == "NetworkPolicy").Json["spec"]!;
        Assert.Empty(worker["ingress"]!.AsArray());

        var level4 = RenderedObject.Of(Render("web-service", 4, extraSets: ["calls=inventory"])).Single(o => o.Kind == "NetworkPolicy").Json["spec"]!;
        Assert.Contains("Egress", level4["policyTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        var egressPeers = level4["egress"]!.AsArray().SelectMany(r => r!["to"]!.AsArray()).ToList();
        Assert.Contains(egressPeers, p => p!["podSelector"]?["matchLabels"]?["k8s-app"]?.GetValue<string>() == "kube-dns");
        Assert.Contains(egressPeers, p => p!["podSelector"]?["matchLabels"]?["app.kubernetes.io/name"]?.GetValue<string>() == "inventory");
        Assert.Equal(2, egressPeers.Count);
    }

    [Fact]
    public void Below_level_3_the_files_say_golden_paths_become_the_standard_at_level_3()
    {
        var readme = Render("web-service", 2).Files.Single(f => f.Path == "PLATFORM.md").Content;
        Assert.Contains("Level 2 has no Golden Paths practice", readme, StringComparison.Ordinal);
        Assert.Contains("standard\n> at Level 3", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("has no Golden Paths practice", Render("web-service", 3).Files.Single(f => f.Path == "PLATFORM.md").Content, StringComparison.Ordinal);
    }
}
