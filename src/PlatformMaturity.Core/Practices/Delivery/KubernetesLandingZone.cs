using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// Level 5: self-service tenancy. Capsule (chart <see cref="Pins.Capsule"/>) lets each team create its own namespaces,
/// named &lt;tenant&gt;-*, up to a namespace quota of its tier, owned by its group with the same built-in role the
/// pmctl-created namespace binds (edit). A namespace a team creates gets what the platform gives the tenant's pmctl
/// namespace, whatever practice puts it there: its labels and annotations (Pod Security, the tenant label the
/// admission-policy bindings, network peers and log tenancy select, chaos and mesh opt-ins) through the Tenant's
/// namespace metadata, and a copy of every object in that namespace (network policies, LimitRange, RoleBindings,
/// instrumentation, PeerAuthentication, ...) through a GlobalTenantResource that Capsule keeps in sync. The copy is
/// taken after every practice is built, so a practice added later follows without changes here. Owners cannot undo the
/// copies with their edit role: Capsule's replication webhook refuses updates and deletes of replicated objects by
/// anyone but its controller (internal/webhook/generic/replications.go at v0.14.0).
/// </summary>
public sealed class KubernetesLandingZone : PracticeComponent
{
    public const string PracticeName = "Kubernetes Landing Zone";
    public const string Namespace = "capsule-system";
    public const string ReleaseName = "capsule";
    public const string ApiVersion = "capsule.clastix.io/v1beta2";

    /// <summary>Capsule's admission webhook port (chart 0.14.0 manager.webhookPort).</summary>
    public const int WebhookPort = 9443;

    /// <summary>Capsule's template variable for the namespace a replicated object lands in (pkg/template FastTemplate, v0.14.0).</summary>
    public const string NamespaceTemplate = "{{ namespace }}";

    /// <summary>Name of a tenant's GlobalTenantResource that replicates its namespace baseline.</summary>
    public static string BaselineName(string tenant) => $"{tenant}-namespace-baseline";

    /// <summary>How many namespaces a team may create itself, by tier (its pmctl namespace not counted).</summary>
    public static int NamespaceQuota(TenantTier tier) => tier switch
    {
        TenantTier.Small => 3,
        TenantTier.Medium => 5,
        TenantTier.Large => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };

    /// <summary>
    /// The built-in role a tenant's group gets in the namespaces it creates: the role Basic Access Management binds in the
    /// pmctl namespace, not Capsule's default admin (which could edit the RoleBindings the platform replicates), plus
    /// Capsule's deleter so the team can remove what it created.
    /// </summary>
    public static readonly ImmutableArray<string> OwnerClusterRoles = ["edit", "capsule-namespace-deleter"];

    /// <summary>
    /// Namespace labels and annotations tenant owners may not set or change on namespaces they create: the platform's
    /// own (tenant identity, tier, practice labels), Pod Security, the mesh's and Chaos Mesh's opt-ins and Capsule's.
    /// Without this an owner could relabel a namespace into another tenant, out of the admission policies' selectors,
    /// or down to privileged Pod Security.
    /// </summary>
    public const string ForbiddenMetadataRegex =
        @"^(platform\.maturity/.*|pod-security\.kubernetes\.io/.*|istio\.io/.*|istio-injection|chaos-mesh\.org/.*|capsule\.clastix\.io/.*|projectcapsule\.dev/.*|goldilocks\.fairwinds\.com/.*)$";

    /// <summary>Whether namespaces outside the configured tenants' pmctl namespaces can belong to a tenant (Capsule's), so tenant-wide selectors must use the tenant label.</summary>
    public static bool SelfServiceNamespaces(PlatformConfig config) =>
        config.Level >= Model.MaturityModel.Default.Practice(PracticeName).FirstLevel;

    public override string Practice => PracticeName;

