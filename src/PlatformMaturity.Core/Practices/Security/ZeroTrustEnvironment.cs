using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// Level 5: nothing is trusted for where it connects from. The AKS API server is reachable only from the authorized
/// ranges of config (or only privately, for stacks created so), nodes have no public IPs, AKS run command is off once
/// promoted; in the cluster every request needs a mesh identity an AuthorizationPolicy allows and tenant egress is
/// denied by default (Advanced Traffic Filtering's policies, which Zero Trust relies on).
/// </summary>
public sealed class ZeroTrustEnvironment : PracticeComponent
{
    /// <summary>The mesh-wide allow-nothing policy, in the mesh root namespace.</summary>
    public const string DefaultDenyPolicy = "mesh-default-deny";

    /// <summary>Istio annotation that makes an AuthorizationPolicy log its decisions instead of applying them (staged phase).</summary>
    public const string DryRunAnnotation = "istio.io/dry-run";

    public override string Practice => "Zero Trust Environment";

    public override Implementation Implementation => new(
        Existing: "Mesh-wide default-deny AuthorizationPolicy (staged as a dry run) on top of Advanced Traffic Filtering's per-tenant allow policies and egress default-deny; the API server's exposure is your cluster's (reported)",
        Azure: "API server reachable only from platform:apiServerAuthorizedIpRanges (or private for stacks created with platform:privateCluster), no node public IPs, AKS run command off (staged), plus the in-cluster controls of existing");

    public override void Build(ComponentBuilder component)
    {
        AddMeshDefaultDeny(component);
        component.Note(component.Implements("Advanced Traffic Filtering")
            ? "Egress is denied by default in every tenant namespace (Advanced Traffic Filtering's default-deny egress and allow-lists, staged as egress-default-deny)."
            : "Tenant egress is not denied by default here: Advanced Traffic Filtering is not built on this platform.");
        if (component.IsAzure)
            BuildAzure(component);
        else
            component.Note("The API server of an existing cluster is exposed as its provider set it up: restrict it to your networks there (e.g. authorized networks, a private endpoint); this tool cannot change it.");
    }

    /// <summary>
    /// An ALLOW policy without rules in the root namespace applies to every workload of the mesh and allows nothing:
    /// only what another AuthorizationPolicy allows (each tenant's own, from Advanced Traffic Filtering) gets through.
    /// </summary>
    private static void AddMeshDefaultDeny(ComponentBuilder component)
    {
        if (!component.Implements(AllTrafficEncrypted.PracticeName))
        {
            component.Note("No mesh runs on this platform (All traffic encrypted is not built): there is no mesh identity to authorize requests by.");
            return;
        }
        var staged = component.IsStaged(Enforcements.MeshDefaultDeny);
        var root = AllTrafficEncrypted.ControlPlaneNamespace(component.Config);
        component.AddObject(new CustomObject
        {
            ApiVersion = "security.istio.io/v1",
            Kind = "AuthorizationPolicy",
            Metadata = new V1ObjectMeta
            {
                Name = DefaultDenyPolicy,
                NamespaceProperty = root,
                Annotations = staged ? new Dictionary<string, string> { [DryRunAnnotation] = "true" } : null,
            },
            Spec = new JsonObject(),
        });
        component.Note(staged
            ? $"Staged ({Enforcements.MeshDefaultDeny}): AuthorizationPolicy {root}/{DefaultDenyPolicy} is a dry run; sidecars log what it would refuse (istio_requests_total with response_code 403 stays flat; proxy logs show shadow denials). pmctl upgrade {component.Config.Stack} --promote enforces it."
            : $"AuthorizationPolicy {root}/{DefaultDenyPolicy} denies every mesh request no other AuthorizationPolicy allows; a new namespace in the mesh (one created through Capsule too) accepts nothing until its owners add an ALLOW policy by identity. Check: kubectl get authorizationpolicy -A.");
    }

    private static void BuildAzure(ComponentBuilder component)
    {
        var config = component.Config;
        var runCommandStaged = component.IsStaged(Enforcements.RunCommandDisabled);
        component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
        {
            RunCommandEnabled = runCommandStaged,
            PrivateClusterEnabled = config.PrivateCluster ? true : cluster.PrivateClusterEnabled,
            // The provider's default is off already: set explicitly so no later change turns it on unnoticed.
            DefaultNodePool = cluster.DefaultNodePool with { NodePublicIpEnabled = false },
        });
        // After every practice, so pools that later practices add (the GPU pool of Just-in-time Capacity) are covered too.
        component.AfterPractices(c =>
        {
            foreach (var pool in c.Existing<KubernetesClusterNodePool>().Where(p => p.Cluster == Foundation.ClusterName).Select(p => p.Name).ToList())
                c.Contribute<KubernetesClusterNodePool>(pool, p => p with { Pool = p.Pool with { NodePublicIpEnabled = false } });
        });

        if (config.PrivateCluster)
        {
            component.Note("The API server has a private address only (private cluster, chosen at creation: changing it replaces the cluster). Pulumi must run inside the virtual network or a peered one (a self-hosted CI runner or a jump host); the Argo CD hub reaches the cluster over VNet peering or a private endpoint to it, never over the internet.");
        }
        else if (config.ApiServerAuthorizedIpRanges.IsDefaultOrEmpty)
        {
            component.Note($"Zero trust is incomplete: the API server accepts connections from any address (sign-in still required). Set {ConfigKeys.ApiServerAuthorizedIpRanges.FullName} to the ranges of your offices, VPN, CI runners and the Argo CD hub's outbound IPs.");
        }
        else
        {
            component.Note($"The API server accepts connections only from {string.Join(", ", config.ApiServerAuthorizedIpRanges)} ({ConfigKeys.ApiServerAuthorizedIpRanges.FullName}): the addresses Pulumi and the Argo CD hub leave from (CI runners' egress, the hub cluster's outbound IPs) must be in that list, or they lose the cluster.");
            component.Note($"A private API server is a creation-time choice: create a new stack with {ConfigKeys.PrivateCluster.FullName}: true (pmctl init) and move workloads; an upgrade does not switch it, because Azure would replace the cluster.");
        }
        component.Note("Nodes have no public IPs: outbound traffic leaves through the cluster's load balancer or NAT gateway only.");
        component.Note(runCommandStaged
            ? $"Staged ({Enforcements.RunCommandDisabled}): az aks command invoke still works; pmctl upgrade {config.Stack} --promote turns it off."
            : "AKS run command is off: az aks command invoke is refused; reach the API server from an authorized network with an Entra sign-in.");
    }
}
