using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.PulumiHost.Mapping;
using PlatformMaturity.Tests.Shared;
using Pulumi;
using Pulumi.Utilities;
using AzureGraph = PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.PulumiHost.Tests;

/// <summary>
/// `pulumi up` of every example stack in stacks/, under Pulumi's test engine: the program registers exactly the
/// graph pmctl describes for that stack, with the graph's settings as inputs, and keeps secrets secret.
/// </summary>
[Collection(PulumiCollection.Name)]
public sealed class ExampleStackTests : PulumiTest
{
    public static IEnumerable<string> StackNames() =>
        Directory.EnumerateFiles(TestPaths.Stacks, StackFile.Prefix + "*" + StackFile.Extension).Order(StringComparer.Ordinal)
            .Select(file => Path.GetFileName(file)[StackFile.Prefix.Length..^StackFile.Extension.Length]);

    public static TheoryData<string> Stacks() => [.. StackNames()];

    /// <summary>The example stack's config, as pmctl and the program parse it.</summary>
    public static PlatformConfig Config(string stack) =>
        PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, stack), stack), stack);

    /// <summary>The example stack's graph, as pmctl and the program compose it.</summary>
    public static PlatformGraph Compose(string stack) => Composer.Default.Compose(Config(stack));

    [Fact]
    public void There_are_example_stacks_for_both_targets()
    {
        var targets = StackNames().Select(s => PlatformConfigParser.ParseOrThrow(
            StackFile.Read(StackFile.PathFor(TestPaths.Stacks, s), s), s).Target).ToHashSet();
        Assert.Equal(Enum.GetValues<DeploymentTarget>().ToHashSet(), targets);
    }

    /// <summary>
    /// The per-stack checks below fill Azure outputs into Kubernetes objects only where a stack has such objects: at
    /// least one example stack must, so that the registry's login server (the allowed-registries policy's default on
    /// azure) is exercised under the mocks rather than skipped.
    /// </summary>
    [Fact]
    public void An_example_stack_names_the_platform_registry_by_its_Azure_login_server()
    {
        var references = StackNames()
            .Select(s => Composer.Default.Compose(PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, s), s), s)))
            .SelectMany(graph => graph.Resources.OfType<KubernetesResource>())
            .SelectMany(resource => resource.TextFromAzure);
        Assert.Contains(references, r => r.Output == AzureGraph.AzureOutput.LoginServer
            && r.Resource == PlatformMaturity.Practices.Delivery.BasicBuildProcesses.RegistryName);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Registers_one_component_per_graph_component_and_one_resource_per_graph_resource(string stack)
    {
        var run = await Run(stack);
        var graph = run.Mapped.Graph;

        Assert.Equal(TestDeployment.ExpectedRegistrations(graph), run.Registrations);

        foreach (var component in graph.Components)
        {
            var pulumiComponent = run.Mapped.Components[component.Id];
            Assert.Equal(component.TypeToken, pulumiComponent.GetResourceType());
            Assert.Equal(component.Id, pulumiComponent.GetResourceName());
            Assert.Contains(pulumiComponent, run.Resources);
            foreach (var resource in component.Resources.Where(r => PlatformMaturity.GitOps.GitOpsDelivery.ByPulumi(graph, r)))
            {
                Assert.Same(pulumiComponent, run.Mapped.Resources.ParentOf(resource.Name));
                var pulumiResource = run.Mapped.Resources[resource.Name];
                Assert.Equal(PulumiTypes.Of(resource), pulumiResource.GetResourceType());
                Assert.Equal(resource.Name, pulumiResource.GetResourceName());
                Assert.Contains(pulumiResource, run.Resources);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Kubernetes_objects_and_Helm_releases_carry_the_graph_objects_and_pinned_charts(string stack)
    {
        var run = await Run(stack);
        foreach (var resource in TestDeployment.ByPulumi(run.Mapped.Graph).OfType<KubernetesResource>())
        {
            var inputs = run.Mocks.Single(PulumiTypes.Of(resource), resource.Name).Inputs;
            var objects = Assert.IsAssignableFrom<System.Collections.IEnumerable>(inputs["objs"]).Cast<object>().ToList();
            // The object as composed, with the Azure outputs it names (e.g. the registry's login server) as the mocks answer them.
            var expected = resource.TextFromAzure.IsDefaultOrEmpty
                ? JsonNode.Parse(KubernetesJson.Serialize(resource.Object))
                : resource.ToJson([.. resource.TextFromAzure.Select(r => MockOutput(r, run))]);
            Inputs.Equal(expected, Assert.Single(objects), resource.Name);
            foreach (var reference in resource.TextFromAzure)
                Assert.DoesNotContain(reference.Placeholder, Inputs.Json(Assert.Single(objects))!.ToJsonString());
        }
        foreach (var release in TestDeployment.ByPulumi(run.Mapped.Graph).OfType<HelmRelease>())
        {
            var inputs = run.Mocks.Single(PulumiTypes.Of(release), release.Name).Inputs;
            Assert.Equal(release.ReleaseName, inputs["name"]);
            Assert.Equal(release.Chart.Name, inputs["chart"]);
            Assert.Equal(release.Chart.Version, inputs["version"]);
            Assert.Equal(release.Namespace, inputs["namespace"]);
            Assert.Equal(release.CreateNamespace, inputs["createNamespace"]);
            Assert.Equal(release.Atomic, inputs["atomic"]);
            Assert.Equal((double)release.TimeoutSeconds, inputs["timeout"]);
            Assert.Equal(release.Chart.IsOci ? null : release.Chart.Repository, Inputs.At(inputs, "repositoryOpts.repo"));
            Inputs.Equal(ExpectedValues(release, run).ToJson(), inputs["values"], $"{release.Name} values");
        }
        foreach (var (name, provider) in run.Mapped.Providers.ByCluster)
        {
            var cluster = run.Mapped.Graph.Clusters.Single(c => c.Key == name);
            var inputs = run.Mocks.Single(PulumiTypes.Provider, KubernetesProviders.NameFor(cluster)).Inputs;
            if (cluster.AksResource is { } aks)
                Assert.Equal(RecordingMocks.KubeconfigOf(aks), inputs["kubeconfig"]);
            else
                Assert.Equal(cluster.KubeContext, inputs.GetValueOrDefault("context"));
        }
    }

    /// <summary>The release's values with the Azure outputs it names filled in as the mocks answer them.</summary>
    private static HelmValues ExpectedValues(HelmRelease release, TestDeployment run) =>
        release.ValuesFromAzure.Aggregate(release.Values, (values, v) => values.WithAt(v.Key, MockOutput(v.Value, run)));

    private static string MockOutput(AzureGraph.AzureRef reference, TestDeployment run)
    {
        var name = reference.Resource;
        return reference.Output switch
        {
            AzureGraph.AzureOutput.Id => RecordingMocks.IdOf(name),
            AzureGraph.AzureOutput.Name => run.Mocks.Single(run.Mapped.Resources[name].GetResourceType(), name).Inputs
                .GetValueOrDefault("name") as string ?? $"{name}-azure-name",
            AzureGraph.AzureOutput.ClientId => $"{name}-client-id",
            AzureGraph.AzureOutput.PrincipalId => $"{name}-principal-id",
            AzureGraph.AzureOutput.OidcIssuerUrl => RecordingMocks.OidcIssuerOf(name),
            AzureGraph.AzureOutput.KubeletIdentityObjectId => RecordingMocks.KubeletObjectId,
            AzureGraph.AzureOutput.LoginServer => RecordingMocks.LoginServerOf(name),
            AzureGraph.AzureOutput.Fqdn => RecordingMocks.FqdnOf(name),
            AzureGraph.AzureOutput.ClusterCaCertificate => RecordingMocks.CaOf(name),
            _ => throw new ArgumentOutOfRangeException(nameof(reference)),
        };
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Azure_resources_carry_every_setting_of_their_graph_records(string stack)
    {
        var run = await Run(stack);
        var graph = run.Mapped.Graph;
        foreach (var group in graph.Resources.OfType<AzureGraph.ResourceGroup>())
        {
            var inputs = run.Mocks.Single(PulumiTypes.Of(group), group.Name).Inputs;
            Assert.Equal(group.ResourceGroupName, inputs["name"]);
            Assert.Equal(group.Location, inputs["location"]);
            Inputs.Equal(Json(group.Tags), inputs["tags"], "resource group tags");
        }
        foreach (var cluster in graph.Resources.OfType<AzureGraph.KubernetesCluster>())
            AksAssertions.InputsMatch(cluster, graph, run.Mocks);
        foreach (var pool in graph.Resources.OfType<AzureGraph.KubernetesClusterNodePool>())
        {
            AksAssertions.InputsMatch(pool, run.Mocks);
            // Created after its cluster, whose id it takes (checked above); the system pool then keeps only critical add-ons.
            Assert.Contains(pool.Cluster, pool.DependsOn);
            Assert.True(((AzureGraph.KubernetesCluster)graph.Resource(pool.Cluster)).DefaultNodePool.OnlyCriticalAddonsEnabled);
        }
        foreach (var registry in graph.Resources.OfType<AzureGraph.ContainerRegistry>())
        {
            var inputs = run.Mocks.Single(PulumiTypes.Of(registry), registry.Name).Inputs;
            Assert.Equal(registry.Sku, inputs["sku"]);
            Assert.Equal(registry.AdminEnabled, inputs["adminEnabled"]);
            Assert.Equal(AzureName(graph, registry.ResourceGroup), inputs["resourceGroupName"]);
            Assert.Equal(registry.Location, inputs["location"]);
            Inputs.Equal(Json(registry.Tags), inputs["tags"], "registry tags");
        }
        foreach (var vault in graph.Resources.OfType<AzureGraph.KeyVault>())
        {
            var inputs = run.Mocks.Single(PulumiTypes.Of(vault), vault.Name).Inputs;
            Assert.Equal(RecordingMocks.TenantId, inputs["tenantId"]);
            Assert.Equal(vault.SkuName, inputs["skuName"]);
            Assert.Equal(vault.RbacAuthorizationEnabled, inputs["rbacAuthorizationEnabled"]);
            Assert.Equal(vault.PurgeProtectionEnabled, inputs["purgeProtectionEnabled"]);
            Assert.Equal((double)vault.SoftDeleteRetentionDays, inputs["softDeleteRetentionDays"]);
            Assert.Equal(AzureName(graph, vault.ResourceGroup), inputs["resourceGroupName"]);
            Assert.Equal(vault.Location, inputs["location"]);
            Inputs.Equal(Json(vault.Tags), inputs["tags"], "key vault tags");
        }
        foreach (var assignment in graph.Resources.OfType<AzureGraph.RoleAssignment>())
        {
            var inputs = run.Mocks.Single(PulumiTypes.Of(assignment), assignment.Name).Inputs;
            Assert.Equal(assignment.RoleDefinitionName, inputs["roleDefinitionName"]);
            Assert.Equal(assignment.PrincipalType, inputs["principalType"]);
            Assert.Equal(RecordingMocks.IdOf(assignment.Scope.Resource), inputs["scope"]);
            if (assignment.PrincipalId.Output == AzureGraph.AzureOutput.KubeletIdentityObjectId)
                Assert.Equal(RecordingMocks.KubeletObjectId, inputs["principalId"]);
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Outputs_say_level_target_practices_and_clusters_and_keep_the_kubeconfig_secret(string stack)
    {
        var run = await Run(stack);
        var graph = run.Mapped.Graph;
        Assert.Equal(graph.Config.Level, run.Outputs["level"]);
        Assert.Equal(ConfigNames.Of(graph.Config.Target), run.Outputs["target"]);
        Assert.Equal(graph.Practices.Select(p => p.Practice), Assert.IsAssignableFrom<IEnumerable<string>>(run.Outputs["practicesInEffect"]));
        Assert.Equal(
            graph.Practices.Where(p => p.State == PracticeState.NotApplicable).Select(p => p.Practice),
            Assert.IsAssignableFrom<IDictionary<string, string>>(run.Outputs["practicesNotApplicable"]).Keys);

        var clusters = Assert.IsAssignableFrom<IDictionary<string, object>>(run.Outputs["clusters"]);
        Assert.Equal(graph.Clusters.Select(c => c.Key), clusters.Keys);
        foreach (var cluster in graph.Clusters)
        {
            if (cluster.AksResource is { } aks)
            {
                var name = await OutputUtilities.GetValueAsync((Output<string>)clusters[cluster.Key]);
                Assert.Equal(((AzureGraph.KubernetesCluster)graph.Resource(aks)).ClusterName, name);
                var kubeconfig = (Output<string>)run.Outputs[cluster.Key == ClusterRef.PrimaryKey ? "kubeconfig" : $"kubeconfig-{cluster.Key}"]!;
                Assert.True(await Output.IsSecretAsync(kubeconfig));
                Assert.Equal(RecordingMocks.KubeconfigOf(aks), await OutputUtilities.GetValueAsync(kubeconfig));
            }
            else
            {
                Assert.IsType<string>(clusters[cluster.Key]);
                Assert.DoesNotContain(run.Outputs.Keys, k => k.StartsWith("kubeconfig", StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task The_same_stack_registers_the_same_inputs_twice(string stack)
    {
        static string Fingerprint(TestDeployment run) => string.Join('\n', run.Mocks.Registered
            .Select(r => $"{r.Type} {r.Name} {Inputs.Json(r.Inputs)!.ToJsonString()}").Order(StringComparer.Ordinal));
        Assert.Equal(Fingerprint(await Run(stack)), Fingerprint(await Run(stack)));
    }

    private static string AzureName(PlatformGraph graph, string resourceGroup) =>
        ((AzureGraph.ResourceGroup)graph.Resource(resourceGroup)).ResourceGroupName;

    private static JsonNode Json(IEnumerable<KeyValuePair<string, string>> map) =>
        new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));

    /// <summary>
    /// Pulumi's mocks do not see resource options, so the options the program registered each resource with are read
    /// back from the mapping: what holds data is retained on delete (left in Azure when a downgrade drops it), the rest
    /// is not, and nothing is protected (a protected resource would make the downgrade's pulumi up fail).
    /// </summary>
    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Data_holding_Azure_resources_are_retained_on_delete_and_nothing_is_protected(string stack)
    {
        var run = await Run(stack);
        var graph = run.Mapped.Graph;
        if (graph.Config.Target == DeploymentTarget.Azure)
            Assert.Contains(graph.Resources, r => r is AzureGraph.AzureResource { RetainOnDelete: true });
        foreach (var resource in TestDeployment.ByPulumi(graph))
        {
            var options = run.Mapped.Resources.OptionsOf(resource.Name);
            // Also retained: what Argo CD adopts while the GitOps hand-over is staged, so that dropping it from Pulumi deletes nothing.
            bool? retained = resource is AzureGraph.AzureResource { RetainOnDelete: true } || PlatformMaturity.GitOps.GitOpsDelivery.RetainedForHandOver(graph, resource) ? true : null;
            Assert.True(retained == options.RetainOnDelete, $"{resource.Kind} {resource.Name}: RetainOnDelete {options.RetainOnDelete}, expected {retained}");
            Assert.Null(options.Protect);
            Assert.Same(run.Mapped.Resources.ParentOf(resource.Name), options.Parent);
        }
    }

    private static async Task<TestDeployment> Run(string stack)
    {
        using var config = PulumiConfigScope.ForStackFile(StackFile.PathFor(TestPaths.Stacks, stack), stack);
        return await TestDeployment.RunAsync(stack);
    }
}
