using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// Level 5: who talked to whom, and what was refused, is recorded. On azure, Advanced Container Networking Services
/// observability (Hubble on the Cilium data plane the cluster has had since Level 1) with ContainerNetworkLog objects
/// choosing what is stored — ACNS stores nothing until one selects flows —, ingested by Container Insights into the
/// platform's Log Analytics workspace (table ContainerNetworkLogs). On existing, Cilium's Hubble where the cluster runs
/// Cilium (platform:cilium), otherwise not applicable: no other CNI exports per-flow verdicts.
/// </summary>
/// <remarks>
/// What is logged (and paid for): denied flows everywhere (the evidence an audit and an incident need), every flow of
/// the platform's own namespaces (few, and the most privileged), and every flow of each tenant namespace (one object
/// per tenant, so a tenant's logging can be removed on its own). Recording observes traffic and enforces nothing, so
/// there is nothing to stage.
/// </remarks>
public sealed class NetworkTrafficAuditing : PracticeComponent
{
    public const string PracticeName = "Network Traffic Auditing";

    /// <summary>API of the ACNS flow-log selection kind (installed by AKS when ACNS observability is on).</summary>
    public const string ApiGroup = "acn.azure.com";
    public const string ApiVersion = ApiGroup + "/v1alpha1";
    public const string Kind = "ContainerNetworkLog";

    /// <summary>The CRD AKS installs for <see cref="Kind"/> (what assess looks for).</summary>
    public const string Definition = "containernetworklogs." + ApiGroup;

    /// <summary>The Log Analytics table Container Insights writes stored flow logs to.</summary>
    public const string LogTable = "ContainerNetworkLogs";

    public const string DeniedFlowsLog = "denied-flows";
    public const string PlatformFlowsLog = "platform-flows";

    /// <summary>ACNS selects pods by namespace with this label key in a filter's labelSelector (AKS docs' template).</summary>
    public const string NamespaceLabel = "k8s.io/namespace";

    /// <summary>Verdicts a filter can select: forwarded (allowed) and dropped (denied by policy or otherwise dropped).</summary>
    public static readonly string[] AllVerdicts = ["forwarded", "dropped"];
    public static readonly string[] AllProtocols = ["tcp", "udp", "dns"];

    public static string TenantFlowsLog(string tenant) => $"tenant-{tenant}-flows";

    public override string Practice => PracticeName;

    public override Implementation Implementation => new(
        Existing: $"Hubble flows of the cluster's Cilium (platform:cilium: true): the tool checks and documents them (hubble observe, Hubble's flow export); without Cilium not applicable",
        Azure: $"Advanced Container Networking Services observability (network_profile.advanced_networking) on the Cilium data plane, {Kind} objects selecting denied flows everywhere, all flows of platform namespaces and of each tenant namespace, ingested by Container Insights into Log Analytics (table {LogTable}; container network logs switched on with az aks update, which Pulumi.Azure 6.39 has no input for)");

    public override string? NotApplicableReason(PlatformConfig config) => config.Target == DeploymentTarget.Existing && !config.Cilium
        ? $"flow logs need Cilium's Hubble, and {ConfigKeys.Cilium.FullName} says this cluster does not run Cilium (other CNIs export no per-flow verdicts); set it to true on a Cilium cluster"
        : null;

    public override void Build(ComponentBuilder component)
    {
        if (component.IsAzure)
            BuildAzure(component);
        else
            BuildExisting(component);
    }

    private static void BuildAzure(ComponentBuilder component)
    {
        var config = component.Config;
        var cluster = component.Existing<KubernetesCluster>().Single(c => c.Name == Foundation.ClusterName);
        if (cluster.NetworkProfile?.NetworkDataPlane != "cilium")
        {
            // The data plane is chosen when the cluster is created: changing it replaces the cluster. This tool creates
            // every cluster with Cilium (Foundation), so only a cluster made otherwise lands here.
            component.Note($"Stored flow logs need the Cilium data plane, and this cluster has '{cluster.NetworkProfile?.NetworkDataPlane ?? "azure"}': a creation-time choice (changing it replaces the cluster). Create a new stack (pmctl init, which chooses Cilium) and move workloads to it; nothing is recorded here.");
            return;
        }
        component.Contribute<KubernetesCluster>(Foundation.ClusterName, c => c with
        {
            NetworkProfile = c.NetworkProfile! with { AdvancedNetworking = new AdvancedNetworking(ObservabilityEnabled: true, SecurityEnabled: null) },
        });
        AddFlowLogSelections(component);

        var group = component.Existing<ResourceGroup>().Single(r => r.Name == cluster.ResourceGroup).ResourceGroupName;
        var name = cluster.ClusterName;
        component.Note("Step after pulumi up (Pulumi.Azure 6.39 has no input for container network logs nor for Container Insights' high log scale mode, which they need): "
            + $"az aks enable-addons -a monitoring --enable-high-log-scale-mode -g {group} -n {name} --workspace-resource-id <the platform's Log Analytics workspace id>; "
            + $"az aks update --enable-acns --enable-container-network-logs -g {group} -n {name}. "
            + $"Verify: az aks show -g {group} -n {name} --query networkProfile.advancedNetworking (observability enabled) and kubectl get {Kind.ToLowerInvariant()}s (each one's status shows it applied).");
        component.Note($"Flows land in the Log Analytics workspace's {LogTable} table: {LogTable} | where Verdict == \"DROPPED\" | take 20. On demand: hubble observe via the hubble-relay Service in kube-system.");
        if (!component.HasMonitoring)
            component.Note("Container Insights (the monitoring add-on) is not on at this level's configuration, so stored flows stay on the nodes (/var/log/acns/hubble) until it is.");
    }