    public override Implementation Implementation => Implementation.OnBothTargets(
        $"Capsule (chart {Pins.Capsule.Version}): per tenant a Tenant owned by its group (roles {string.Join(", ", OwnerClusterRoles)}), namespaces named <tenant>-* up to a quota by tier, " +
        "the pmctl namespace's labels and annotations as namespace metadata (owners may not change them), the tier and GPU quotas shared across the namespaces the team creates (scope Tenant), " +
        "and a GlobalTenantResource copying every object of the pmctl namespace into each namespace the team creates; platform namespaces protected; " +
        "per-tenant objects outside the namespace (Argo CD destinations, Velero schedules, metrics proxy, trace and log tenancy, Kueue queues) cover <tenant>-* too, and tenant names whose prefix would claim another tenant's or a platform namespace are refused");

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        component.AddPlatformNamespace(Namespace);
        var groups = config.Tenants.Select(t => t.Group).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var values = HelmValues.From(
            ("crds.install", true),
            ("replicaCount", 2),
            ("manager.image.tag", Pins.CapsuleImageTag),
            // The chart's hook jobs use clastix/kubectl tagged by the cluster's minor version unless a tag is set.
            ("global.jobs.kubectl.image.tag", Pins.CapsuleJobsKubectlTag),
            // Only the tenants' groups are Capsule users: nobody else can create namespaces through it.
            ("manager.options.users", groups.Select(g => new Dictionary<string, object> { ["kind"] = "Group", ["name"] = g }).ToList()),
            ("manager.options.forceTenantPrefix", true),
            ("manager.options.protectedNamespaceRegex", ProtectedNamespaceRegex(config)),
            ("monitoring.serviceMonitor.enabled", component.HasMonitoring));
        component.AddRelease(ReleaseName, Namespace, Pins.Capsule, values, providesApiGroups: ["capsule.clastix.io"], createNamespace: false,
            dependsOn: component.HasMonitoring ? [WellKnown.PrometheusStackRelease] : null);

