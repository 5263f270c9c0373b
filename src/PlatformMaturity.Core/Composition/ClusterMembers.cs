using System.Collections.Immutable;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Composition;

/// <summary>
/// One cluster subtree per member of platform:clusters after the first. Every member runs the platform the first
/// cluster runs: its AKS cluster (on azure) with every setting the practices contributed to the first, its node
/// pools, the federated credentials and role assignments that name the first cluster, and a copy of every
/// Kubernetes object, release and secret of the first cluster. Copies are named &lt;member&gt;-&lt;name&gt; and
/// live in the member's own component (cluster-&lt;member&gt;), so the first cluster's names, components and Pulumi
/// state never change when members are added or removed.
/// </summary>
internal static class ClusterMembers
{
    public const string TypeToken = "platform:availability:ClusterMember";

    public static string ComponentId(string key) => $"cluster-{key}";

    /// <summary>Graph name of a member's copy of a first-cluster resource.</summary>
    public static string CopyName(string key, string name) => $"{key}-{name}";

    /// <summary>Graph name of the first-cluster resource a member's copy was made from (the inverse of <see cref="CopyName"/>).</summary>
    public static string OriginalName(string key, string copy) =>
        copy.StartsWith($"{key}-", StringComparison.Ordinal) ? copy[(key.Length + 1)..]
            : throw new InvalidOperationException($"'{copy}' is not a copy made for cluster '{key}'");

    /// <summary>The clusters the graph deploys to, primary first.</summary>
    public static ImmutableArray<ClusterRef> Refs(PlatformConfig config) =>
        [.. config.Members.Select((member, i) =>
        {
            var key = ClusterKeys.KeyOf(i, member);
            return config.IsAzure
                ? new ClusterRef(key, i == 0 ? Foundation.ClusterName : CopyName(key, Foundation.ClusterName), null)
                : new ClusterRef(key, null, member.KubeContext);
        })];

    public static void Build(GraphBuilder graph)
    {
        var config = graph.Config;
        var members = config.Members;
        if (members.Length < 2)
            return;
        var practice = Model.MaturityModel.Default.Practice(WellKnown.FaultTolerantWorkloadDistribution);
        var provenance = new Provenance(practice.Name, practice.FirstLevel);
        var firstCluster = graph.All.Where(OnFirstCluster).ToList();
        for (var i = 1; i < members.Length; i++)
        {
            var member = members[i];
            var key = ClusterKeys.KeyOf(i, member);
            var component = graph.StartComponent(ComponentId(key), TypeToken, $"Cluster {member.Name}{(member.Region is { } r ? $" ({r})" : "")}", provenance);
            var names = firstCluster.ToDictionary(r => r.Name, r => CopyName(key, r.Name), StringComparer.Ordinal);
            // The member's own Velero container, identity and its roles (azure), made by Basic Disaster Recovery: the copy of
            // the release waits for them and runs as the identity, and the copy of the federated credential federates
            // the member's service account with the member's identity, not the first cluster's.
            foreach (var shared in new[] { Practices.Availability.BasicDisasterRecovery.StorageContainerName, Practices.Availability.BasicDisasterRecovery.IdentityName, Practices.Availability.BasicDisasterRecovery.BlobAccessName, Practices.Availability.BasicDisasterRecovery.BlobDelegationName })
            {
                var own = CopyName(key, shared);
                if (graph.All.Any(r => r.Name == own))
                    names[shared] = own;
            }
            foreach (var resource in firstCluster)
                // An object that differs per cluster (ComponentBuilder.ForEachMember) keeps the copy's graph name even when
                // renamed (a member's backup Schedule): the name that says which first-cluster object it comes from.
                component.Add(Copy(resource is KubernetesResource k ? graph.ForMember(key, k) : resource, i, key, member, names, config) with { Name = names[resource.Name], DependsOn = [.. resource.DependsOn.Select(d => names.GetValueOrDefault(d, d))] });
            component.Note(config.IsAzure
                ? $"Cluster '{member.Name}' in {member.Region} runs the same platform as the first cluster: AKS cluster {CopyName(key, Foundation.ClusterName)} and a copy of every platform object (names prefixed '{key}-')."
                : $"Cluster '{member.Name}' (kubeconfig context {member.KubeContext ?? "current"}) runs a copy of every platform object of the first cluster.");
        }
    }

    private static bool OnFirstCluster(GraphResource resource) => resource switch
    {
        KubernetesResource k => k.Cluster == ClusterRef.PrimaryKey && !k.PrimaryOnly,
        HelmRelease h => h.Cluster == ClusterRef.PrimaryKey && !h.PrimaryOnly,
        ConfigSecret s => s.Cluster == ClusterRef.PrimaryKey,
        KubernetesCluster c => c.Name == Foundation.ClusterName,
        KubernetesClusterNodePool p => p.Cluster == Foundation.ClusterName,
        FederatedIdentityCredential f => f.Cluster == Foundation.ClusterName && !f.PrimaryOnly,
        RoleAssignment a => a.PrincipalId.Resource == Foundation.ClusterName || a.Scope.Resource == Foundation.ClusterName,
        // Settings on the cluster itself (Level 4 security: the pod security baseline assignment, the audit log setting).
        PolicyAssignment p => p.ResourceId.Resource == Foundation.ClusterName,
        DiagnosticSetting d => d.TargetResourceId.Resource == Foundation.ClusterName,
        VirtualNetwork or Subnet => SpokeNetwork.IsFirstSpoke(resource),
        GroupRoleAssignment g => g.Scope.Resource == Foundation.ClusterName,
        _ => false,
    };

