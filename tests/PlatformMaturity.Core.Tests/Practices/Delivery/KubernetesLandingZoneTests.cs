using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Core.Tests.Practices.Security;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Practices.Security;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Delivery;

/// <summary>Kubernetes Landing Zone: Capsule tenants whose self-service namespaces get what the tenant's pmctl namespace gets.</summary>
public sealed class KubernetesLandingZoneTests
{
    private static PlatformGraph Level5(DeploymentTarget target, params string[] staged) =>
        PracticeGraphs.ComposeWithMonitoring(For(target, 5) with { Staged = [.. staged] });

    private static CustomObject Tenant(PlatformGraph graph, string name) => graph.Typed<CustomObject>("Tenant", null, name);

    /// <summary>The labels a namespace a team creates through Capsule ends up with: the Tenant's namespace metadata plus the API server's name label.</summary>
    private static Dictionary<string, string> CreatedNamespaceLabels(CustomObject tenant, string name)
    {
        var labels = tenant.Spec!["namespaceOptions"]!["additionalMetadata"]!["labels"]!.AsObject()
            .ToDictionary(l => l.Key, l => l.Value!.GetValue<string>());
        labels["kubernetes.io/metadata.name"] = name;
        return labels;
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Every_tenant_gets_a_capsule_tenant_owned_by_its_group_with_its_namespace_metadata_and_a_quota_by_tier(DeploymentTarget target)
    {
        var graph = Level5(target);
        var release = graph.Release(KubernetesLandingZone.ReleaseName);
        Assert.Equal(Pins.Capsule, release.Chart);
        Assert.Equal(true, release.Values.Get("manager.options.forceTenantPrefix"));
        var users = Assert.IsAssignableFrom<IEnumerable<object?>>(release.Values.Get("manager.options.users"));
        Assert.Equal(Tenants.Select(t => t.Group).Order(), users.Cast<HelmValues>().Select(u => (string)u.Get("name")!).Order());
        var protectedRegex = new Regex((string)release.Values.Get("manager.options.protectedNamespaceRegex")!);
        Assert.Matches(protectedRegex, "monitoring");
        Assert.Matches(protectedRegex, "kube-system");
        Assert.Matches(protectedRegex, KubernetesLandingZone.Namespace);
        Assert.DoesNotMatch(protectedRegex, "team-a-dev");

        foreach (var tenant in Tenants)
        {
            var spec = Tenant(graph, tenant.Name).Spec!;
            var owner = Assert.Single(spec["owners"]!.AsArray())!;
            Assert.Equal("Group", owner["kind"]!.GetValue<string>());
            Assert.Equal(tenant.Group, owner["name"]!.GetValue<string>());
            // The same role the pmctl namespace binds, not Capsule's default admin.
            Assert.DoesNotContain("admin", owner["clusterRoles"]!.AsArray().Select(r => r!.GetValue<string>()));
            Assert.Equal(KubernetesLandingZone.NamespaceQuota(tenant.Tier), spec["namespaceOptions"]!["quota"]!.GetValue<int>());

            // Every non-standard label and annotation of the pmctl namespace follows: Pod Security, tenant identity, tier, chaos opt-in.
            var pmctlNamespace = graph.Object("Namespace", null, tenant.Name).Object.Metadata;
            var created = CreatedNamespaceLabels(Tenant(graph, tenant.Name), $"{tenant.Name}-dev");
            foreach (var (key, value) in pmctlNamespace.Labels.Where(l => !StandardLabels.Keys.Contains(l.Key)))
                Assert.Equal(value, created[key]);
            Assert.Contains(PodSecurity.Enforce, created.Keys);
            Assert.Equal(tenant.Name, created[HardMultiTenancy.TenantLabel]);
            var annotations = spec["namespaceOptions"]!["additionalMetadata"]!["annotations"]!.AsObject();
            foreach (var (key, value) in pmctlNamespace.Annotations ?? new Dictionary<string, string>())
                Assert.Equal(value, annotations[key]!.GetValue<string>());

            // The tier's quota is shared by the tenant's namespaces, not copied into each.
            var quota = graph.Typed<V1ResourceQuota>("ResourceQuota", tenant.Name, BasicResourcesManagement.QuotaName);
            Assert.Equal("Tenant", spec["resourceQuotas"]!["scope"]!.GetValue<string>());
            Assert.Equal(quota.Spec.Hard["pods"].ToString(), spec["resourceQuotas"]!["items"]![0]!["hard"]!["pods"]!.GetValue<string>());
        }
        Assert.Empty(graph.SchemaErrors());
    }

    [Fact]
    public void Owners_cannot_relabel_their_namespaces_out_of_the_platforms_policies_or_into_another_tenant()
    {
        var regex = new Regex(KubernetesLandingZone.ForbiddenMetadataRegex);
        foreach (var key in new[] { HardMultiTenancy.TenantLabel, HardMultiTenancy.TierLabel, PodSecurity.Enforce, PodSecurity.Warn, ChaosEngineeringNonProd.InjectAnnotation, "istio-injection", "istio.io/rev" })
            Assert.Matches(regex, key);
        foreach (var key in new[] { "team", "cost-center", "app.kubernetes.io/name" })
            Assert.DoesNotMatch(regex, key);
        var spec = Tenant(Level5(DeploymentTarget.Existing), "team-a").Spec!["namespaceOptions"]!;
        Assert.Equal(KubernetesLandingZone.ForbiddenMetadataRegex, spec["forbiddenLabels"]!["deniedRegex"]!.GetValue<string>());
        Assert.Equal(KubernetesLandingZone.ForbiddenMetadataRegex, spec["forbiddenAnnotations"]!["deniedRegex"]!.GetValue<string>());
    }

    [Fact]
    public void Each_namespace_a_team_creates_gets_a_copy_of_every_object_of_its_pmctl_namespace_and_nothing_of_another_tenant()
    {
        var graph = Level5(DeploymentTarget.Existing);
        foreach (var tenant in Tenants)
        {
            var baseline = graph.Typed<CustomObject>("GlobalTenantResource", null, KubernetesLandingZone.BaselineName(tenant.Name));
            var selector = baseline.Spec!["tenantSelector"]!["matchLabels"]!.AsObject();
            foreach (var other in Tenants)
            {
                var labels = graph.Object("Tenant", null, other.Name).Labels();
                Assert.Equal(other == tenant, selector.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value!.GetValue<string>()));
            }

            var items = baseline.Spec["resources"]![0]!["rawItems"]!.AsArray().Select(i => i!.AsObject()).ToList();
            var expected = graph.Resources.OfType<KubernetesResource>()
                .Where(r => r.Cluster == ClusterRef.PrimaryKey && r.Namespace == tenant.Name && !(r.Kind == "ResourceQuota" && r.ObjectName is BasicResourcesManagement.QuotaName or JustInTimeCapacity.GpuQuotaName))
                .Select(r => $"{r.Kind}/{r.ObjectName}").Order().ToList();
            Assert.Contains($"NetworkPolicy/{BasicTrafficFiltering.DefaultDenyIngress}", expected);
            Assert.Contains($"LimitRange/{BasicResourcesManagement.LimitRangeName}", expected);
            Assert.Equal(expected, items.Select(i => $"{i["kind"]!.GetValue<string>()}/{i["metadata"]!["name"]!.GetValue<string>()}").Order().ToList());
            foreach (var item in items)
            {
                Assert.Null(item["metadata"]!["namespace"]);
                var text = item.ToJsonString();
                foreach (var other in Tenants.Where(o => o != tenant))
                    Assert.DoesNotContain($"\"{other.Name}\"", text, StringComparison.Ordinal);
                // Fields and lists naming the source namespace point at the namespace each copy lands in.
                Assert.DoesNotContain($"\"namespace\":\"{tenant.Name}\"", text, StringComparison.Ordinal);
                foreach (var list in new[] { "namespaces", "notNamespaces", "matchNames" })
                    Assert.DoesNotContain($"\"{list}\":[\"{tenant.Name}\"", text, StringComparison.Ordinal);
                Assert.DoesNotContain($"/ns/{tenant.Name}/", text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_copied_object_names_the_namespace_it_lands_in_where_it_named_the_source_namespace_and_keeps_the_tenants_name_elsewhere()
    {
        var policy = new CustomObject
        {
            ApiVersion = "security.istio.io/v1",
            Kind = "AuthorizationPolicy",
            Metadata = new V1ObjectMeta { Name = "tenant-access", NamespaceProperty = "team-a", Labels = new Dictionary<string, string> { [HardMultiTenancy.TenantLabel] = "team-a" } },
            Spec = JsonNode.Parse("""
                {"rules": [{"from": [{"source": {"notNamespaces": ["team-a", "gateway-system"], "principals": ["cluster.local/ns/team-a/sa/app"]}}]}],
                 "selector": {"matchLabels": {"platform.maturity/tenant": "team-a"}},
                 "target": "http://api.team-a.svc:8080",
                 "peer": {"namespaceSelector": {"matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "In", "values": ["team-a"]}]}}}
                """)!.AsObject(),
        };
        var item = KubernetesLandingZone.RawItem(policy, "team-a");
        var spec = item["spec"]!;
        Assert.Null(item["metadata"]!["namespace"]);
        Assert.Equal("team-a", item["metadata"]!["labels"]![HardMultiTenancy.TenantLabel]!.GetValue<string>());
        Assert.Equal([KubernetesLandingZone.NamespaceTemplate, "gateway-system"], spec["rules"]![0]!["from"]![0]!["source"]!["notNamespaces"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal($"cluster.local/ns/{KubernetesLandingZone.NamespaceTemplate}/sa/app", spec["rules"]![0]!["from"]![0]!["source"]!["principals"]![0]!.GetValue<string>());
        Assert.Equal("team-a", spec["selector"]!["matchLabels"]![HardMultiTenancy.TenantLabel]!.GetValue<string>());
        Assert.Equal($"http://api.{KubernetesLandingZone.NamespaceTemplate}.svc:8080", spec["target"]!.GetValue<string>());
        Assert.Equal(KubernetesLandingZone.NamespaceTemplate, spec["peer"]!["namespaceSelector"]!["matchExpressions"]![0]!["values"]![0]!.GetValue<string>());
    }

    [Fact]
    public void The_admission_policies_and_tenant_network_peers_cover_the_namespaces_teams_create_and_only_their_tenants()
    {
        var graph = Level5(DeploymentTarget.Existing);
        var bindings = graph.Resources.OfType<KubernetesResource>().Select(r => r.Object).OfType<V1ValidatingAdmissionPolicyBinding>()
            .Where(b => b.Spec.MatchResources?.NamespaceSelector is not null).ToList();
        Assert.NotEmpty(bindings);
        var created = CreatedNamespaceLabels(Tenant(graph, "team-a"), "team-a-dev");
        var unowned = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "someone-else" };
        foreach (var binding in bindings)
        {
            Assert.True(NetworkPolicyEvaluator.Matches(binding.Spec.MatchResources.NamespaceSelector, created), $"{binding.Metadata.Name} misses team-a-dev");
            Assert.True(NetworkPolicyEvaluator.Matches(binding.Spec.MatchResources.NamespaceSelector, graph.Object("Namespace", null, "team-b").Labels()
                .Append(KeyValuePair.Create("kubernetes.io/metadata.name", "team-b"))));
            Assert.False(NetworkPolicyEvaluator.Matches(binding.Spec.MatchResources.NamespaceSelector, unowned));
        }

        // The platform's secret store serves them too (its condition selects the tenant label, not names).
        var store = graph.Typed<CustomObject>("ClusterSecretStore", null, AdvancedDataProtection.StoreName);
        var condition = k8s.KubernetesJson.Deserialize<V1LabelSelector>(store.Spec!["conditions"]![0]!["namespaceSelector"]!.ToJsonString());
        Assert.True(NetworkPolicyEvaluator.Matches(condition, created));
        Assert.False(NetworkPolicyEvaluator.Matches(condition, unowned));

        // Below Level 5 there are no Capsule namespaces, and the bindings keep selecting the tenants' namespaces by name.
        var level4 = PracticeGraphs.ComposeWithMonitoring(Existing(4));
        Assert.False(level4.HasRelease(KubernetesLandingZone.ReleaseName));
        var registries = level4.Typed<V1ValidatingAdmissionPolicyBinding>("ValidatingAdmissionPolicyBinding", null, AdvancedVulnerabilitiesManagement.AllowedRegistriesPolicy);
        Assert.Equal("kubernetes.io/metadata.name", Assert.Single(registries.Spec.MatchResources.NamespaceSelector.MatchExpressions).Key);
    }

    [Fact]
    public void Class_restrictions_arrive_staged_and_apply_on_promotion()
    {
        var staged = Tenant(Level5(DeploymentTarget.Azure, Enforcements.TenantClasses), "team-a").Spec!;
        Assert.Null(staged["storageClasses"]);
        Assert.Null(staged["priorityClasses"]);
        Assert.NotNull(staged["namespaceOptions"]!["quota"]);

        var enforced = Tenant(Level5(DeploymentTarget.Azure), "team-a").Spec!;
        Assert.Equal([AdvancedVolumeManagement.StandardClass, AdvancedVolumeManagement.DataClass],
            enforced["storageClasses"]!["allowed"]!.AsArray().Select(c => c!.GetValue<string>()));
        var priorities = enforced["priorityClasses"]!["allowed"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.DoesNotContain(AdvancedResourcesManagement.PlatformCritical, priorities);
        Assert.Contains(Enforcements.All, e => e.Id == Enforcements.TenantClasses && e.Practice == KubernetesLandingZone.PracticeName);
    }
    /// <summary>
    /// What a team can request in total across N namespaces it creates: each namespace is bounded by every quota copied
    /// into it (N times that quota's cap together), and all of them together by the Tenant's items of scope Tenant
    /// (Capsule sums their usage per item).
    /// </summary>
    private static decimal UsableAcross(int namespaces, CustomObject tenant, CustomObject? baseline, string resource)
    {
        var copied = (baseline?.Spec!["resources"]![0]!["rawItems"]!.AsArray() ?? [])
            .Where(i => i!["kind"]!.GetValue<string>() == "ResourceQuota" && i["spec"]!["hard"]?[resource] is not null && i["spec"]!["scopeSelector"] is null && i["spec"]!["scopes"] is null)
            .Select(i => new ResourceQuantity(i!["spec"]!["hard"]![resource]!.GetValue<string>()).ToDecimal() * namespaces);
        Assert.Equal("Tenant", tenant.Spec!["resourceQuotas"]?["scope"]?.GetValue<string>() ?? "Tenant");
        var shared = (tenant.Spec!["resourceQuotas"]?["items"]?.AsArray() ?? [])
            .Where(i => i!["hard"]?[resource] is not null && i["scopeSelector"] is null && i["scopes"] is null)
            .Select(i => new ResourceQuantity(i!["hard"]![resource]!.GetValue<string>()).ToDecimal());
        return copied.Concat(shared).DefaultIfEmpty(decimal.MaxValue).Min();
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void A_team_uses_its_gpu_and_tier_caps_once_however_many_namespaces_it_creates(DeploymentTarget target)
    {
        var graph = Level5(target);
        foreach (var tenant in Tenants)
        {
            var capsule = Tenant(graph, tenant.Name);
            var baseline = graph.Typed<CustomObject>("GlobalTenantResource", null, KubernetesLandingZone.BaselineName(tenant.Name));
            var gpus = $"requests.{JustInTimeCapacity.GpuResource}";
            var caps = new[]
            {
                (Resource: gpus, Cap: new ResourceQuantity(graph.Typed<V1ResourceQuota>("ResourceQuota", tenant.Name, JustInTimeCapacity.GpuQuotaName).Spec.Hard[gpus].ToString()).ToDecimal()),
                (Resource: "requests.cpu", Cap: graph.Typed<V1ResourceQuota>("ResourceQuota", tenant.Name, BasicResourcesManagement.QuotaName).Spec.Hard["requests.cpu"].ToDecimal()),
                (Resource: "pods", Cap: graph.Typed<V1ResourceQuota>("ResourceQuota", tenant.Name, BasicResourcesManagement.QuotaName).Spec.Hard["pods"].ToDecimal()),
            };
            Assert.Equal(JustInTimeCapacity.GpusFor(tenant.Tier), caps[0].Cap);
            foreach (var (resource, cap) in caps)
                foreach (var n in new[] { 1, 2, KubernetesLandingZone.NamespaceQuota(tenant.Tier) })
                    Assert.Equal(cap, UsableAcross(n, capsule, baseline, resource));
            // The tier quota keeps its item index (Capsule names its quotas by it); a prohibition (all zero) is still copied.
            Assert.Equal(caps[1].Cap.ToString(System.Globalization.CultureInfo.InvariantCulture), capsule.Spec!["resourceQuotas"]!["items"]![0]!["hard"]!["requests.cpu"]!.GetValue<string>());
            Assert.Contains(baseline.Spec!["resources"]![0]!["rawItems"]!.AsArray(), i => i!["metadata"]!["name"]!.GetValue<string>() == AdvancedResourcesManagement.PriorityQuotaName);
        }
        Assert.Contains(graph.ComponentOf(KubernetesLandingZone.PracticeName).Notes, n => n.Contains(JustInTimeCapacity.GpuQuotaName, StringComparison.Ordinal) && n.Contains("scope Tenant", StringComparison.Ordinal));
        Assert.Empty(graph.SchemaErrors());
    }
}
