using System.Collections;
using System.Collections.Immutable;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Practices.Security;
using PlatformMaturity.PulumiHost.Mapping;
using PlatformMaturity.Tests.Shared;
using Pulumi;
using Pulumi.Utilities;
using AzureGraph = PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.PulumiHost.Tests;

/// <summary>
/// Every example stack in stacks/ (Levels 1–5, both targets) under Pulumi's test engine, record by record: each Azure
/// record Pulumi applies has exactly its settings as inputs; every resource is a child of its component, waits for what
/// the graph says it depends on and talks to its own cluster; secret config reaches the cluster as secrets; and the
/// stack outputs users read (workload identity client ids, the postgres backup account) are there on the stacks that
/// produce them.
/// </summary>
[Collection(PulumiCollection.Name)]
public sealed class StackRecordsTests : PulumiTest
{
    public static TheoryData<string> Stacks() => ExampleStackTests.Stacks();

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Every_Azure_record_Pulumi_applies_has_exactly_its_settings_as_inputs(string stack)
    {
        var run = await Run(stack);
        var graph = run.Mapped.Graph;
        foreach (var record in TestDeployment.ByPulumi(graph).OfType<AzureGraph.AzureResource>())
        {
            switch (record)
            {
                case AzureGraph.KubernetesCluster cluster:
                    AksAssertions.InputsMatch(cluster, graph, run.Mocks);
                    break;
                case AzureGraph.KubernetesClusterNodePool pool:
                    AksAssertions.InputsMatch(pool, run.Mocks);
                    break;
                default:
                    Inputs.Equal(AzureRecordExpectations.Of(record, graph, run.Mocks), run.Mocks.Single(PulumiTypes.Of(record), record.Name).Inputs, $"{stack} {record.Kind} {record.Name}");
                    break;
            }
        }
    }