    private static GraphResource Copy(GraphResource resource, int index, string key, ClusterMember member, IReadOnlyDictionary<string, string> names, PlatformConfig config)
    {
        AzureRef Ref(AzureRef r) => names.TryGetValue(r.Resource, out var copy) ? r with { Resource = copy } : r;
        string Name(string name) => names.GetValueOrDefault(name, name);
        return resource switch
        {
            KubernetesResource k when k.TextFromAzure.Any(r => names.ContainsKey(r.Resource)) =>
                throw new InvalidOperationException($"'{k.Name}' carries text from a first-cluster Azure resource; a member cannot copy it as is"),
            KubernetesResource k => OwnGatewayDnsLabel(k, member, config) with { Cluster = key },
            HelmRelease h => h with
            {
                Cluster = key,
                Values = OwnBackupLocation(h, key),
                ValuesFromAzure = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, h.ValuesFromAzure.Select(v => KeyValuePair.Create(v.Key, Ref(v.Value)))),
            },
            ConfigSecret s => s with { Cluster = key },
            KubernetesCluster c => c with
            {
                // A specialised member sharing a region with an earlier one is named after itself; the others keep
                // the region-based name they always had.
                ClusterName = SharesRegion(config, member) ? $"aks-{config.Name}-{member.Name}" : $"aks-{config.Name}-{member.Region}",
                Location = member.Region!,
                DnsPrefix = $"{config.Name}-{member.Name}",
                DefaultNodePool = Sized(c.DefaultNodePool, member.SystemPool, member.Zones) with { Subnet = c.DefaultNodePool.Subnet is { } s ? Name(s) : null },
            },
            KubernetesClusterNodePool p => p with { Cluster = Name(p.Cluster), Pool = Sized(p.Pool, member.UserPool, member.Zones) with { Subnet = p.Pool.Subnet is { } s ? Name(s) : null } },
            VirtualNetwork or Subnet => SpokeNetwork.ForMember((AzureResource)resource, index, member, config, Name),
            FederatedIdentityCredential f => f with { Cluster = f.Cluster is { } c ? Name(c) : null, Identity = Name(f.Identity) },
            RoleAssignment a => a with { Scope = Ref(a.Scope), PrincipalId = Ref(a.PrincipalId) },
            PolicyAssignment p => p with { ResourceId = Ref(p.ResourceId), DisplayName = $"{p.DisplayName} ({member.Name})" },
            DiagnosticSetting d => d with { TargetResourceId = Ref(d.TargetResourceId) },
            GroupRoleAssignment g => g with { Scope = Ref(g.Scope) },
            _ => throw new InvalidOperationException($"a member cannot copy '{resource.Name}' ({resource.Kind})"),
        };
    }

    /// <summary>
    /// A specialised member sharing a region (Level 5) gives its gateway's public address its own DNS label: Azure
    /// refuses a second address with the same label in a region.
    /// </summary>
    private static KubernetesResource OwnGatewayDnsLabel(KubernetesResource resource, ClusterMember member, PlatformConfig config)
    {
        const string annotation = Practices.Availability.FaultTolerantWorkloadDistribution.AzureDnsLabelAnnotation;
        if (!SharesRegion(config, member) || resource.Object is not CustomObject { Kind: "EnvoyProxy" } proxy
            || proxy.Spec?["provider"]?["kubernetes"]?["envoyService"]?["annotations"]?[annotation] is null)
            return resource;
        var copy = k8s.KubernetesJson.Deserialize<CustomObject>(k8s.KubernetesJson.Serialize(proxy));
        copy.Spec!["provider"]!["kubernetes"]!["envoyService"]!["annotations"]![annotation] =
            Practices.Availability.FaultTolerantWorkloadDistribution.GatewayDnsLabel(config, member);
        return resource with { Object = copy };
    }

    /// <summary>Whether an earlier member of platform:clusters runs in the same region (a specialised member, Level 5).</summary>
    public static bool SharesRegion(PlatformConfig config, ClusterMember member) =>
        member.Region is { } region && config.Members.TakeWhile(m => m != member).Any(m => m.Region == region);

    /// <summary>
    /// Velero on a member writes to its own location beside the first cluster's
    /// (<see cref="Practices.Availability.BasicDisasterRecovery.MemberLocation"/>): with the same schedules, two clusters
    /// would otherwise write backups of the same names into the same place and each sync the other's.
    /// </summary>
    private static HelmValues OwnBackupLocation(HelmRelease release, string key)
    {
        const string locations = Practices.Availability.BasicDisasterRecovery.LocationsValue;
        if (release.ReleaseName != Practices.Availability.BasicDisasterRecovery.ReleaseName
            || release.Values.Get(locations) is not ImmutableArray<object?> { Length: > 0 } list || list[0] is not HelmValues first)
            return release.Values;
        var (bucket, prefix) = Practices.Availability.BasicDisasterRecovery.MemberLocation(
            (string)first.Entries["bucket"]!, first.Entries.TryGetValue("prefix", out var existing) ? existing as string : null, key);
        var values = release.Values.WithAt($"{locations}[0].bucket", bucket);
        return prefix is null ? values : values.WithAt($"{locations}[0].prefix", prefix);
    }

    /// <summary>The first cluster's pool resized for a member: its own VM size, count, autoscaler range and zones where given.</summary>
    private static NodePool Sized(NodePool pool, NodePoolSize? size, ImmutableArray<string> zones) => pool with
    {
        VmSize = size?.VmSize ?? pool.VmSize,
        NodeCount = size?.Count ?? pool.NodeCount,
        MinCount = pool.AutoScalingEnabled ? size?.MinCount ?? pool.MinCount : pool.MinCount,
        MaxCount = pool.AutoScalingEnabled ? size?.MaxCount ?? pool.MaxCount : pool.MaxCount,
        Zones = zones,
    };
}