    /// <summary>
    /// One object per purpose: denied flows everywhere, all flows of the platform's namespaces, all flows of each tenant
    /// namespace. A filter's from and to must both match, so each namespace set has an egress and an ingress filter.
    /// </summary>
    private static void AddFlowLogSelections(ComponentBuilder component)
    {
        var config = component.Config;
        // No from/to: every source and destination; only what was dropped.
        component.AddObject(FlowLog(DeniedFlowsLog, [new JsonObject
        {
            ["name"] = "dropped",
            ["protocol"] = Strings(AllProtocols),
            ["verdict"] = Strings(["dropped"]),
        }]));
        var platform = PlatformNamespaces.WithKubeSystem.Append(config.IngressNamespace).Distinct().Order(StringComparer.Ordinal).ToArray();
        component.AddObject(FlowLog(PlatformFlowsLog, NamespaceFilters("platform", platform)));
        foreach (var tenant in config.Tenants.Select(t => t.Name))
            component.AddObject(FlowLog(TenantFlowsLog(tenant), NamespaceFilters(tenant, [tenant])));
        component.Note($"Recorded: dropped flows in every namespace ({DeniedFlowsLog}), all flows of the platform namespaces ({PlatformFlowsLog}) and of each tenant namespace ({TenantFlowsLog("<tenant>")}). Namespaces a tenant creates through Capsule log only their dropped flows until a {Kind} names them.");
    }

    private static JsonObject[] NamespaceFilters(string name, IReadOnlyList<string> namespaces)
    {
        JsonObject Side(IReadOnlyList<string> ns) => new()
        {
            ["labelSelector"] = new JsonObject
            {
                ["matchExpressions"] = new JsonArray(new JsonObject
                {
                    ["key"] = NamespaceLabel,
                    ["operator"] = "In",
                    ["values"] = Strings(ns),
                }),
            },
        };
        return
        [
            new JsonObject { ["name"] = $"{name}-egress", ["from"] = Side(namespaces), ["protocol"] = Strings(AllProtocols), ["verdict"] = Strings(AllVerdicts) },
            new JsonObject { ["name"] = $"{name}-ingress", ["to"] = Side(namespaces), ["protocol"] = Strings(AllProtocols), ["verdict"] = Strings(AllVerdicts) },
        ];
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    /// <summary>A cluster-scoped ContainerNetworkLog with the given include filters.</summary>
    private static CustomObject FlowLog(string name, JsonObject[] filters) => new()
    {
        ApiVersion = ApiVersion,
        Kind = Kind,
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new JsonObject { ["includefilters"] = new JsonArray([.. filters]) },
    };

    private static void BuildExisting(ComponentBuilder component)
    {
        // The Cilium installation is the cluster owner's (its Helm release or the provider's add-on): the tool does not
        // take it over, so it says what to switch on and how to check it.
        component.Note($"This cluster runs Cilium ({ConfigKeys.Cilium.FullName}): flows are Hubble's. Turn Hubble and its relay on where they are off (cilium hubble enable, or the Cilium chart's hubble.enabled and hubble.relay.enabled), and store flows with Hubble's flow export (the Cilium chart's hubble.export settings) to the log pipeline. Verify: cilium hubble port-forward & hubble observe --verdict DROPPED --last 20.");
        component.Note("Record at least: dropped flows in every namespace, all flows of the platform namespaces and of each tenant namespace (hubble observe --namespace <ns> shows what that selects).");
    }
}
