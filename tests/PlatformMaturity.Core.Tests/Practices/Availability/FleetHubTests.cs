using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.GitOps;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Practices.Security;
using PlatformMaturity.Tests.Shared;
using Xunit;

namespace PlatformMaturity.Core.Tests.Practices.Availability;

/// <summary>
/// The fleet's Argo CD hub (Level 5): members registered on the first cluster's Argo CD with their labels and an
/// Entra workload identity (no static credential), tenant apps placed by a cluster generator on those labels.
/// </summary>
public sealed class FleetHubTests
{
    private static PlatformGraph Graph(string stack) => Composer.Default.Compose(
        PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, stack), stack), stack));

    /// <summary>The cluster Secrets on the hub: its own (in-cluster) and one per member it registers.</summary>
    private static List<V1Secret> HubRegistrations(PlatformGraph graph) =>
        [.. graph.Resources.OfType<KubernetesResource>()
            .Where(r => r.Cluster == ClusterRef.PrimaryKey && GitOpsDelivery.IsClusterRegistration(r))
            .Select(r => k8s.KubernetesJson.Deserialize<V1Secret>(k8s.KubernetesJson.Serialize(r.Object)))];

    private static IEnumerable<JsonObject> ApplicationSets(PlatformGraph graph) =>
        graph.Resources.OfType<KubernetesResource>().Where(r => r.Cluster == ClusterRef.PrimaryKey && r.Kind == "ApplicationSet")
            .Select(r => r.ToJson());

    /// <summary>Every clusters generator of an ApplicationSet, also inside a matrix.</summary>
    private static IEnumerable<JsonObject> ClusterSelectors(JsonNode? generators) =>
        generators?.AsArray().OfType<JsonObject>().SelectMany(g =>
            g["clusters"]?["selector"] is JsonObject selector ? [selector]
            : ClusterSelectors(g["matrix"]?["generators"])) ?? [];

    /// <summary>A Kubernetes label selector (matchLabels and the operators our generators use) on a label set.</summary>
    private static bool Selects(JsonObject selector, IDictionary<string, string> labels) =>
        (selector["matchLabels"]?.AsObject() ?? []).All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value!.GetValue<string>())
        && (selector["matchExpressions"]?.AsArray().OfType<JsonObject>() ?? []).All(e => e["operator"]!.GetValue<string>() switch
        {
            "DoesNotExist" => !labels.ContainsKey(e["key"]!.GetValue<string>()),
            "Exists" => labels.ContainsKey(e["key"]!.GetValue<string>()),
            var op => throw new InvalidOperationException($"operator {op} not evaluated by this test"),
        });

    [Fact]
    public void On_azure_the_hub_registers_every_other_member_with_its_labels_and_an_entra_workload_identity_not_a_stored_credential()
    {
        var graph = Graph("l5-azure");
        var config = graph.Config;
        var registrations = HubRegistrations(graph);
        Assert.Equal(config.Members.Length, registrations.Count);
        var hub = Assert.Single(registrations, s => s.Metadata.Name == GitOpsBridge.ClusterSecretName);
        Assert.Equal(config.Members[0].Name, hub.Metadata.Labels[MultiClusterPlatform.MemberLabel]);

        foreach (var (member, i) in config.Members.Select((m, i) => (m, i)).Skip(1))
        {
            var resource = graph.Resources.OfType<KubernetesResource>().Single(r => r.ObjectName == FleetHub.SecretName(member.Name) && r.Cluster == ClusterRef.PrimaryKey);
            Assert.True(resource.PrimaryOnly);
            Assert.False(GitOpsDelivery.ByArgoCd(graph, resource));
            var secret = registrations.Single(s => s.Metadata.Name == FleetHub.SecretName(member.Name));
            foreach (var (key, value) in MultiClusterPlatform.Labels(config, member))
                Assert.Equal(value, secret.Metadata.Labels[key]);
            Assert.Equal(config.Name, secret.Metadata.Labels[GitOpsBridge.PlatformLabel]);
            Assert.Equal(member.Name, secret.StringData["name"]);
            var aks = graph.Clusters[i].AksResource!;
            Assert.Equal($"https://{new AzureRef(aks, AzureOutput.Fqdn).Placeholder}:443", secret.StringData["server"]);
            Assert.Contains(new AzureRef(aks, AzureOutput.ClusterCaCertificate), resource.TextFromAzure);

            var clusterConfig = JsonNode.Parse(secret.StringData["config"])!;
            Assert.Equal("argocd-k8s-auth", clusterConfig["execProviderConfig"]!["command"]!.GetValue<string>());
            Assert.Equal("azure", clusterConfig["execProviderConfig"]!["args"]![0]!.GetValue<string>());
            Assert.Equal("workloadidentity", clusterConfig["execProviderConfig"]!["env"]!["AAD_LOGIN_METHOD"]!.GetValue<string>());
            Assert.False(clusterConfig["tlsClientConfig"]!["insecure"]!.GetValue<bool>());
            foreach (var stored in new[] { "bearerToken", "password", "AAD_SERVICE_PRINCIPAL_CLIENT_SECRET", "keyData" })
                Assert.DoesNotContain(stored, secret.StringData["config"], StringComparison.Ordinal);
            // Members never get a copy of the hub's registrations: only the standby holds its own (below).
            var standbyKey = graph.Clusters[config.Members.IndexOf(MultiClusterPlatform.Standby(config)!)].Key;
            Assert.DoesNotContain(graph.Resources.OfType<KubernetesResource>(), r => r.Cluster != ClusterRef.PrimaryKey && r.Cluster != standbyKey && r.ObjectName == FleetHub.SecretName(member.Name));
        }

        // The identity the exec plugin logs in as: federated with the controller and server, cluster admin on every cluster.
        var release = graph.Resources.OfType<HelmRelease>().Single(r => r.Name == GitOpsPlatformManagement.ReleaseName);
        Assert.Equal(new AzureRef(FleetHub.IdentityName, AzureOutput.ClientId), release.ValuesFromAzure[$"controller.serviceAccount.annotations.\"{WorkloadIdentity.ClientIdAnnotation}\""]);
        Assert.Equal("true", release.Values.Get($"controller.podLabels.\"{WorkloadIdentity.UseLabel}\""));
        Assert.Contains(graph.Resources.OfType<FederatedIdentityCredential>(), f => f.Identity == FleetHub.IdentityName && f.Cluster == Foundation.ClusterName
            && f.Subject == $"system:serviceaccount:{GitOpsPlatformManagement.Namespace}:{FleetHub.ControllerServiceAccount}");
        var admin = graph.Resources.OfType<RoleAssignment>().Where(a => a.RoleDefinitionName == FleetHub.ClusterAdminRole && a.PrincipalId.Resource == FleetHub.IdentityName)
            .Select(a => a.Scope.Resource).Order(StringComparer.Ordinal);
        Assert.Equal(graph.Clusters.Select(c => c.AksResource!).Order(StringComparer.Ordinal), admin);
    }

    [Fact]
    public void On_azure_the_standby_holds_the_same_registrations_of_every_other_cluster_and_the_runbook_fails_over_to_it()
    {
        var graph = Graph("l5-azure");
        var config = graph.Config;
        var standby = MultiClusterPlatform.Standby(config)!;
        Assert.NotEqual(config.Members[0].Region, standby.Region);
        var key = graph.Clusters[config.Members.IndexOf(standby)].Key;
        var onStandby = graph.Resources.OfType<KubernetesResource>().Where(r => r.Cluster == key && GitOpsDelivery.IsClusterRegistration(r) && r.ObjectName != GitOpsBridge.ClusterSecretName).ToList();
        Assert.Equal(config.Members.Where(m => m != standby).Select(m => m.Name).Order(StringComparer.Ordinal),
            onStandby.Select(r => ((V1Secret)k8s.KubernetesJson.Deserialize<V1Secret>(k8s.KubernetesJson.Serialize(r.Object))).StringData["name"]).Order(StringComparer.Ordinal));
        // Same labels and server as the hub's registration of the same member.
        foreach (var registration in onStandby)
        {
            var hubs = graph.Resources.OfType<KubernetesResource>().Where(r => r.Cluster == ClusterRef.PrimaryKey && r.ObjectName == registration.ObjectName).ToList();
            if (hubs.Count == 1)
                Assert.Equal(hubs[0].ToJson().ToJsonString(), registration.ToJson().ToJsonString());
            Assert.All(onStandby, r => Assert.False(GitOpsDelivery.ByArgoCd(graph, r)));
        }
        // The standby signs in as the hub identity: federated on its cluster.
        Assert.Contains(graph.Resources.OfType<FederatedIdentityCredential>(), f => f.Identity == FleetHub.IdentityName && f.Cluster == graph.Clusters[config.Members.IndexOf(standby)].AksResource);
        var runbook = MultiClusterPlatform.Runbook(config);
        foreach (var tenant in config.Tenants.Where(t => !t.Repos.IsEmpty))
            Assert.Contains($"{GitOpsApplicationManagement.ComponentId}/applicationset-argocd-{GitOpsApplicationManagement.AppsName(tenant)}.yaml", runbook, StringComparison.Ordinal);
        // The file the runbook applies is the one the tree holds.
        var tree = GitOpsTree.Render(graph).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        Assert.Contains($"{GitOpsTree.ComponentsFolder}/{GitOpsApplicationManagement.ComponentId}/applicationset-argocd-{GitOpsApplicationManagement.AppsName(config.Tenants.First(t => !t.Repos.IsEmpty))}.yaml", tree);
    }

    [Theory]
    [InlineData("l5-azure")]
    [InlineData("l5-existing")]
    public void Every_label_an_applicationset_selects_or_reads_is_written_by_the_registrations_it_selects(string stack)
    {
        var graph = Graph(stack);
        var config = graph.Config;
        // What registers each cluster with the hub: the Secrets Pulumi writes (azure), or argocd cluster add's labels (existing).
        var registered = HubRegistrations(graph).Select(s => (IDictionary<string, string>)s.Metadata.Labels).ToList();
        if (!config.IsAzure)
        {
            registered.AddRange(config.Members.Skip(1).Select(m => (IDictionary<string, string>)FleetHub.AddCommand(config, m)
                .Split(" --label ").Skip(1).Select(l => l.Split(' ')[0].Split('=', 2))
                .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal)));
            // The runbook's standby registration uses the same command (the standby registers every member but itself).
            Assert.Contains(FleetHub.AddCommand(config, config.Members[^1]), MultiClusterPlatform.Runbook(config), StringComparison.Ordinal);
        }
        Assert.Equal(config.Members.Length, registered.Count);

        var selectors = 0;
        foreach (var set in ApplicationSets(graph))
        {
            var template = set["spec"]!["template"]!.ToJsonString();
            var read = System.Text.RegularExpressions.Regex.Matches(template, @"index \.metadata\.labels \\""([^\\""]+)\\""").Select(m => m.Groups[1].Value).ToList();
            foreach (var selector in ClusterSelectors(set["spec"]!["generators"]))
            {
                selectors++;
                var keys = (selector["matchLabels"]?.AsObject().Select(l => l.Key) ?? [])
                    .Concat(selector["matchExpressions"]?.AsArray().Select(e => e!["key"]!.GetValue<string>()) ?? []);
                foreach (var key in keys)
                    Assert.True(registered.Any(r => r.ContainsKey(key)), $"{set["metadata"]!["name"]} selects on {key}, which no registration writes");
                var selected = registered.Where(r => Selects(selector, r)).ToList();
                Assert.NotEmpty(selected);
                // missingkey=error: a label the template reads must be on every cluster the generator selects.
                foreach (var key in read)
                    Assert.All(selected, r => Assert.True(r.ContainsKey(key), $"{set["metadata"]!["name"]} reads {key}, missing on a selected cluster"));
            }
        }
        Assert.True(selectors >= config.Tenants.Count(t => !t.Repos.IsEmpty), $"only {selectors} cluster generators");
    }

    [Theory]
    [InlineData("l5-azure")]
    [InlineData("l5-existing")]
    public void Tenant_apps_are_placed_from_the_hub_on_the_general_members_only_and_never_by_a_members_own_argo_cd(string stack)
    {
        var graph = Graph(stack);
        var config = graph.Config;
        var tenant = config.Tenants.First(t => !t.Repos.IsEmpty);
        var appsName = GitOpsApplicationManagement.AppsName(tenant);
        var apps = graph.Resources.OfType<KubernetesResource>().Where(r => r.Kind == "ApplicationSet" && r.ObjectName == appsName).ToList();
        var onHub = Assert.Single(apps);
        Assert.Equal(ClusterRef.PrimaryKey, onHub.Cluster);

        var spec = onHub.ToJson()["spec"]!;
        var selector = Assert.Single(ClusterSelectors(spec["generators"]));
        var placed = config.Members.Where(m => Selects(selector, new Dictionary<string, string>(MultiClusterPlatform.Labels(config, m)) { [GitOpsBridge.PlatformLabel] = config.Name }))
            .Select(m => m.Name).ToList();
        Assert.Equal(config.Members.Where(m => m.Capabilities.IsEmpty).Select(m => m.Name), placed);
        Assert.Contains(config.Members, m => !m.Capabilities.IsEmpty);
        Assert.Equal("{{ .name }}", spec["template"]!["spec"]!["destination"]!["name"]!.GetValue<string>());
        Assert.Contains(MultiClusterPlatform.MemberLabel, spec["template"]!["metadata"]!["name"]!.GetValue<string>(), StringComparison.Ordinal);

        // The tenant's project on the hub admits every member by name, only the tenant's namespace.
        var project = graph.Resources.OfType<KubernetesResource>().Single(r => r.Cluster == ClusterRef.PrimaryKey && r.Kind == "AppProject" && r.ObjectName == tenant.Name).ToJson();
        var destinations = project["spec"]!["destinations"]!.AsArray();
        // Level 5: its own namespace and the ones its team creates through Capsule (<tenant>-*), on every member.
        string[] own = [tenant.Name, PlatformMaturity.Config.TenantNamespaces.Glob(tenant.Name)];
        Assert.All(destinations, d => Assert.Contains(d!["namespace"]!.GetValue<string>(), own));
        Assert.Equal(config.Members.SelectMany(m => own.Select(_ => m.Name)), destinations.Select(d => d!["name"]?.GetValue<string>()).OfType<string>());
    }

    [Fact]
    public void Each_members_own_argo_cd_knows_its_cluster_by_the_members_labels_and_keeps_its_bridge_annotations()
    {
        var graph = Graph("l5-azure");
        var config = graph.Config;
        foreach (var (member, i) in config.Members.Select((m, i) => (m, i)).Skip(1))
        {
            var key = graph.Clusters[i].Key;
            var own = graph.Resources.OfType<KubernetesResource>().Single(r => r.Cluster == key && r.ObjectName == GitOpsBridge.ClusterSecretName);
            var labels = own.Object.Metadata.Labels;
            Assert.Equal(MultiClusterPlatform.Labels(config, member).OrderBy(l => l.Key, StringComparer.Ordinal),
                labels.Where(l => MultiClusterPlatform.Labels(config, config.Members[0]).ContainsKey(l.Key)
                    || l.Key.StartsWith(MultiClusterPlatform.CapabilityLabel(""), StringComparison.Ordinal)).OrderBy(l => l.Key, StringComparer.Ordinal));
            Assert.Equal(key, labels[GitOpsBridge.ClusterLabel]);
            // The bridge: the member's cloud outputs (its own identities, storage) reach its Applications.
            Assert.NotEmpty(own.TextFromAzure);
            Assert.All(own.Object.Metadata.Annotations, a => Assert.StartsWith(GitOpsBridge.Prefix, a.Key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Below_level_5_each_cluster_places_its_own_tenant_apps_and_the_hub_registers_nobody()
    {
        var graph = Graph("l4-azure");
        Assert.Single(HubRegistrations(graph));
        Assert.DoesNotContain(graph.Resources.OfType<FederatedIdentityCredential>(), f => f.Identity == FleetHub.IdentityName);
        var tenant = graph.Config.Tenants.First(t => !t.Repos.IsEmpty);
        var apps = graph.Resources.OfType<KubernetesResource>().Where(r => r.Kind == "ApplicationSet" && r.ObjectName == GitOpsApplicationManagement.AppsName(tenant)).ToList();
        Assert.Equal(graph.Clusters.Length, apps.Count);
        Assert.All(apps, a => Assert.Equal(GitOpsBridge.InClusterServer, a.ToJson()["spec"]!["template"]!["spec"]!["destination"]!["server"]!.GetValue<string>()));
    }
}