        component.AfterPractices(BuildTenants);
        component.Note($"Teams create namespaces themselves: kubectl create namespace <tenant>-<name> as a member of the tenant's group; see them: kubectl get tenants; kubectl get namespaces -l {HardMultiTenancy.TenantLabel}=<tenant>.");
        component.Note($"Each created namespace receives the tenant's baseline within Capsule's resync (60s): kubectl get globaltenantresource <tenant>-namespace-baseline -o jsonpath='{{.status}}'.");
    }

    private static string ProtectedNamespaceRegex(PlatformConfig config)
    {
        var names = PlatformNamespaces.WithKubeSystem.Append(PlatformNamespaces.KubePublic).Append("default").Append("kube-node-lease").Append(config.IngressNamespace)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return $"^({string.Join('|', names.Select(Regex.Escape))})$";
    }

    private static void BuildTenants(ComponentBuilder component)
    {
        var config = component.Config;
        var resources = component.Existing<KubernetesResource>().Where(r => r.Cluster == ClusterRef.PrimaryKey).ToList();
        // Indexed once: a Level 5 stack has hundreds of tenants and thousands of objects, and a scan per tenant is quadratic.
        var byName = resources.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var inNamespaceOf = resources.ToLookup(r => r.Object.Metadata.NamespaceProperty ?? "", StringComparer.Ordinal);
        var tenantNames = config.Tenants.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var naming = new Dictionary<string, List<(KubernetesResource Resource, HashSet<string> Namespaces)>>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            var named = NamespacesNamed(resource.Object);
            foreach (var tenantName in named.Where(tenantNames.Contains))
                (naming.TryGetValue(tenantName, out var list) ? list : naming[tenantName] = []).Add((resource, named));
        }

        var capped = new SortedSet<string>(StringComparer.Ordinal);
        // Every tenant has a group from Level 2 on (the config is refused without one).
        foreach (var tenant in config.Tenants)
        {
            var inNamespace = inNamespaceOf[tenant.Name].ToList();
            var caps = TenantWideQuotas(inNamespace.Select(r => r.Object));
            var ns = byName[Foundation.TenantNamespace(tenant.Name)].Object;
            component.AddObject(TenantObject(tenant, ns, caps, component));
            var replicated = inNamespace.Where(r => !caps.Any(q => ReferenceEquals(r.Object, q))).ToList();
            if (replicated.Count > 0)
                component.AddObject(Baseline(tenant, replicated));
            if (caps.Count > 0)
                capped.UnionWith(caps.Select(q => q.Metadata.Name));

            // An object that also names the tenant's glob or regex (TenantNamespaces) follows the namespaces it creates.
            var onlyIt = naming.GetValueOrDefault(tenant.Name, [])
                .Where(x => x.Resource.Object.Metadata.NamespaceProperty != tenant.Name
                    && !x.Namespaces.Contains(TenantNamespaces.Glob(tenant.Name)) && !x.Namespaces.Any(n => n.Contains(TenantNamespaces.Regex(tenant.Name), StringComparison.Ordinal)))
                .Select(x => x.Resource).Select(r => $"{r.Kind} {(r.Object.Metadata.NamespaceProperty is { } n ? n + "/" : "")}{r.ObjectName}{CannotFollowReason(r.Kind)}").ToList();
            if (onlyIt.Count > 0)
                component.Note($"These objects name namespace {tenant.Name} itself, so they cover only it and not the namespaces {tenant.Name} creates: {string.Join("; ", onlyIt)}.");
        }
        if (capped.Count > 0)
            component.Note($"Quotas {string.Join(", ", capped)} are not copied into the namespaces a team creates (a copy each would multiply the cap by their number): the Tenant holds them with scope Tenant, so all those namespaces together stay within one cap (kubectl get tenant <tenant> -o jsonpath='{{.spec.resourceQuotas}}'; Capsule's per-namespace quotas: kubectl get resourcequota -A -l capsule.clastix.io/tenant=<tenant>). " +
                "The pmctl-created namespace is not a Capsule namespace and keeps its own copy, so a team's total is at most twice its cap whatever the number of namespaces it creates.");
    }

    /// <summary>
    /// The ResourceQuotas of a tenant's pmctl namespace that cap an amount (CPU, memory, pods, GPUs, ...): the Tenant
    /// enforces them across the namespaces the team creates (scope Tenant) instead of the baseline copying them, since a
    /// copy per namespace would multiply the tenant's cap by its namespace count. Quotas whose every limit is 0 forbid
    /// something (a priority class, LoadBalancers) and are copied: zero in every namespace is zero in all of them.
    /// The tier quota comes first, so its item index (Capsule names the quotas it creates by index) stays as it was.
    /// </summary>
    public static IReadOnlyList<V1ResourceQuota> TenantWideQuotas(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) =>
        [.. objects.OfType<V1ResourceQuota>()
            .Where(q => q.Spec?.Hard?.Values.Any(v => v.ToDecimal() != 0) == true)
            .OrderBy(q => q.Metadata.Name == BasicResourcesManagement.QuotaName ? 0 : 1)
            .ThenBy(q => q.Metadata.Name, StringComparer.Ordinal)];

    private static CustomObject TenantObject(Tenant tenant, IKubernetesObject<V1ObjectMeta> ns, IReadOnlyList<V1ResourceQuota> caps, ComponentBuilder component)
    {
        var labels = ns.Metadata.Labels.Where(l => !StandardLabels.Keys.Contains(l.Key)).ToDictionary();
        var metadata = new JsonObject { ["labels"] = ToJson(labels) };
        if (ns.Metadata.Annotations is { Count: > 0 } annotations)
            metadata["annotations"] = ToJson(annotations);
        var spec = new JsonObject
        {
            ["owners"] = new JsonArray(new JsonObject
            {
                ["kind"] = "Group",
                ["name"] = tenant.Group,
                ["clusterRoles"] = new JsonArray([.. OwnerClusterRoles.Select(r => JsonValue.Create(r))]),
            }),
            ["forceTenantPrefix"] = true,
            ["namespaceOptions"] = new JsonObject
            {
                ["quota"] = NamespaceQuota(tenant.Tier),
                ["additionalMetadata"] = metadata,
                ["forbiddenLabels"] = new JsonObject { ["deniedRegex"] = ForbiddenMetadataRegex },
                ["forbiddenAnnotations"] = new JsonObject { ["deniedRegex"] = ForbiddenMetadataRegex },
            },
            // NodePort and LoadBalancer Services would expose tenant pods outside the platform gateway.
            ["serviceOptions"] = new JsonObject
            {
                ["allowedServices"] = new JsonObject { ["nodePort"] = false, ["loadBalancer"] = false, ["externalName"] = false },
            },
            ["preventDeletion"] = true,
        };
        if (caps.Count > 0)
        {
            // The tier's quota and every other cap (GPUs) are shared by all the namespaces the team creates (Capsule sums
            // their usage per item and stops each namespace at what the tenant has left), not multiplied.
            spec["resourceQuotas"] = new JsonObject
            {
                ["scope"] = "Tenant",
                ["items"] = new JsonArray([.. caps.Select(q => (JsonNode)QuotaItem(q.Spec))]),
            };
        }
        AddClassRestrictions(spec, component);
        return new CustomObject
        {
            ApiVersion = ApiVersion,
            Kind = "Tenant",
            Metadata = new V1ObjectMeta { Name = tenant.Name, Labels = new Dictionary<string, string> { [HardMultiTenancy.TenantLabel] = tenant.Name } },
            Spec = spec,
        };
    }

    /// <summary>A Tenant's resourceQuotas item (a ResourceQuotaSpec: hard, scopes, scopeSelector) from a ResourceQuota's spec.</summary>
    private static JsonObject QuotaItem(V1ResourceQuotaSpec quota)
    {
        var item = JsonNode.Parse(KubernetesJson.Serialize(quota))!.AsObject();
        item["hard"] = ToJson(quota.Hard.ToDictionary(h => h.Key, h => h.Value.ToString()));
        return item;
    }

    /// <summary>
    /// The classes the platform offers, as the only ones a tenant may use (staged: not restricted yet), so a namespace a
    /// team creates cannot pick a storage class without retention or a priority class meant for the platform.
    /// </summary>
    private static void AddClassRestrictions(JsonObject spec, ComponentBuilder component)
    {
        if (component.IsStaged(Enforcements.TenantClasses))
            return;
        if (component.Implements("Advanced Volume Management"))
            spec["storageClasses"] = new JsonObject
            {
                ["allowed"] = new JsonArray(AdvancedVolumeManagement.StandardClass, AdvancedVolumeManagement.DataClass),
                ["default"] = AdvancedVolumeManagement.StandardClass,
            };
        if (component.Implements("Advanced Resources Management"))
            spec["priorityClasses"] = new JsonObject
            {
                ["allowed"] = new JsonArray(AdvancedResourcesManagement.BusinessCritical, AdvancedResourcesManagement.Default, AdvancedResourcesManagement.Batch),
                ["default"] = AdvancedResourcesManagement.Default,
            };
        if (component.Existing<KubernetesResource>().Any(r => r.Kind == "GatewayClass" && r.ObjectName == PlatformGateway.GatewayClassName))
            spec["gatewayOptions"] = new JsonObject
            {
                ["allowedClasses"] = new JsonObject { ["allowed"] = new JsonArray(PlatformGateway.GatewayClassName), ["default"] = PlatformGateway.GatewayClassName },
            };
    }

    /// <summary>The tenant's GlobalTenantResource: a copy of each object of its pmctl namespace in every namespace of its Capsule Tenant.</summary>
    private static CustomObject Baseline(Tenant tenant, IEnumerable<KubernetesResource> objects) => new()
    {
        ApiVersion = ApiVersion,
        Kind = "GlobalTenantResource",
        Metadata = new V1ObjectMeta { Name = BaselineName(tenant.Name) },
        Spec = new JsonObject
        {
            ["tenantSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { [HardMultiTenancy.TenantLabel] = tenant.Name } },
            // scope is left to its default, Namespace (one copy per namespace of the tenant; v0.14.0 CRD default).
            ["resyncPeriod"] = "60s",
            ["pruningOnDelete"] = true,
            ["resources"] = new JsonArray(new JsonObject
            {
                ["rawItems"] = new JsonArray([.. objects.Select(o => RawItem(o.Object, tenant.Name))]),
            }),
        },
    };

    /// <summary>An object as Capsule replicates it: no namespace (Capsule sets each target's), references to the source namespace templated.</summary>
    public static JsonObject RawItem(IKubernetesObject<V1ObjectMeta> obj, string sourceNamespace)
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();
        var metadata = json["metadata"]!.AsObject();
        metadata.Remove("namespace");
        foreach (var field in new[] { "uid", "resourceVersion", "creationTimestamp", "managedFields" })
            metadata.Remove(field);
        Template(json, sourceNamespace);
        return json;
    }

    /// <summary>Keys whose value (or list of values) names namespaces: the source namespace there is the copy's own.</summary>
    private static readonly HashSet<string> NamespaceKeys = new(StringComparer.Ordinal) { "namespace", "namespaces", "notNamespaces", "matchNames" };

    private const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    private static void Template(JsonNode node, string sourceNamespace)
    {
        switch (node)
        {
            case JsonObject o:
                // A selector term on the namespace's name: {key: kubernetes.io/metadata.name, values: [...]} and matchLabels.
                var namesNamespace = o["key"] is JsonValue key && key.TryGetValue<string>(out var k) && k == NamespaceNameLabel;
                foreach (var (name, value) in o.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var s))
                        o[name] = TemplateText(s, sourceNamespace, NamespaceKeys.Contains(name) || name == NamespaceNameLabel);
                    else if (value is JsonArray list && (NamespaceKeys.Contains(name) || (namesNamespace && name == "values")))
                    {
                        for (var i = 0; i < list.Count; i++)
                            if (list[i] is JsonValue item && item.TryGetValue<string>(out var t))
                                list[i] = TemplateText(t, sourceNamespace, exact: true);
                    }
                    else if (value is not null)
                        Template(value, sourceNamespace);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var s))
                        a[i] = TemplateText(s, sourceNamespace, exact: false);
                    else if (a[i] is { } item)
                        Template(item, sourceNamespace);
                }
                break;
        }
    }

    /// <summary>
    /// A string with the source namespace replaced where it means the namespace: the whole value in a namespace field,
    /// or inside a mesh identity (…/ns/&lt;ns&gt;/…) or a Service's DNS name (….&lt;ns&gt;.svc). A value that is only the
    /// tenant's name elsewhere (a tenant label) stays.
    /// </summary>
    private static string TemplateText(string text, string sourceNamespace, bool exact)
    {
        if (exact && text == sourceNamespace)
            return NamespaceTemplate;
        return text.Replace($"/ns/{sourceNamespace}/", $"/ns/{NamespaceTemplate}/", StringComparison.Ordinal)
            .Replace($".{sourceNamespace}.svc", $".{NamespaceTemplate}.svc", StringComparison.Ordinal);
    }

    /// <summary>
    /// Why objects of a kind cannot follow the namespaces a tenant creates (the tool offers no pattern or namespace
    /// selector for them), for the note that lists them.
    /// </summary>
    private static string CannotFollowReason(string kind) => kind switch
    {
        "ReferenceGrant" => " (Gateway API ReferenceGrant.spec.from names one namespace each, with no pattern or selector)",
        "Schedule" or "Workflow" => " (Chaos Mesh 2.8 selectors take namespace names only, no namespace label selector: experiments stay in the namespace the tenant opted in)",
        "ContainerNetworkLog" => " (its filters select pods by the k8s.io/namespace label with values listed, not by pattern)",
        _ => "",
    };

    /// <summary>
    /// Every namespace name the object's spec could name: each string value, and what follows each '=' in it (a
    /// selector such as <c>kubernetes.io/metadata.name=team-a</c>). Label values other than a namespace's name label are
    /// left out (a proxy's instance label, a selector on the tenant label): they name no namespace.
    /// </summary>
    private static HashSet<string> NamespacesNamed(IKubernetesObject<V1ObjectMeta> obj)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (obj is V1Namespace || obj.Kind == "Tenant")
            return names;
        var text = KubernetesJson.Serialize(obj);
        // An ApplicationSet's destination namespace is only where objects without a namespace land, and its project is
        // named after the tenant: the AppProject decides which namespaces the Applications may reach (and follows the
        // tenant's glob).
        if (obj.Kind == "ApplicationSet" && JsonNode.Parse(text) is JsonObject appSet && appSet["spec"]?["template"]?["spec"] is JsonObject appSpec)
        {
            appSpec.Remove("project");
            if (appSpec["destination"] is JsonObject destination)
                destination.Remove("namespace");
            text = appSet.ToJsonString();
        }
        using var json = JsonDocument.Parse(text);
        foreach (var property in json.RootElement.EnumerateObject())
            if (property.Name != "metadata")
                CollectNames(property.Value, names);
        return names;
    }

    /// <summary>Label maps (labels, matchLabels, a Service's selector): their values name no namespace, except a namespace's name label.</summary>
    private static readonly HashSet<string> LabelMaps = new(StringComparer.Ordinal) { "labels", "matchLabels", "selector" };

    /// <summary>
    /// Collects every string and what follows each '=' in it, leaving out label values other than a namespace's name
    /// label (a proxy's instance label, a selector on the tenant label) and selector terms on the tenant label: those
    /// name the tenant, and match every namespace it has.
    /// </summary>
    private static void CollectNames(JsonElement element, HashSet<string> names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (LabelMaps.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var entry in property.Value.EnumerateObject())
                            if (entry.Name == NamespaceNameLabel || entry.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                                CollectNames(entry.Value, names);
                    }
                    else if (property.Name == "matchExpressions" && property.Value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var term in property.Value.EnumerateArray().Where(t => !OnTenantLabel(t)))
                            CollectNames(term, names);
                    }
                    else
                        CollectNames(property.Value, names);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    CollectNames(item, names);
                break;
            case JsonValueKind.String:
                var s = element.GetString()!;
                names.Add(s);
                for (var at = s.IndexOf('='); at >= 0; at = s.IndexOf('=', at + 1))
                    names.Add(s[(at + 1)..]);
                break;
        }
    }

    private static bool OnTenantLabel(JsonElement term) =>
        term.ValueKind == JsonValueKind.Object && term.TryGetProperty("key", out var key)
        && key.ValueKind == JsonValueKind.String && key.GetString() == HardMultiTenancy.TenantLabel;

    private static JsonObject ToJson(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new([.. pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))]);
}