    /// <summary>
    /// Options Pulumi's mocks cannot see, read back from the mapping: the parent component, DependsOn exactly the graph's
    /// dependencies that Pulumi applies (not those Argo CD applies from Level 4), the cluster's own provider for every
    /// Kubernetes resource and none (the default Azure provider) for Azure ones.
    /// </summary>
    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Every_resource_has_its_component_as_parent_the_graph_dependencies_and_its_cluster_provider(string stack)
    {
        var run = await Run(stack);
        var graph = run.Mapped.Graph;
        var mapped = TestDeployment.ByPulumi(graph).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var component in graph.Components)
        {
            foreach (var resource in component.Resources.Where(r => mapped.Contains(r.Name)))
            {
                var options = run.Mapped.Resources.OptionsOf(resource.Name);
                Assert.Same(run.Mapped.Components[component.Id], options.Parent);
                var dependsOn = await OutputUtilities.GetValueAsync((Output<ImmutableArray<Resource>>)options.DependsOn);
                Assert.Equal(
                    resource.DependsOn.Where(mapped.Contains).Select(d => run.Mapped.Resources[d]),
                    dependsOn);
                var expectedProvider = resource switch
                {
                    HelmRelease release => run.Mapped.Providers.ByCluster[release.Cluster],
                    ConfigSecret secret => run.Mapped.Providers.ByCluster[secret.Cluster],
                    KubernetesResource kubernetes => run.Mapped.Providers.ByCluster[kubernetes.Cluster],
                    _ => null,
                };
                Assert.Same(expectedProvider, options.Provider);
            }
        }
    }

    /// <summary>
    /// Every secret key the stack's level and target need has a value (a stack file leaves them to pulumi config set
    /// --secret): each Secret from config carries it, and what the program reads from config for it is a Pulumi secret.
    /// (The mocks do not mark a Secret's outputs secret as the provider does, so the secrecy is checked on the input.)
    /// </summary>
    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Secrets_from_config_reach_the_cluster_as_secrets(string stack)
    {
        var stringData = new Dictionary<string, Output<ImmutableDictionary<string, string>>>(StringComparer.Ordinal);
        TestDeployment run;
        using (PulumiConfigScope.ForStackFile(StackFile.PathFor(TestPaths.Stacks, stack), stack))
        {
            run = await TestDeployment.RunAsync(stack, () =>
            {
                var mapped = PlatformProgram.Provision();
                foreach (var secret in TestDeployment.ByPulumi(mapped.Graph).OfType<ConfigSecret>())
                    stringData[secret.Name] = ConfigSecretMapper.StringData(secret, new PulumiSecretConfig());
                return mapped;
            });
        }
        foreach (var secret in TestDeployment.ByPulumi(run.Mapped.Graph).OfType<ConfigSecret>())
        {
            var data = Assert.IsAssignableFrom<IDictionary>(run.Mocks.Single(PulumiTypes.Of(secret), secret.Name).Inputs["stringData"]);
            foreach (var (dataKey, configKey) in secret.Keys)
                Assert.Equal(PulumiConfigScope.TestSecretValue(ConfigKeys.Find(configKey)!), data[dataKey]);
            foreach (var (dataKey, literal) in secret.Literals)
                Assert.Equal(literal, data[dataKey]);
            Assert.True(await Output.IsSecretAsync(stringData[secret.Name]), $"{secret.Name}: the config values are not secret");
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Outputs_name_the_level_environment_and_the_Azure_names_users_need(string stack)
    {
        var run = await Run(stack);
        var graph = run.Mapped.Graph;
        Assert.Equal(PlatformMaturity.Model.MaturityModel.Default.Level(graph.Config.Level).Name, run.Outputs["levelName"]);
        Assert.Equal(ConfigNames.Of(graph.Config.Environment), run.Outputs["environment"]);
        Assert.Equal(
            graph.Practices.Where(p => p.State == PracticeState.NotImplementedYet).Select(p => p.Practice),
            Assert.IsAssignableFrom<IDictionary<string, string>>(run.Outputs["practicesNotImplementedYet"]).Keys);

        // Tenant workload identities: "<tenant>/<service account>" → the identity's client id, which the app's service account is annotated with.
        var identities = ExpectedWorkloadIdentities(graph);
        if (identities.Count == 0)
        {
            Assert.False(run.Outputs.ContainsKey(IdentityBasedAccessControl.WorkloadIdentitiesOutput));
        }
        else
        {
            var output = Assert.IsAssignableFrom<IDictionary<string, object?>>(run.Outputs[IdentityBasedAccessControl.WorkloadIdentitiesOutput]);
            Assert.Equal(identities.Keys.Order(StringComparer.Ordinal), output.Keys.Order(StringComparer.Ordinal));
            foreach (var (key, identity) in identities)
                Assert.Equal($"{identity}-client-id", await OutputUtilities.GetValueAsync((Output<string>)output[key]!));
        }

        // The postgres golden path's ObjectStore names the backup account Azure generated the name of.
        if (ProducesPostgresBackups(graph))
        {
            var account = (Output<string>)run.Outputs[PostgresOperator.BackupStorageAccountOutput]!;
            Assert.Equal(AzureRecordExpectations.MockName(BasicDisasterRecovery.StorageAccountName, graph, run.Mocks), await OutputUtilities.GetValueAsync(account));
        }
        else
        {
            Assert.False(run.Outputs.ContainsKey(PostgresOperator.BackupStorageAccountOutput));
        }
    }

    /// <summary>The postgres backup account output is checked on an example stack that produces it, not only where it is absent.</summary>
    [Fact]
    public void Some_example_stack_produces_the_postgres_backup_account_output() =>
        Assert.Contains(ExampleStackTests.StackNames().Select(ExampleStackTests.Compose), ProducesPostgresBackups);

    /// <summary>
    /// No example stack gives a tenant workload identities, so each azure example stack is run with one added to its first
    /// tenant: where Identity-based Access Control makes the identity, the output maps "&lt;tenant&gt;/&lt;service
    /// account&gt;" to its client id; below that level there is no output.
    /// </summary>
    [Fact]
    public async Task Tenant_workload_identities_are_exported_by_client_id_on_the_azure_stacks_that_make_them()
    {
        var exported = 0;
        foreach (var stack in ExampleStackTests.StackNames())
        {
            var config = ExampleStackTests.Config(stack);
            if (config.Target != DeploymentTarget.Azure || config.Tenants.IsDefaultOrEmpty)
                continue;
            var withIdentity = config with { Tenants = [config.Tenants[0] with { WorkloadIdentities = ["billing-api"] }, .. config.Tenants.Skip(1)] };
            var graph = PlatformMaturity.Composition.Composer.Default.Compose(withIdentity);
            TestDeployment run;
            using (PulumiConfigScope.ForStackFile(StackFile.PathFor(TestPaths.Stacks, stack), stack))
                run = await TestDeployment.RunAsync(stack, () => PlatformProgram.Map(graph));
            var identities = ExpectedWorkloadIdentities(graph);
            if (identities.Count == 0)
            {
                Assert.False(run.Outputs.ContainsKey(IdentityBasedAccessControl.WorkloadIdentitiesOutput));
                continue;
            }
            var output = Assert.IsAssignableFrom<IDictionary<string, object?>>(run.Outputs[IdentityBasedAccessControl.WorkloadIdentitiesOutput]);
            var key = $"{config.Tenants[0].Name}/billing-api";
            Assert.Equal([key], output.Keys);
            Assert.Equal($"{IdentityBasedAccessControl.IdentityName(config.Tenants[0].Name, "billing-api")}-client-id",
                await OutputUtilities.GetValueAsync((Output<string>)output[key]!));
            exported++;
        }
        Assert.True(exported > 0, "no azure example stack makes tenant workload identities");
    }

    /// <summary>
    /// A stack that moves to platform:clusters keeps today's cluster as the first member: under the same names and
    /// components, with the same provider and kubeconfig output, so pulumi up replaces nothing. Checked for every example
    /// stack that lists several clusters, against the same stack on the single-cluster keys (its first member's region,
    /// zones and context).
    /// </summary>
    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task A_cluster_list_keeps_the_single_cluster_resources_as_its_first_member(string stack)
    {
        var config = ExampleStackTests.Config(stack);
        if (config.Members.Length < 2)
            return;
        var first = config.Members[0];
        var single = config with
        {
            Clusters = [],
            Regions = first.Region is { } region ? [region] : [],
            Zones = first.Zones,
            KubeContext = first.KubeContext,
        };
        var before = PlatformMaturity.Composition.Composer.Default.Compose(single);
        var after = ExampleStackTests.Compose(stack);

        // Registered under the same type and name, as a child of a component of the same id (so the same URN); what a
        // component was renamed to is aliased to its old identity.
        var afterRegistrations = TestDeployment.ExpectedRegistrations(after).ToHashSet();
        foreach (var component in before.Components)
        {
            var kept = after.Component(component.Id);
            Assert.True(kept is not null, $"{stack}: component {component.Id} of the single-cluster stack is gone");
            Assert.True(kept.TypeToken == component.TypeToken || kept.Predecessors.Contains(new ComponentIdentity(component.Id, component.TypeToken)),
                $"{stack}: component {component.Id} changed type to {kept.TypeToken} without an alias");
            foreach (var resource in component.Resources.Where(r => PlatformMaturity.GitOps.GitOpsDelivery.ByPulumi(before, r)))
            {
                Assert.Contains((PulumiTypes.Of(resource), resource.Name), afterRegistrations);
                Assert.Contains(kept.Resources, r => r.Name == resource.Name);
            }
        }

        var run = await Run(stack);
        var primary = run.Mapped.Graph.Clusters[0];
        Assert.Equal(ClusterRef.PrimaryKey, primary.Key);
        Assert.Contains((PulumiTypes.Provider, KubernetesProviders.NameFor(primary)), run.Registrations);
        if (primary.AksResource is { } aks)
        {
            Assert.Equal(before.Clusters[0].AksResource, aks);
            Assert.True(run.Outputs.ContainsKey(StackOutputs.Kubeconfig));
        }
    }

    /// <summary>
    /// Before pmctl upgrade --promote completes the GitOps hand-over, Pulumi still applies what Argo CD will adopt, retained:
    /// on promote the program drops it, and without retention Pulumi would delete it from the cluster (a Namespace with
    /// its volumes) before Argo CD re-creates it. Checked on every example stack that hands over, with the hand-over staged.
    /// </summary>
    [Fact]
    public async Task While_the_GitOps_hand_over_is_staged_what_Argo_CD_adopts_is_retained_on_delete()
    {
        var staged = 0;
        foreach (var stack in ExampleStackTests.StackNames())
        {
            var config = ExampleStackTests.Config(stack);
            var graph = PlatformMaturity.Composition.Composer.Default.Compose(config with { Staged = [.. config.Staged, Enforcements.GitOpsHandOver] });
            if (!PlatformMaturity.GitOps.GitOpsDelivery.HandsOver(graph))
                continue;
            TestDeployment run;
            using (PulumiConfigScope.ForStackFile(StackFile.PathFor(TestPaths.Stacks, stack), stack))
                run = await TestDeployment.RunAsync(stack, () => PlatformProgram.Map(graph));
            var adopted = graph.Resources.Where(r => PlatformMaturity.GitOps.GitOpsDelivery.ByArgoCd(graph, r)).ToList();
            Assert.Contains(adopted, r => r is KubernetesResource);
            Assert.Contains(adopted, r => r is HelmRelease);
            foreach (var resource in adopted)
                Assert.True(run.Mapped.Resources.OptionsOf(resource.Name).RetainOnDelete == true, $"{stack}: {resource.Kind} {resource.Name} is not retained while the hand-over is staged");
            staged++;
        }
        Assert.True(staged > 0, "no example stack hands over to Argo CD");
    }

    /// <summary>
    /// Backups of a multi-cluster azure stack as Pulumi applies them: each cluster's Velero identity is federated with
    /// that cluster's issuer, holds Storage Blob Data Contributor on its own container's id and Reader on its peer's,
    /// and no data role anywhere else (the account-wide assignment is Storage Blob Delegator, which reads no data).
    /// </summary>
    [Theory]
    [InlineData("l4-azure")]
    [InlineData("l5-azure")]
    public async Task Each_clusters_velero_identity_has_data_roles_on_its_own_and_its_peers_containers_only(string stack)
    {
        var run = await Run(stack);
        var graph = run.Mapped.Graph;
        var config = graph.Config;
        var keys = config.Members.Select((m, i) => ClusterKeys.KeyOf(i, m)).ToList();
        var assignments = run.Mocks.Registered.Where(r => r.Type == "azure:authorization/assignment:Assignment").ToList();
        var federations = run.Mocks.Registered.Where(r => r.Type == "azure:armmsi/federatedIdentityCredential:FederatedIdentityCredential").ToList();
        var principals = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var identity = BasicDisasterRecovery.IdentityOf(keys[i]);
            var peer = keys[CrossRegionRestoreDrill.PeerIndex(config, i)!.Value];
            var principal = $"{identity}-principal-id";
            Assert.True(principals.Add(principal));
            var data = assignments
                .Where(a => Equals(a.Inputs["principalId"], principal) && ((string)a.Inputs["roleDefinitionName"]).StartsWith("Storage Blob Data", StringComparison.Ordinal))
                .Select(a => ((string)a.Inputs["roleDefinitionName"], (string)a.Inputs["scope"]))
                .Order().ToList();
            Assert.Equal(
                [("Storage Blob Data Contributor", RecordingMocks.IdOf(BasicDisasterRecovery.ContainerOf(keys[i]))), ("Storage Blob Data Reader", RecordingMocks.IdOf(BasicDisasterRecovery.ContainerOf(peer)))],
                data);
            var federation = Assert.Single(federations, f => Equals(f.Inputs["userAssignedIdentityId"], RecordingMocks.IdOf(identity)));
            Assert.Equal(RecordingMocks.OidcIssuerOf(graph.Clusters.Single(c => c.Key == keys[i]).AksResource!), federation.Inputs["issuer"]);
            Assert.Equal($"system:serviceaccount:{BasicDisasterRecovery.Namespace}:{BasicDisasterRecovery.ServiceAccount}", federation.Inputs["subject"]);
        }
    }

    private static Dictionary<string, string> ExpectedWorkloadIdentities(PlatformGraph graph) =>
        graph.Config.Tenants
            .SelectMany(t => t.WorkloadIdentities.Select(sa => (Key: $"{t.Name}/{sa}", Name: IdentityBasedAccessControl.IdentityName(t.Name, sa))))
            .Where(i => graph.Resources.Any(r => r.Name == i.Name))
            .ToDictionary(i => i.Key, i => i.Name, StringComparer.Ordinal);

    private static bool ProducesPostgresBackups(PlatformGraph graph) =>
        graph.Config.Tenants.Any(t => graph.Resources.Any(r => r.Name == PostgresOperator.BackupContainerResource(t.Name)));

    private static async Task<TestDeployment> Run(string stack)
    {
        using var config = PulumiConfigScope.ForStackFile(StackFile.PathFor(TestPaths.Stacks, stack), stack);
        return await TestDeployment.RunAsync(stack);
    }
}
