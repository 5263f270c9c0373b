using System.Collections.Immutable;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Planning;

namespace PlatformMaturity.Practices.Efficiency;

/// <summary>One cluster's hand-run step: the command that moves its API server into its spoke's API server subnet, and its check.</summary>
/// <param name="Cluster">The AKS cluster's Azure name.</param>
/// <param name="Resource">Its graph name.</param>
public sealed record ApiServerVnetIntegrationStep(string Cluster, string Resource, string Command, string Verify);

/// <summary>
/// Platform Landing Zones' API server subnet (delegated to Microsoft.ContainerService/managedClusters, in every spoke) is
/// for AKS API Server VNet Integration: the control plane's endpoint projected into the spoke, so nodes reach it without
/// leaving the VNet. Pulumi.Azure 6.39 cannot turn it on: its KubernetesClusterApiServerAccessProfileArgs has only
/// AuthorizedIpRanges (pulumi/pulumi-azure sdk/dotnet/ContainerService/Inputs; azurerm v4 removed the preview
/// subnet_id and vnet_integration_enabled of v3), and nothing else on KubernetesCluster sets enableVnetIntegration. So
/// the subnet is made, and the plan and status give the az command that uses it and the check, per cluster.
/// </summary>
public static class ApiServerVnetIntegration
{
    public const string FindingId = "apiserver-vnet-integration";

    /// <summary>The step for every AKS cluster of the graph whose spoke has an API server subnet (none on AKS-managed VNets).</summary>
    public static ImmutableArray<ApiServerVnetIntegrationStep> Steps(PlatformGraph graph)
    {
        var resources = graph.Resources.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var steps = new List<ApiServerVnetIntegrationStep>();
        foreach (var cluster in graph.Resources.OfType<KubernetesCluster>())
        {
            if (cluster.DefaultNodePool.Subnet is not { } nodes || resources.GetValueOrDefault(nodes) is not Subnet nodeSubnet)
                continue;
            var apiServer = graph.Resources.OfType<Subnet>().FirstOrDefault(s =>
                s.VirtualNetwork == nodeSubnet.VirtualNetwork && s.Delegation?.Service == SpokeNetwork.AksDelegation);
            if (apiServer is null || resources.GetValueOrDefault(apiServer.VirtualNetwork) is not VirtualNetwork vnet)
                continue;
            var group = ((ResourceGroup)resources[cluster.ResourceGroup]).ResourceGroupName;
            var subnetGroup = ((ResourceGroup)resources[apiServer.ResourceGroup]).ResourceGroupName;
            var subnetId = $"$(az network vnet subnet show -g {subnetGroup} --vnet-name {vnet.VirtualNetworkName} -n {apiServer.SubnetName} --query id -o tsv)";
            steps.Add(new ApiServerVnetIntegrationStep(
                cluster.ClusterName,
                cluster.Name,
                $"az aks update -g {group} -n {cluster.ClusterName} --enable-apiserver-vnet-integration --apiserver-subnet-id {subnetId}",
                $"az aks show -g {group} -n {cluster.ClusterName} --query \"apiServerAccessProfile.{{vnetIntegration: enableVnetIntegration, subnet: subnetId}}\" -o json (expect true and the {apiServer.SubnetName} subnet of {vnet.VirtualNetworkName})"));
        }
        return [.. steps];
    }

    /// <summary>Why the step is by hand, and what it does to the cluster, for plans and status.</summary>
    public const string Why =
        "Pulumi.Azure 6.39 cannot enable API Server VNet Integration (its ApiServerAccessProfile has only AuthorizedIpRanges), so the spoke's API server subnet stays unused until this runs; " +
        "the update restarts the control plane on the new endpoint and AKS rolls the nodes to reach it there, so run it in a maintenance window, one cluster at a time";

    /// <summary>Plan steps (phase 1, after the applied changes) for the clusters a level change gives Platform Landing Zones.</summary>
    public static ImmutableArray<PlanStep> Add(PlatformGraph before, PlatformGraph after, ImmutableArray<PlanStep> steps)
    {
        if (!Gains(before, after))
            return steps;
        return Planning.PlanSteps.InsertAfterPhase1(steps, Steps(after).Select(s => new PlanStep(0, 1,
            $"By hand for cluster {s.Cluster} ({Why}): {s.Command}", [s.Resource], [s.Verify])));
    }

    private static bool Gains(PlatformGraph before, PlatformGraph after) =>
        !Provides(before) && Provides(after);

    /// <summary>Whether Platform Landing Zones is built on the graph (in effect, on azure).</summary>
    public static bool Provides(PlatformGraph graph) =>
        graph.Practices.Any(p => p.Practice == PlatformLandingZones.PracticeName && p.State == PracticeState.Implemented);

    /// <summary>The status finding of a graph with Platform Landing Zones and API server subnets: the commands still to run.</summary>
    public static GuardrailFinding? Finding(PlatformGraph graph)
    {
        if (!Provides(graph) || Steps(graph) is not { IsEmpty: false } steps)
            return null;
        return new GuardrailFinding(FindingId,
            $"{Why}. Run, for each cluster: {string.Join("; ", steps.Select(s => $"{s.Command} — check: {s.Verify}"))}. (pmctl works offline and cannot see whether it has run; the check says.)");
    }
}
