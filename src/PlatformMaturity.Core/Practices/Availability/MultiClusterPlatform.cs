using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Availability;

/// <summary>
/// Level 5: the members of platform:clusters run as one fleet. On azure an Azure Kubernetes Fleet Manager (no hub
/// cluster: azurerm v4, which Pulumi.Azure 6.39 wraps, no longer sends hub_profile) holds every AKS cluster as a member in
/// its region's update group; an update strategy upgrades one region at a time with a wait between regions, and the
/// members' own automatic upgrade channel is off so no cluster upgrades outside the stages. A change of
/// platform:kubernetesVersion creates the update run (its graph name carries the version). On existing the members are
/// kubeconfig contexts and their owners upgrade them. On both, placement is Argo CD's job: the hub on the first member
/// places applications on the clusters by their labels (<see cref="Labels"/>).
/// </summary>
public sealed class MultiClusterPlatform : PracticeComponent
{
    public const string FleetResource = "fleet";
    public const string StrategyResource = "fleet-update-strategy";
    public const string HubRunbook = "fleet-runbook.md";

    /// <summary>Seconds the fleet waits after a region's upgrade before the next region starts: time for alerts and SLO burn to show.</summary>
    public const int WaitBetweenRegionsSeconds = 3600;

    /// <summary>Cluster labels placement selects on (Argo CD cluster Secrets carry them): the one definition.</summary>
    public const string RegionLabel = "platform.maturity/region";
    public const string EnvironmentLabel = "platform.maturity/environment";
    public const string MemberLabel = "platform.maturity/member";

    /// <summary>The capability of a member with a GPU pool: GPU golden paths select it, every other app avoids it.</summary>
    public const string GpuCapability = "gpu";

    /// <summary>A capability's label key (value "true"), e.g. capability.platform.maturity/gpu.</summary>
    public static string CapabilityLabel(string capability) => $"capability.platform.maturity/{capability}";

    public override string Practice => WellKnown.MultiClusterPlatform;

    public override Implementation Implementation => new(
        Existing: $"Every member of {ConfigKeys.Clusters.FullName} is a kubeconfig context running the same platform, with placement labels (region, environment, capabilities) for the Argo CD hub on the first member (registered with argocd cluster add, {HubRunbook}); their owners upgrade them",
        Azure: $"An Azure Kubernetes Fleet Manager with every AKS cluster of {ConfigKeys.Clusters.FullName} as a member in its region's update group, an update strategy upgrading one region at a time ({WaitBetweenRegionsSeconds / 60} min wait between regions), the members' automatic upgrade channel off, and an update run created by each change of {ConfigKeys.KubernetesVersion.FullName}; placement labels (region, environment, capabilities) for the Argo CD hub on the first member and its runbook ({HubRunbook})");

