using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using k8s.Models;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.PulumiHost.Mapping;
using PlatformMaturity.Versions;
using Pulumi;
using Pulumi.Utilities;

namespace PlatformMaturity.PulumiHost.Tests;

/// <summary>
/// Every kind of graph record the program maps, with every optional setting set, including records no example
/// stack uses yet: each becomes the right Pulumi resource with the right inputs, and secret config stays secret.
/// </summary>
[Collection(PulumiCollection.Name)]
public sealed class AllGraphRecordsTests : PulumiTest
{
    private const string SecretKey = "platform:testGrafanaPassword";
    private const string SecretValue = "s3cr3t-for-tests";
    private static readonly Provenance Test = new("Test records", 2);

    [Fact]
    public void The_test_graph_holds_every_Azure_record_kind_Core_defines()
    {
        var kinds = typeof(AzureResource).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(AzureResource)) && !t.IsAbstract).Select(t => t.Name).Order();
        Assert.Equal(kinds, Graph().Resources.OfType<AzureResource>().Select(r => r.GetType().Name).Distinct().Order());
    }

    [Fact]
    public async Task Every_record_becomes_its_Pulumi_resource_with_every_setting()
    {
        var graph = Graph();
        Output<ImmutableDictionary<string, string>>? secretData = null;
        TestDeployment run;
        using (new PulumiConfigScope(new Dictionary<string, string> { [SecretKey] = SecretValue }, [SecretKey]))
        {
            run = await TestDeployment.RunAsync("records", () =>
            {
                secretData = ConfigSecretMapper.StringData(graph.Resources.OfType<ConfigSecret>().Single(), new PulumiSecretConfig());
                return PlatformProgram.Map(graph);
            });
        }

        Assert.Equal(TestDeployment.ExpectedRegistrations(graph), run.Registrations);
        AksAssertions.InputsMatch(graph.Resources.OfType<KubernetesCluster>().Single(), graph, run.Mocks);
        AksAssertions.InputsMatch(graph.Resources.OfType<KubernetesClusterNodePool>().Single(), run.Mocks);
        Assert.Equal(RecordingMocks.IdOf(Foundation.ClusterName), run.Mocks.Single(PulumiTypes.Of(graph.Resource("user-pool")), "user-pool").Inputs["kubernetesClusterId"]);

        var rg = ((ResourceGroup)graph.Resource(Foundation.ResourceGroupName)).ResourceGroupName;
        // The registry and key vault of the composed Level 1 graph: every setting of their records, nothing else.
        var registry = graph.Resources.OfType<ContainerRegistry>().Single();
        Expect(run, registry.Name, new JsonObject
        {
            ["resourceGroupName"] = rg, ["location"] = registry.Location, ["sku"] = registry.Sku, ["adminEnabled"] = registry.AdminEnabled,
            ["tags"] = Json(registry.Tags),
        });
        foreach (var vault in graph.Resources.OfType<KeyVault>())
        {
            Expect(run, vault.Name, new JsonObject
            {
                ["resourceGroupName"] = rg, ["location"] = vault.Location, ["tenantId"] = RecordingMocks.TenantId, ["skuName"] = vault.SkuName,
                ["rbacAuthorizationEnabled"] = vault.RbacAuthorizationEnabled, ["purgeProtectionEnabled"] = vault.PurgeProtectionEnabled,
                ["softDeleteRetentionDays"] = vault.SoftDeleteRetentionDays, ["tags"] = Json(vault.Tags),
            });
        }

        // A Kubernetes object naming the registry by placeholder gets the registry's login server (Registry.LoginServer,
        // which Azure generates), not its name or id; the placeholder never reaches the cluster.
        var objects = Assert.IsAssignableFrom<System.Collections.IEnumerable>(
            run.Mocks.Single("kubernetes:yaml/v2:ConfigGroup", "registry-config").Inputs["objs"]).Cast<object>();
        Inputs.Equal(new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "allowed-registries", ["namespace"] = "monitoring" },
            ["data"] = new JsonObject { ["allowed"] = $"{RecordingMocks.LoginServerOf(BasicBuildProcesses.RegistryName)}/apps, registry.example" },
        }, Assert.Single(objects), "registry-config object, with the registry's login server");

        Expect(run, "log-analytics", new JsonObject
        {
            ["resourceGroupName"] = rg, ["location"] = "westeurope", ["sku"] = "PerGB2018", ["retentionInDays"] = 60,
            ["localAuthenticationEnabled"] = false, ["tags"] = new JsonObject { ["purpose"] = "test" },
        });
        Expect(run, "backup-storage", new JsonObject
        {
            ["resourceGroupName"] = rg, ["location"] = "westeurope", ["accountTier"] = "Standard", ["accountReplicationType"] = "ZRS",
            ["accountKind"] = "StorageV2", ["minTlsVersion"] = "TLS1_2", ["allowNestedItemsToBePublic"] = false,
            ["sharedAccessKeyEnabled"] = false, ["defaultToOauthAuthentication"] = true, ["httpsTrafficOnlyEnabled"] = true,
            ["tags"] = new JsonObject(),
        });
        Expect(run, "budget", new JsonObject
        {
            ["name"] = "budget-test", ["resourceGroupId"] = RecordingMocks.IdOf(Foundation.ResourceGroupName), ["amount"] = 2500.5,
            ["timeGrain"] = "Monthly", ["timePeriod"] = new JsonObject { ["startDate"] = "2027-01-01T00:00:00Z" },
            ["notifications"] = new JsonArray(
                new JsonObject { ["enabled"] = true, ["operator"] = "GreaterThanOrEqualTo", ["threshold"] = 80, ["thresholdType"] = "Actual", ["contactEmails"] = new JsonArray("finops@example.com") },
                new JsonObject { ["enabled"] = true, ["operator"] = "GreaterThan", ["threshold"] = 100, ["thresholdType"] = "Forecasted", ["contactEmails"] = new JsonArray("a@example.com", "b@example.com") }),
        });
        // Hub and spoke: the spoke of the composed graph (from Level 1 with platform:network spoke), its delegated API
        // server subnet, a peering that names the remote network by id and its own network by Azure name, and a policy
        // assignment whose parameters are Azure Policy's {"name": {"value": ...}} JSON.
        Expect(run, SpokeNetwork.VnetName, new JsonObject
        {
            ["name"] = "vnet-records-westeurope", ["resourceGroupName"] = rg, ["location"] = "westeurope",
            ["addressSpaces"] = new JsonArray("10.101.0.0/16"), ["tags"] = Json(((VirtualNetwork)graph.Resource(SpokeNetwork.VnetName)).Tags),
        });
        Expect(run, SpokeNetwork.NodeSubnetName, new JsonObject
        {
            ["name"] = "snet-nodes", ["resourceGroupName"] = rg, ["virtualNetworkName"] = "vnet-records-westeurope", ["addressPrefixes"] = new JsonArray("10.101.0.0/20"),
        });
        Expect(run, SpokeNetwork.ApiServerSubnetName, new JsonObject
        {
            ["name"] = "snet-apiserver", ["resourceGroupName"] = rg, ["virtualNetworkName"] = "vnet-records-westeurope", ["addressPrefixes"] = new JsonArray("10.101.16.0/28"),
            ["delegations"] = new JsonArray(new JsonObject
            {
                ["name"] = "aks-apiserver",
                ["serviceDelegation"] = new JsonObject { ["name"] = "Microsoft.ContainerService/managedClusters", ["actions"] = new JsonArray("Microsoft.Network/virtualNetworks/subnets/join/action") },
            }),
        });
        Expect(run, "hub-vnet", new JsonObject
        {
            ["name"] = "vnet-records-hub", ["resourceGroupName"] = rg, ["location"] = "westeurope", ["addressSpaces"] = new JsonArray("10.100.0.0/16"), ["tags"] = new JsonObject(),
        });
        Expect(run, "peering-hub-to-spoke", new JsonObject
        {
            ["name"] = "hub-to-westeurope", ["resourceGroupName"] = rg, ["virtualNetworkName"] = "vnet-records-hub",
            ["remoteVirtualNetworkId"] = RecordingMocks.IdOf(SpokeNetwork.VnetName), ["allowVirtualNetworkAccess"] = true, ["allowForwardedTraffic"] = false,
        });
        Expect(run, "policy-test", new JsonObject
        {
            ["name"] = "storage-no-shared-key", ["resourceGroupId"] = RecordingMocks.IdOf(Foundation.ResourceGroupName),
            ["policyDefinitionId"] = "/providers/Microsoft.Authorization/policyDefinitions/8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54",
            ["displayName"] = "Storage accounts should prevent shared key access", ["parameters"] = "{\"effect\":{\"value\":\"Audit\"}}",
        });
        Expect(run, "backup-container", new JsonObject
        {
            ["name"] = "velero", ["storageAccountId"] = RecordingMocks.IdOf("backup-storage"), ["containerAccessType"] = "private",
        });
        Expect(run, "backup-identity", new JsonObject { ["resourceGroupName"] = rg, ["location"] = "westeurope", ["tags"] = new JsonObject() });
        Expect(run, "backup-federation", new JsonObject
        {
            ["audience"] = "api://AzureADTokenExchange", ["issuer"] = RecordingMocks.OidcIssuerOf(Foundation.ClusterName),
            ["subject"] = "system:serviceaccount:velero:velero", ["userAssignedIdentityId"] = RecordingMocks.IdOf("backup-identity"),
        });
        Expect(run, "backup-blob-contributor", new JsonObject
        {
            ["scope"] = RecordingMocks.IdOf("backup-storage"), ["roleDefinitionName"] = "Storage Blob Data Contributor",
            ["principalId"] = "backup-identity-principal-id", ["principalType"] = "ServicePrincipal",
        });

        var secret = run.Mocks.Single("kubernetes:core/v1:Secret", "secret-monitoring-grafana-admin").Inputs;
        Inputs.Equal(new JsonObject { ["admin-password"] = SecretValue, ["admin-user"] = "platform-admin" }, secret["stringData"], "secret stringData");
        Assert.Equal("grafana-admin", Inputs.At(secret, "metadata.name"));
        Assert.Equal("monitoring", Inputs.At(secret, "metadata.namespace"));
        // Label keys hold dots, so they are looked up in the labels map rather than through a dotted path.
        var labels = Assert.IsAssignableFrom<System.Collections.IDictionary>(Inputs.At(secret, "metadata.labels"));
        Assert.Equal(StandardLabels.Tool, labels[StandardLabels.ManagedBy]);
        Assert.True(await Output.IsSecretAsync(secretData!));
        Assert.Equal(SecretValue, (await OutputUtilities.GetValueAsync(secretData!))["admin-password"]);

        var release = run.Mocks.Single("kubernetes:helm.sh/v3:Release", "oci-release").Inputs;
        Assert.Equal("oci://registry.example/charts/thing", release["chart"]);
        Assert.False(release.ContainsKey("repositoryOpts"));
        Inputs.Equal(new JsonObject
        {
            ["big"] = 3_000_000_000L, ["list"] = new JsonArray("a", "b"), ["nested"] = new JsonObject { ["replicas"] = 2 },
            ["locations"] = new JsonArray(new JsonObject { ["bucket"] = "velero", ["config"] = new JsonObject { ["storageAccount"] = "backup-storage-azure-name" } }),
            ["serviceAccount"] = new JsonObject { ["annotations"] = new JsonObject { ["azure.workload.identity/client-id"] = "backup-identity-client-id" } },
        }, release["values"], "OCI release values, with the Azure outputs they name");
        Expect(run, "ci-federation", new JsonObject
        {
            ["audience"] = "api://AzureADTokenExchange", ["issuer"] = "https://token.actions.githubusercontent.com",
            ["subject"] = "repo:my-org/my-app:ref:refs/heads/main", ["userAssignedIdentityId"] = RecordingMocks.IdOf("backup-identity"),
        });
    }

    /// <summary>
    /// Retention follows the record, whatever its kind: the default of a data-holding kind, a record that turns it off
    /// (scratch-storage), and kinds that hold no data. Read from the mapping, since Pulumi's mocks do not see options.
    /// </summary>
    [Fact]
    public async Task Every_custom_resource_is_retained_on_delete_exactly_when_its_record_says_so_and_none_is_protected()
    {
        var graph = Graph();
        TestDeployment run;
        using (new PulumiConfigScope(new Dictionary<string, string> { [SecretKey] = SecretValue }, [SecretKey]))
            run = await TestDeployment.RunAsync("records", () => PlatformProgram.Map(graph));

        var azure = graph.Resources.OfType<AzureResource>().ToList();
        Assert.Contains(azure, r => r is StorageAccount { RetainOnDelete: true });
        Assert.Contains(azure, r => r is StorageAccount { RetainOnDelete: false });
        Assert.Contains(azure, r => r is KubernetesCluster { RetainOnDelete: false });
        foreach (var resource in graph.Resources)
        {
            var options = run.Mapped.Resources.OptionsOf(resource.Name);
            bool? retained = resource is AzureResource { RetainOnDelete: true } ? true : null;
            Assert.True(retained == options.RetainOnDelete, $"{resource.Kind} {resource.Name}: RetainOnDelete {options.RetainOnDelete}, expected {retained}");
            Assert.Null(options.Protect);
        }
        // The node pool's own options (ignored node count) are the recorded ones, so they are the ones Pulumi got.
        Assert.Equal(["nodeCount"], run.Mapped.Resources.OptionsOf("user-pool").IgnoreChanges);
    }

    /// <summary>Maps the test graph with its one secret config key set, as pulumi config set --secret would.</summary>
    private static async Task<TestDeployment> RunRecords(string stack, PlatformGraph graph)
    {
        using (new PulumiConfigScope(new Dictionary<string, string> { [SecretKey] = SecretValue }, [SecretKey]))
            return await TestDeployment.RunAsync(stack, () => PlatformProgram.Map(graph));
    }

    private static readonly AzureRef LoginServer = new(BasicBuildProcesses.RegistryName, AzureOutput.LoginServer);

    private static JsonObject Json(IEnumerable<KeyValuePair<string, string>> map) =>
        new(map.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));

    private static void Expect(TestDeployment run, string name, JsonObject expected)
    {
        var registration = Assert.Single(run.Mocks.Registered, r => r.Name == name);
        Inputs.Equal(expected, registration.Inputs, name);
    }

    /// <summary>An azure Level 1 graph plus one record of every other kind, the cluster with every block set.</summary>
    [Fact]
    public async Task The_global_entry_maps_to_Front_Door_with_the_health_probe_on_the_gateway()
    {
        var graph = Graph();
        var run = await RunRecords("records-front-door", graph);
        var group = run.Mocks.Single("azure:cdn/frontdoorOriginGroup:FrontdoorOriginGroup", "front-door-gateways").Inputs;
        Assert.Equal(RecordingMocks.IdOf("front-door"), group["cdnFrontdoorProfileId"]);
        Inputs.Equal(new JsonObject { ["path"] = "/healthz/platform", ["protocol"] = "Http", ["requestType"] = "GET", ["intervalInSeconds"] = 30 },
            group["healthProbe"], "health probe");
        Inputs.Equal(new JsonObject { ["sampleSize"] = 4, ["successfulSamplesRequired"] = 3, ["additionalLatencyInMilliseconds"] = 50 },
            group["loadBalancing"], "load balancing");
        var origin = run.Mocks.Single("azure:cdn/frontdoorOrigin:FrontdoorOrigin", "front-door-origin-primary").Inputs;
        Assert.Equal("records-gateway.westeurope.cloudapp.azure.com", origin["hostName"]);
        Assert.Equal(RecordingMocks.IdOf("front-door-gateways"), origin["cdnFrontdoorOriginGroupId"]);
        var route = run.Mocks.Single("azure:cdn/frontdoorRoute:FrontdoorRoute", "front-door-route").Inputs;
        Assert.Equal(RecordingMocks.IdOf("front-door-endpoint"), route["cdnFrontdoorEndpointId"]);
        Inputs.Equal(new JsonArray(RecordingMocks.IdOf("front-door-origin-primary")), route["cdnFrontdoorOriginIds"], "route origins");
        Inputs.Equal(new JsonArray("/*"), route["patternsToMatches"], "route patterns");
        Assert.Equal("HttpOnly", route["forwardingProtocol"]);
        var profile = run.Mocks.Single("azure:cdn/frontdoorProfile:FrontdoorProfile", "front-door").Inputs;
        Assert.Equal(("afd-records", "Standard_AzureFrontDoor"), ((string)profile["name"], (string)profile["skuName"]));
    }

    /// <summary>
    /// The fleet: every member joins the manager by the ids of the fleet and of its AKS cluster, in its region's update
    /// group; the strategy's stages name those groups with the wait between regions; the run names the strategy and the
    /// version (no stages of its own, so the strategy decides the order).
    /// </summary>
    [Fact]
    public async Task The_fleet_maps_to_Fleet_Manager_members_a_staged_strategy_and_a_run_to_the_version()
    {
        var graph = Graph();
        var run = await RunRecords("records-fleet", graph);
        var rg = ((ResourceGroup)graph.Resource(Foundation.ResourceGroupName)).ResourceGroupName;
        Expect(run, "fleet", new JsonObject
        {
            ["name"] = "fleet-records", ["resourceGroupName"] = rg, ["location"] = "westeurope", ["tags"] = new JsonObject { ["purpose"] = "fleet" },
        });
        Expect(run, "fleet-member-primary", new JsonObject
        {
            ["name"] = "primary", ["kubernetesFleetId"] = RecordingMocks.IdOf("fleet"), ["kubernetesClusterId"] = RecordingMocks.IdOf(Foundation.ClusterName), ["group"] = "westeurope",
        });
        Expect(run, "fleet-update-strategy", new JsonObject
        {
            ["name"] = "one-region-at-a-time", ["kubernetesFleetManagerId"] = RecordingMocks.IdOf("fleet"),
            ["stages"] = new JsonArray(
                new JsonObject { ["name"] = "region-northeurope", ["groups"] = new JsonArray(new JsonObject { ["name"] = "northeurope" }), ["afterStageWaitInSeconds"] = 3600 },
                new JsonObject { ["name"] = "region-westeurope", ["groups"] = new JsonArray(new JsonObject { ["name"] = "westeurope" }) }),
        });
        Expect(run, "fleet-update-run-1-34", new JsonObject
        {
            ["name"] = "upgrade-1-34", ["kubernetesFleetManagerId"] = RecordingMocks.IdOf("fleet"), ["fleetUpdateStrategyId"] = RecordingMocks.IdOf("fleet-update-strategy"),
            ["managedClusterUpdate"] = new JsonObject
            {
                ["upgrade"] = new JsonObject { ["type"] = "Full", ["kubernetesVersion"] = "1.34" },
                ["nodeImageSelection"] = new JsonObject { ["type"] = "Consistent" },
            },
        });
    }

    /// <summary>A cluster whose version a fleet upgrades sets it at creation only, beside the autoscaled node count.</summary>
    [Fact]
    public async Task A_cluster_upgraded_by_the_fleet_ignores_later_version_changes()
    {
        var graph = Graph();
        var aks = (KubernetesCluster)graph.Resource(Foundation.ClusterName);
        var fleetGraph = graph with
        {
            Components = [.. graph.Components.Select(c => c.Id == GraphComponent.FoundationId
                ? c with { Resources = [.. c.Resources.Select(r => r.Name == aks.Name ? aks with { KubernetesVersionByFleet = true } : r)] }
                : c)],
        };
        var run = await RunRecords("records-fleet-version", fleetGraph);
        Assert.Equal(["defaultNodePool.nodeCount", "kubernetesVersion", "defaultNodePool.orchestratorVersion"], run.Mapped.Resources.OptionsOf(aks.Name).IgnoreChanges);
        run = await RunRecords("records-no-fleet-version", graph);
        Assert.Equal(["defaultNodePool.nodeCount"], run.Mapped.Resources.OptionsOf(aks.Name).IgnoreChanges);
    }

    private static PlatformGraph Graph()
    {
        var graph = Composer.Default.Compose(new PlatformConfig
        {
            Stack = "records", Name = "records", Level = 1, Target = DeploymentTarget.Azure, Regions = ["westeurope"],
            KubernetesVersion = Pins.AksKubernetesVersion, NodeVmSize = Pins.AksSystemNodeVmSize, NodeCount = 3, SpokeNetwork = true,
        });
        var workspace = new AzureRef("log-analytics", AzureOutput.Id);
        var window = new MaintenanceWindow("Weekly", 1, 4, "Sunday", "02:00", "+00:00");
        var foundation = graph.Component(GraphComponent.FoundationId)!;
        var aks = (KubernetesCluster)graph.Resource(Foundation.ClusterName);
        var everySetting = aks with
        {
            SkuTier = "Standard",
            DefaultNodePool = aks.DefaultNodePool with
            {
                Zones = ["1", "2", "3"], AutoScalingEnabled = true, MinCount = 3, MaxCount = 6,
                OnlyCriticalAddonsEnabled = true, HostEncryptionEnabled = true, NodePublicIpEnabled = false, MaxSurge = "33%",
            },
            RoleBasedAccessControlEnabled = true,
            LocalAccountDisabled = true,
            AutomaticUpgradeChannel = "patch",
            NodeOsUpgradeChannel = "NodeImage",
            NetworkProfile = new NetworkProfile
            {
                NetworkPlugin = "azure", NetworkPluginMode = "overlay", NetworkDataPlane = "cilium", NetworkPolicy = "cilium",
                AdvancedNetworking = new AdvancedNetworking(ObservabilityEnabled: true, SecurityEnabled: false),
            },
            MaintenanceWindowAutoUpgrade = window,
            MaintenanceWindowNodeOs = window with { StartTime = "04:00" },
            AzureActiveDirectoryRoleBasedAccessControl = new AzureActiveDirectoryRbac { AzureRbacEnabled = true, AdminGroupObjectIds = ["platform-admins"] },
            ApiServerAccessProfile = new ApiServerAccessProfile { AuthorizedIpRanges = ["203.0.113.0/24", "198.51.100.7/32"] },
            OidcIssuerEnabled = true,
            WorkloadIdentityEnabled = true,
            AzurePolicyEnabled = true,
            ImageCleanerEnabled = true,
            ImageCleanerIntervalHours = 48,
            AutoScalerProfile = new AutoScalerProfile { BalanceSimilarNodeGroups = true, Expander = "least-waste", ScaleDownUnneeded = "10m" },
            WorkloadAutoscalerProfile = new WorkloadAutoscalerProfile(true, null),
            KeyVaultSecretsProvider = new KeyVaultSecretsProvider(true, "2m"),
            MicrosoftDefender = new LogAnalyticsLink(workspace),
            OmsAgent = new LogAnalyticsLink(workspace, MsiAuthForMonitoringEnabled: true),
            MonitorMetrics = new MonitorMetrics(null, "app.kubernetes.io/name"),
            StorageProfile = new StorageProfile(true, true, null, true),
            CostAnalysisEnabled = true,
            RunCommandEnabled = false,
            PrivateClusterEnabled = true,
            // The cluster refers to a workspace another component owns, listed after the foundation: the program
            // must still map the workspace first.
            DependsOn = [.. aks.DependsOn, "log-analytics"],
        };
        foundation = foundation with { Resources = [.. foundation.Resources.Select(r => r.Name == aks.Name ? everySetting : r)] };

        GraphResource[] records =
        [
            new KubernetesClusterNodePool
            {
                Name = "user-pool", Provenance = Test, Cluster = Foundation.ClusterName, Mode = "User",
                Pool = new NodePool
                {
                    Name = "user", VmSize = "Standard_D8ds_v5", NodeCount = 3, Zones = ["1", "2", "3"], AutoScalingEnabled = true,
                    MinCount = 3, MaxCount = 9, HostEncryptionEnabled = true, NodePublicIpEnabled = false, MaxSurge = "50%", TemporaryNameForRotation = "usertmp",
                    Subnet = SpokeNetwork.NodeSubnetName,
                },
                NodeTaints = ["platform.maturity/tier=large:NoSchedule"],
                NodeLabels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("platform.maturity/tier", "large")]),
                Tags = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("purpose", "tenants")]),
                DependsOn = [Foundation.ClusterName, SpokeNetwork.NodeSubnetName],
            },
            new VirtualNetwork
            {
                Name = "hub-vnet", Provenance = Test, VirtualNetworkName = "vnet-records-hub", ResourceGroup = Foundation.ResourceGroupName,
                Location = "westeurope", AddressSpaces = ["10.100.0.0/16"], DependsOn = [Foundation.ResourceGroupName],
            },
            new VirtualNetworkPeering
            {
                Name = "peering-hub-to-spoke", Provenance = Test, PeeringName = "hub-to-westeurope", ResourceGroup = Foundation.ResourceGroupName,
                VirtualNetwork = "hub-vnet", RemoteVirtualNetwork = SpokeNetwork.VnetName, AllowForwardedTraffic = false,
                DependsOn = [Foundation.ResourceGroupName, "hub-vnet", SpokeNetwork.VnetName],
            },
            new ResourceGroupPolicyAssignment
            {
                Name = "policy-test", Provenance = Test, AssignmentName = "storage-no-shared-key", ResourceGroup = Foundation.ResourceGroupName,
                PolicyDefinitionId = "/providers/Microsoft.Authorization/policyDefinitions/8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54",
                DisplayName = "Storage accounts should prevent shared key access",
                Parameters = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("effect", "Audit")]),
                DependsOn = [Foundation.ResourceGroupName],
            },
            new StorageAccount { Name = "backup-storage", Provenance = Test, ResourceGroup = Foundation.ResourceGroupName, Location = "westeurope", DependsOn = [Foundation.ResourceGroupName] },
            // Storage whose data is disposable: its record turns retention off.
            new StorageAccount { Name = "scratch-storage", Provenance = Test, ResourceGroup = Foundation.ResourceGroupName, Location = "westeurope", RetainOnDelete = false, DependsOn = [Foundation.ResourceGroupName] },
            new StorageContainer { Name = "backup-container", Provenance = Test, ContainerName = "velero", StorageAccount = new AzureRef("backup-storage", AzureOutput.Id), DependsOn = ["backup-storage"] },
            new UserAssignedIdentity { Name = "backup-identity", Provenance = Test, ResourceGroup = Foundation.ResourceGroupName, Location = "westeurope", DependsOn = [Foundation.ResourceGroupName] },
            new FederatedIdentityCredential
            {
                Name = "backup-federation", Provenance = Test, Identity = "backup-identity", Cluster = Foundation.ClusterName,
                Subject = "system:serviceaccount:velero:velero", DependsOn = ["backup-identity", Foundation.ClusterName],
            },
            new FederatedIdentityCredential
            {
                Name = "ci-federation", Provenance = Test, Identity = "backup-identity", Issuer = "https://token.actions.githubusercontent.com",
                Subject = "repo:my-org/my-app:ref:refs/heads/main", DependsOn = ["backup-identity"],
            },
            new RoleAssignment
            {
                Name = "backup-blob-contributor", Provenance = Test, Scope = new AzureRef("backup-storage", AzureOutput.Id),
                RoleDefinitionName = "Storage Blob Data Contributor", PrincipalId = new AzureRef("backup-identity", AzureOutput.PrincipalId),
                DependsOn = ["backup-storage", "backup-identity"],
            },
            new GroupRoleAssignment
            {
                Name = "tenant-writer", Provenance = Test, Scope = new AzureRef(Foundation.ClusterName, AzureOutput.Id), ScopeSuffix = "/namespaces/team-a",
                RoleDefinitionName = "Azure Kubernetes Service RBAC Writer", GroupObjectId = "00000000-0000-0000-0000-00000000000a",
                DependsOn = [Foundation.ClusterName],
            },
            new BudgetResourceGroup
            {
                Name = "budget", Provenance = Test, BudgetName = "budget-test", ResourceGroup = Foundation.ResourceGroupName, Amount = 2500.5,
                StartDate = "2027-01-01T00:00:00Z",
                Notifications = [new BudgetNotification("GreaterThanOrEqualTo", 80, "Actual", ["finops@example.com"]), new BudgetNotification("GreaterThan", 100, "Forecasted", ["a@example.com", "b@example.com"])],
                DependsOn = [Foundation.ResourceGroupName],
            },
            new PolicyAssignment
            {
                Name = "aks-pod-security-baseline", Provenance = Test, ResourceId = new AzureRef(Foundation.ClusterName, AzureOutput.Id),
                PolicyDefinitionId = "/providers/Microsoft.Authorization/policySetDefinitions/a8640138-9b0a-4a28-b8cb-1666c838647d",
                DisplayName = "acme: Kubernetes pod security baseline",
                Parameters = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("effect", "audit")]),
                DependsOn = [Foundation.ClusterName],
            },
            new DiagnosticSetting
            {
                Name = "aks-audit-logs", Provenance = Test, TargetResourceId = new AzureRef(Foundation.ClusterName, AzureOutput.Id),
                LogAnalyticsWorkspaceId = new AzureRef("log-analytics", AzureOutput.Id), EnabledLogCategories = ["kube-audit-admin", "guard"],
                DependsOn = [Foundation.ClusterName, "log-analytics"],
            },
            new LogAnalyticsWorkspaceTable
            {
                Name = "table-aksauditadmin", Provenance = Test, WorkspaceId = new AzureRef("log-analytics", AzureOutput.Id),
                TableName = "AKSAuditAdmin", RetentionInDays = 90, DependsOn = ["log-analytics"],
            },
            new ConfigSecret
            {
                Name = "secret-monitoring-grafana-admin", Provenance = Test, Cluster = ClusterRef.PrimaryKey, Namespace = "monitoring",
                SecretName = "grafana-admin", Keys = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("admin-password", SecretKey)]),
                Literals = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("admin-user", "platform-admin")]),
                DependsOn = [Foundation.ClusterName],
            },
            new KubernetesResource
            {
                Name = "registry-config", Provenance = Test, Cluster = ClusterRef.PrimaryKey,
                Object = new V1ConfigMap
                {
                    ApiVersion = "v1", Kind = "ConfigMap",
                    Metadata = new V1ObjectMeta { Name = "allowed-registries", NamespaceProperty = "monitoring" },
                    Data = new Dictionary<string, string> { ["allowed"] = $"{LoginServer.Placeholder}/apps, registry.example" },
                },
                TextFromAzure = [LoginServer],
                DependsOn = [Foundation.ClusterName, BasicBuildProcesses.RegistryName],
            },
            new HelmRelease
            {
                Name = "oci-release", Provenance = Test, Cluster = ClusterRef.PrimaryKey, ReleaseName = "thing", Namespace = "monitoring",
                Chart = new HelmChart("", "oci://registry.example/charts/thing", "1.2.3"),
                Values = HelmValues.From(("big", 3_000_000_000L), ("list", new[] { "a", "b" }), ("nested.replicas", 2),
                    ("locations", new object[] { new Dictionary<string, object> { ["bucket"] = "velero" } })),
                ValuesFromAzure = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
                    KeyValuePair.Create("serviceAccount.annotations.\"azure.workload.identity/client-id\"", new AzureRef("backup-identity", AzureOutput.ClientId)),
                    KeyValuePair.Create("locations[0].config.storageAccount", new AzureRef("backup-storage", AzureOutput.Name)),
                ]),
                DependsOn = [Foundation.ClusterName, "backup-identity", "backup-storage"],
            },
            new FrontDoorProfile
            {
                Name = "front-door", Provenance = Test, ProfileName = "afd-records", ResourceGroup = Foundation.ResourceGroupName,
                SkuName = "Standard_AzureFrontDoor", ResponseTimeoutSeconds = 60, DependsOn = [Foundation.ResourceGroupName],
            },
            new FrontDoorEndpoint { Name = "front-door-endpoint", Provenance = Test, EndpointName = "records", Profile = "front-door", DependsOn = ["front-door"] },
            new FrontDoorOriginGroup
            {
                Name = "front-door-gateways", Provenance = Test, GroupName = "gateways", Profile = "front-door",
                HealthProbe = new FrontDoorHealthProbe("/healthz/platform", "Http", "GET", 30), LoadBalancing = new FrontDoorLoadBalancing(4, 3, 50),
                DependsOn = ["front-door"],
            },
            new FrontDoorOrigin
            {
                Name = "front-door-origin-primary", Provenance = Test, OriginName = "primary", OriginGroup = "front-door-gateways",
                HostName = "records-gateway.westeurope.cloudapp.azure.com", DependsOn = ["front-door-gateways"],
            },
            new FrontDoorRoute
            {
                Name = "front-door-route", Provenance = Test, RouteName = "platform", Endpoint = "front-door-endpoint", OriginGroup = "front-door-gateways",
                Origins = ["front-door-origin-primary"], ForwardingProtocol = "HttpOnly",
                DependsOn = ["front-door-endpoint", "front-door-gateways", "front-door-origin-primary"],
            },
            new KubernetesFleetManager
            {
                Name = "fleet", Provenance = Test, FleetName = "fleet-records", ResourceGroup = Foundation.ResourceGroupName, Location = "westeurope",
                Tags = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("purpose", "fleet")]),
                DependsOn = [Foundation.ResourceGroupName],
            },
            new FleetMember
            {
                Name = "fleet-member-primary", Provenance = Test, MemberName = "primary", Fleet = "fleet", Cluster = Foundation.ClusterName,
                Group = "westeurope", DependsOn = ["fleet", Foundation.ClusterName],
            },
            new FleetUpdateStrategy
            {
                Name = "fleet-update-strategy", Provenance = Test, StrategyName = "one-region-at-a-time", Fleet = "fleet",
                Stages = [new FleetUpdateStage("region-northeurope", ["northeurope"], 3600), new FleetUpdateStage("region-westeurope", ["westeurope"], null)],
                DependsOn = ["fleet"],
            },
            new FleetUpdateRun
            {
                Name = "fleet-update-run-1-34", Provenance = Test, RunName = "upgrade-1-34", Fleet = "fleet", Strategy = "fleet-update-strategy",
                UpgradeType = "Full", KubernetesVersion = "1.34", NodeImageSelection = "Consistent",
                DependsOn = ["fleet", "fleet-update-strategy", "fleet-member-primary"],
            },
        ];
        var monitoring = Component("test-monitoring",
            new LogAnalyticsWorkspace
            {
                Name = "log-analytics", Provenance = Test, ResourceGroup = Foundation.ResourceGroupName, Location = "westeurope",
                RetentionInDays = 60, Tags = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("purpose", "test")]),
                DependsOn = [Foundation.ResourceGroupName],
            });
        return graph with
        {
            Components = [.. graph.Components.Select(c => c.Id == foundation.Id ? foundation : c), monitoring, Component("test-records", records)],
        };
    }

    private static GraphComponent Component(string id, params GraphResource[] resources) =>
        new(id, $"platform:test:{id}", id, Test, [.. resources], [], [], []);
}