    /// <summary>The labels a member joins the hub with: its name, region, environment and capabilities.</summary>
    public static ImmutableSortedDictionary<string, string> Labels(PlatformConfig config, ClusterMember member)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [MemberLabel] = member.Name,
            [EnvironmentLabel] = ConfigNames.Of(config.Environment),
        };
        if (member.Region is { } region)
            labels[RegionLabel] = region;
        foreach (var capability in member.Capabilities)
            labels[CapabilityLabel(capability)] = "true";
        return labels.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    /// <summary>Replaces the fleet labels of a registration with a member's (a member's copy of the first cluster's in-cluster Secret).</summary>
    public static void Relabel(IDictionary<string, string> labels, PlatformConfig config, ClusterMember member)
    {
        foreach (var key in labels.Keys.Where(IsFleetLabel).ToList())
            labels.Remove(key);
        foreach (var (key, value) in Labels(config, member))
            labels[key] = value;
    }

    private static bool IsFleetLabel(string key) =>
        key is MemberLabel or RegionLabel or EnvironmentLabel || key.StartsWith(CapabilityLabel(""), StringComparison.Ordinal);

    /// <summary>The fleet's update group of a member: its region, so a stage is a region.</summary>
    public static string UpdateGroup(ClusterMember member) => member.Region ?? member.Name;

    /// <summary>
    /// The regions in upgrade order: the first member's region (the Argo CD hub's, and the primary's) last, so a bad
    /// version shows on the other regions before it reaches the hub.
    /// </summary>
    public static ImmutableArray<string> UpgradeOrder(PlatformConfig config)
    {
        var groups = config.Members.Select(UpdateGroup).Distinct(StringComparer.Ordinal).ToList();
        return [.. groups.Skip(1), groups[0]];
    }

    /// <summary>The graph name of the update run to a version: a new version is a new run, which Azure starts when it is created.</summary>
    public static string RunResource(string version) => $"fleet-update-run-{version.Replace('.', '-')}";

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        if (config.Members.Length < 2)
            component.Note($"One cluster: the fleet has a single member. List more in {ConfigKeys.Clusters.FullName} (at least two regions).");
        if (config.IsAzure)
            AddFleet(component, config);
        else
        {
            foreach (var member in config.Members)
                component.Note($"Member '{member.Name}': kubeconfig context {member.KubeContext ?? "(current)"}; its owner upgrades it (no fleet manager for existing clusters).");
        }
        if (FleetHub.Places(component))
            component.AfterPractices(FleetHub.Add);
        component.AddDocument(HubRunbook, Runbook(config));
        component.Note($"Placement: the Argo CD hub runs on the first member ('{config.Members[0].Name}'); members join it with labels {RegionLabel}, {EnvironmentLabel}, {MemberLabel} and capability.platform.maturity/<capability>. What to do when the hub's region is down: {HubRunbook}.");
    }

    private static void AddFleet(ComponentBuilder component, PlatformConfig config)
    {
        // Fleet update runs own Kubernetes upgrades: a version change on the cluster resources would upgrade every member
        // at once (Automated Node Provisioning leaves the members' automatic upgrade channel off for the same reason).
        component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with { KubernetesVersionByFleet = true });

        var tags = StandardLabels.AzureTags(config, component.Provenance);
        component.Add(new KubernetesFleetManager
        {
            Name = FleetResource, Provenance = component.Provenance, Tags = tags,
            FleetName = $"fleet-{config.Name}", ResourceGroup = Foundation.ResourceGroupName, Location = config.PrimaryRegion,
        });
        var refs = ClusterMembers.Refs(config);
        var members = new List<string>();
        for (var i = 0; i < config.Members.Length; i++)
        {
            var member = config.Members[i];
            var added = component.Add(new FleetMember
            {
                Name = $"fleet-member-{refs[i].Key}", Provenance = component.Provenance,
                MemberName = member.Name, Fleet = FleetResource, Cluster = refs[i].AksResource!, Group = UpdateGroup(member),
            });
            members.Add(added.Name);
        }
        var order = UpgradeOrder(config);
        component.Add(new FleetUpdateStrategy
        {
            Name = StrategyResource, Provenance = component.Provenance,
            StrategyName = "one-region-at-a-time", Fleet = FleetResource,
            Stages = [.. order.Select((group, i) => new FleetUpdateStage($"region-{group}", [group], i < order.Length - 1 ? WaitBetweenRegionsSeconds : null))],
        });
        // A config built in code may leave the version unset: the parser's default then.
        var version = config.KubernetesVersion ?? Versions.Pins.AksKubernetesVersion;
        component.Add(new FleetUpdateRun
        {
            Name = RunResource(version), Provenance = component.Provenance,
            RunName = $"upgrade-{version.Replace('.', '-')}", Fleet = FleetResource, Strategy = StrategyResource,
            UpgradeType = "Full", KubernetesVersion = version, NodeImageSelection = "Consistent",
            // Every member joins before the run starts, so no cluster misses it.
            DependsOn = [.. members],
        });
        component.Note($"Upgrades: change {ConfigKeys.KubernetesVersion.FullName} and run pulumi up; that creates update run '{RunResource(version).Replace(version.Replace('.', '-'), "<version>")}' which upgrades {string.Join(", then ", order)} (one region per stage, {WaitBetweenRegionsSeconds / 60} min between). Watch: az fleet updaterun list -g <group> -f fleet-{config.Name} -o table; stop a bad one: az fleet updaterun stop.");
        component.Note("Node images still follow each cluster's node OS channel (NodeImage) in its maintenance window: they carry OS patches, not Kubernetes versions.");
    }

    /// <summary>The member that takes the hub's place while the hub's region is down: the first one in another region.</summary>
    public static ClusterMember? Standby(PlatformConfig config) =>
        config.Members.Skip(1).FirstOrDefault(m => m.Region != config.Members[0].Region || m.Region is null);

    /// <summary>The runbook for the fleet's hub: where it runs, what keeps working when its region is down, and how to move it.</summary>
    public static string Runbook(PlatformConfig config)
    {
        var hub = config.Members[0];
        var standby = Standby(config);
        var text = new StringBuilder();
        text.Append($"# Fleet runbook: {config.Name}\n\n");
        text.Append("| Member | Region | Context | Capabilities | Update group |\n|---|---|---|---|---|\n");
        foreach (var m in config.Members)
            text.Append(CultureInfo.InvariantCulture, $"| {m.Name}{(m == hub ? " (hub)" : "")} | {m.Region ?? "-"} | {m.KubeContext ?? (config.IsAzure ? "az aks get-credentials" : "(current)")} | {(m.Capabilities.IsEmpty ? "-" : string.Join(", ", m.Capabilities))} | {UpdateGroup(m)} |\n");
        text.Append($"\n## The hub\n\nArgo CD runs on **{hub.Name}**{(hub.Region is { } r ? $" ({r})" : "")}. It places applications on the members by the labels of their cluster Secrets ({RegionLabel}, {EnvironmentLabel}, {MemberLabel}, capability.platform.maturity/<capability>).\n");
        text.Append(config.IsAzure
            ? $"\nWhy {hub.Name}: it is the first member, whose Argo CD Pulumi installed without a name prefix and which already holds the platform's root Application; the hub only adds registrations to it. It reaches each member as the Entra workload identity {FleetHub.IdentityName} (role '{FleetHub.ClusterAdminRole}' on every cluster; the members' local accounts are off): the cluster Secrets run argocd-k8s-auth azure with AAD_LOGIN_METHOD=workloadidentity, so no token or key is stored. The hub's egress must reach each member's API server (platform:apiServerAuthorizedIpRanges; a private cluster needs the hub's VNet peered and its private DNS zone linked).\n"
            : $"\nWhy {hub.Name}: it is the first member, whose Argo CD already holds the platform's root Application; the hub only adds registrations to it. Pulumi cannot read credentials out of a kubeconfig, so each member is registered once with argocd cluster add (which creates the member's argocd-manager service account and its token), with the placement labels:\n\n```sh\n{string.Join("\n", config.Members.Skip(1).Select(m => FleetHub.AddCommand(config, m)))}\n```\n");
        text.Append("\n## When the hub's region is down\n\n");
        text.Append("1. Nothing serving stops: Argo CD is not in the request path. Workloads on the other members keep running and the global entry sends traffic to the healthy regions.\n");
        text.Append("2. What stops: syncs and new placements on every member, and drift repair. Freeze merges to the platform and app repositories that need a sync until the hub is back or moved.\n");
        if (standby is not null)
        {
            var ns = Security.GitOpsPlatformManagement.Namespace;
            var context = standby.KubeContext is { } sc ? $" --context {sc}" : $" --context <{standby.Name}>";
            var sets = config.Tenants.Where(t => !t.Repos.IsEmpty).Select(t => $"applicationset-{ns}-{Delivery.GitOpsApplicationManagement.AppsName(t)}.yaml").ToList();
            text.Append(CultureInfo.InvariantCulture, $"3. Standby: **{standby.Name}**{(standby.Region is { } s ? $" ({s})" : "")} runs the same platform (Argo CD included, from the same repository). ");
            if (config.IsAzure)
            {
                text.Append(CultureInfo.InvariantCulture, $"It is warm: its Argo CD already holds the registrations of every other cluster (Secrets cluster-<member> in {ns}, the hub's labels) and signs in as the hub identity {FleetHub.IdentityName}; they stay inert because the tenants' ApplicationSets live on the hub only. To place apps from it, apply them there:\n\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"Register the other clusters in its Argo CD with the same labels (argocd login to {standby.Name}'s Argo CD first), then apply the tenants' ApplicationSets there:\n\n");
            }
            text.Append("```sh\n");
            if (!config.IsAzure)
            {
                foreach (var m in config.Members.Where(m => m != standby))
                    text.Append(CultureInfo.InvariantCulture, $"{FleetHub.AddCommand(config, m)}\n");
            }
            foreach (var file in sets)
                text.Append(CultureInfo.InvariantCulture, $"kubectl{context} apply -f <checkout>/{config.GitOps.Path}/{GitOps.GitOpsTree.ComponentsFolder}/{Delivery.GitOpsApplicationManagement.ComponentId}/{file}\n");
            text.Append("```\n\n   They select clusters by label, so the same Applications (<tenant>-<app>-<member>) come back on the standby and adopt the running workloads. Platform components need nothing: every member's own Argo CD keeps applying them.\n");
            text.Append(CultureInfo.InvariantCulture, $"4. When the region is back, before the hub syncs again: kubectl{context} delete applicationsets -n {ns} -l {Delivery.GitOpsApplicationManagement.TenantLabel} (the Applications carry no resources-finalizer, so the workloads stay), so one Argo CD places each app. Make {standby.Name} the first member of {ConfigKeys.Clusters.FullName} only to move the hub for good (the first member keeps Pulumi's names).\n");
        }
        else
            text.Append($"3. No standby: the fleet has no member outside the hub's region. Add one in another region to {ConfigKeys.Clusters.FullName}.\n");
        if (config.IsAzure)
        {
            text.Append($"\n## Upgrades\n\nThe fleet upgrades one region at a time: {string.Join(" → ", UpgradeOrder(config))}, waiting {WaitBetweenRegionsSeconds / 60} minutes after each region. A new {ConfigKeys.KubernetesVersion.FullName} creates a new update run on pulumi up. The members' automatic upgrade channel is off, so only runs upgrade Kubernetes.\n");
        }
        return text.ToString();
    }

    /// <summary>The graph id of the practice's component, or null when it is not built.</summary>
    public static string? ComponentIdOf(PlatformGraph graph) =>
        graph.Practices.FirstOrDefault(p => p.Practice == WellKnown.MultiClusterPlatform)?.ComponentId;

    /// <summary>The fleet a composed graph runs (what pmctl status and graph show), or null below Level 5.</summary>
    public static FleetView? Of(PlatformGraph graph)
    {
        var config = graph.Config;
        if (ComponentIdOf(graph) is null)
            return null;
        var refs = graph.Clusters;
        var fleetMembers = graph.Resources.OfType<FleetMember>().ToDictionary(m => m.MemberName, StringComparer.Ordinal);
        var clusters = graph.Resources.OfType<KubernetesCluster>().ToDictionary(c => c.Name, StringComparer.Ordinal);
        ImmutableArray<FleetMemberView> members = [.. config.Members.Select((m, i) => new FleetMemberView(
            m.Name, m.Region, m.KubeContext,
            refs[i].AksResource is { } aks && clusters.TryGetValue(aks, out var cluster) ? cluster.ClusterName : null,
            m.Capabilities, fleetMembers.TryGetValue(m.Name, out var fm) ? fm.Group : null, Hub: i == 0,
            Labels(config, m)))];
        var manager = graph.Resources.OfType<KubernetesFleetManager>().FirstOrDefault();
        var strategy = graph.Resources.OfType<FleetUpdateStrategy>().FirstOrDefault();
        var run = graph.Resources.OfType<FleetUpdateRun>().FirstOrDefault();
        return new FleetView(manager?.FleetName, members,
            strategy is null ? [] : [.. strategy.Stages.Select(s => string.Join("+", s.Groups) + (s.AfterStageWaitInSeconds is { } w ? $" (then wait {w / 60} min)" : ""))],
            run?.KubernetesVersion);
    }
}

/// <summary>A member of the fleet as status shows it: where it runs, how to reach it, its update group and placement labels.</summary>
public sealed record FleetMemberView(string Name, string? Region, string? KubeContext, string? AksCluster, ImmutableArray<string> Capabilities,
    string? UpdateGroup, bool Hub, ImmutableSortedDictionary<string, string> Labels);

/// <summary>The fleet: its manager (azure), members, the upgrade stages in order and the version the current update run targets.</summary>
public sealed record FleetView(string? FleetManager, ImmutableArray<FleetMemberView> Members, ImmutableArray<string> UpgradeStages, string? UpdateRunVersion);
