using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformMaturity.Assess.Evidence;
using PlatformMaturity.Assess.Rules.Efficiency;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.GitOps;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Security;

namespace PlatformMaturity.Core.Tests.Assess;

/// <summary>One object of a cluster built from a stack, with the practice whose component put it there.</summary>
public sealed record SeenObject(string Practice, JsonObject Item);

/// <summary>
/// What the first cluster of a stack would show to kubectl: the base every cluster has (nodes, kube-system, cluster-admin),
/// the graph's objects with pmctl's own labels and annotations stripped, each Helm release as its release Secret
/// (metadata owner=helm,name=…) plus a chart-labelled Deployment, and on azure what the AKS add-ons the cluster
/// record turns on put into kube-system.
/// </summary>
public static class StackCluster
{
    public const string Base = "(any cluster)";

    /// <summary>A value standing in for a release Secret's payload: tests check it never appears in any output.</summary>
    public const string ReleasePayload = "SDRzSUFBQUFBQUFBL3NlY3JldC1yZWxlYXNlLXBheWxvYWQ=";

    public static List<SeenObject> Objects(PlatformConfig config)
    {
        var graph = Composer.Default.Compose(config);
        var items = new List<SeenObject>();
        var aks = graph.Resources.OfType<KubernetesCluster>().FirstOrDefault();
        AddBase(items, aks, config.Level >= 4);
        foreach (var resource in graph.Resources)
        {
            var practice = resource.Provenance.Source;
            switch (resource)
            {
                case KubernetesResource k when k.Cluster == ClusterRef.PrimaryKey:
                    items.Add(new SeenObject(practice, Strip(k.ToJson())));
                    break;
                case HelmRelease h when h.Cluster == ClusterRef.PrimaryKey:
                    AddRelease(items, practice, h);
                    break;
            }
        }
        if (aks is not null)
            AddAksAddOns(items, aks, graph.Resources.OfType<KubernetesClusterNodePool>());
        if (aks is null && graph.Practices.Any(p => p.Practice == WellKnown.MultiClusterPlatform && p.State == PracticeState.Implemented))
            AddJoinedMembers(items, config);
        return items;
    }

    /// <summary>
    /// On existing, the fleet join's `argocd cluster add` (FleetHub.AddCommand, a plan step, not a graph object) registers
    /// each member on the hub: a cluster Secret named as Argo CD names it (cluster-&lt;API server host&gt;-&lt;FNV-32a of its URL&gt;;
    /// the host stands in for the context's API server) with the member's labels.
    /// </summary>
    private static void AddJoinedMembers(List<SeenObject> items, PlatformConfig config)
    {
        foreach (var member in config.Members.Skip(1))
        {
            var labels = new Dictionary<string, string>(MultiClusterPlatform.Labels(config, member), StringComparer.Ordinal)
            {
                [GitOpsBridge.SecretTypeLabel] = "cluster",
            };
            var host = $"{member.KubeContext ?? member.Name}.example";
            var secret = Object("v1", "Secret", GitOpsPlatformManagement.Namespace, $"cluster-{host}-{Fnv32a($"https://{host}:6443")}", labels);
            secret["type"] = "Opaque";
            items.Add(new SeenObject(WellKnown.MultiClusterPlatform, secret));
        }
    }

    /// <summary>FNV-1a, 32 bits: the hash Argo CD puts in a cluster Secret's name.</summary>
    internal static uint Fnv32a(string text)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
            hash = (hash ^ b) * 16777619u;
        return hash;
    }

    /// <summary>The objects as one `kubectl get … -o json` List.</summary>
    public static string ListJson(IEnumerable<SeenObject> objects) =>
        new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray([.. objects.Select(o => o.Item.DeepClone())]), ["metadata"] = new JsonObject { ["resourceVersion"] = "" } }
            .ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static JsonObject Strip(JsonObject item)
    {
        if (item["metadata"] is JsonObject metadata)
        {
            foreach (var map in new[] { "labels", "annotations" })
            {
                if (metadata[map] is not JsonObject values)
                    continue;
                foreach (var key in values.Select(p => p.Key).ToList())
                {
                    if (key.StartsWith("platform.maturity/", StringComparison.Ordinal)
                        || (key == StandardLabels.ManagedBy && values[key]?.GetValue<string>() == StandardLabels.Tool)
                        || key == StandardLabels.PartOf)
                        values.Remove(key);
                }
                if (values.Count == 0)
                    metadata.Remove(map);
            }
        }
        return item;
    }

    private static void AddBase(List<SeenObject> items, KubernetesCluster? aks, bool fromLevel4)
    {
        foreach (var ns in ClusterView.SystemNamespaces)
            items.Add(new SeenObject(Base, Object("v1", "Namespace", null, ns, new() { ["kubernetes.io/metadata.name"] = ns })));
        var pool = aks?.DefaultNodePool;
        var count = Math.Max(pool?.NodeCount ?? 3, 2);
        for (var i = 0; i < count; i++)
        {
            var labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = $"node-{i}", ["kubernetes.io/os"] = "linux" };
            // An existing cluster that a Level 4+ stack counts on spans zones like any managed cluster would.
            if (aks is null && fromLevel4)
                labels["topology.kubernetes.io/zone"] = $"zone-{i % 3 + 1}";
            if (aks is not null)
            {
                labels[ClusterAutoscalingEvidence.AksNodeLabel] = $"MC_{aks.ResourceGroup}_{aks.ClusterName}_{aks.Location}";
                labels["kubernetes.azure.com/agentpool"] = pool!.Name;
                labels["topology.kubernetes.io/zone"] = pool.Zones.IsEmpty ? "0" : $"{aks.Location}-{pool.Zones[i % pool.Zones.Length]}";
            }
            items.Add(new SeenObject(Base, Object("v1", "Node", null, $"node-{i}", labels)));
        }
        items.Add(new SeenObject(Base, Object("apps/v1", "Deployment", "kube-system", "coredns", new() { [HelmLabels.K8sApp] = "kube-dns" })));
        var admin = Object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "cluster-admin", new() { ["kubernetes.io/bootstrapping"] = "rbac-defaults" });
        admin["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = "cluster-admin" };
        admin["subjects"] = new JsonArray(new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Group", ["name"] = "system:masters" });
        items.Add(new SeenObject(Base, admin));
        if (aks is not null)
            items.Add(new SeenObject(Base, Object("apps/v1", "Deployment", "kube-system", "metrics-server", new() { [HelmLabels.K8sApp] = "metrics-server" })));
    }

    private static void AddRelease(List<SeenObject> items, string practice, HelmRelease release)
    {
        var chart = release.Chart.Name[(release.Chart.Name.LastIndexOf('/') + 1)..];
        if (release.CreateNamespace)
            items.Add(new SeenObject(practice, Object("v1", "Namespace", null, release.Namespace, new() { ["kubernetes.io/metadata.name"] = release.Namespace })));
        var secret = Object("v1", "Secret", release.Namespace, HelmLabels.ReleaseSecretName(release.ReleaseName, 1), new()
        {
            [HelmLabels.Owner] = HelmLabels.OwnerHelm,
            [HelmLabels.ReleaseName] = release.ReleaseName,
            [HelmLabels.Status] = "deployed",
            [HelmLabels.Revision] = "1",
        });
        secret["type"] = HelmLabels.ReleaseSecretType;
        secret["data"] = new JsonObject { ["release"] = ReleasePayload };
        items.Add(new SeenObject(practice, secret));
        items.Add(new SeenObject(practice, Object("apps/v1", "Deployment", release.Namespace, release.ReleaseName, new()
        {
            [HelmLabels.Chart] = $"{chart}-{release.Chart.Version}",
            [HelmLabels.AppName] = chart,
            [HelmLabels.Instance] = release.ReleaseName,
            [HelmLabels.ManagedBy] = HelmLabels.ManagedByHelm,
        })));
    }

    /// <summary>What AKS add-ons put into the cluster, attributed to the practice that turned the setting on.</summary>
    private static void AddAksAddOns(List<SeenObject> items, KubernetesCluster aks, IEnumerable<KubernetesClusterNodePool> pools)
    {
        void AddOn(string setting, string kind, string name, string? definition = null)
        {
            var practice = SettingSource(aks, setting);
            items.Add(new SeenObject(practice, Object("apps/v1", kind, "kube-system", name, new() { [HelmLabels.AppName] = name })));
            if (definition is not null)
                items.Add(new SeenObject(practice, Object("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, definition, [])));
        }
        if (aks.WorkloadAutoscalerProfile?.KedaEnabled == true)
            AddOn("WorkloadAutoscalerProfile.KedaEnabled", "Deployment", "keda-operator", "scaledobjects.keda.sh");
        if (aks.WorkloadAutoscalerProfile?.VerticalPodAutoscalerEnabled == true)
            AddOn("WorkloadAutoscalerProfile.VerticalPodAutoscalerEnabled", "Deployment", "vpa-recommender", "verticalpodautoscalers.autoscaling.k8s.io");
        if (aks.KeyVaultSecretsProvider is not null)
            AddOn("KeyVaultSecretsProvider", "DaemonSet", "aks-secrets-store-csi-driver", "secretproviderclasses.secrets-store.csi.x-k8s.io");
        if (aks.OmsAgent is not null)
            AddOn("OmsAgent", "DaemonSet", "ama-logs");
        if (aks.MonitorMetrics is not null)
            AddOn("MonitorMetrics", "Deployment", "ama-metrics");
        if (aks.MicrosoftDefender is not null)
            AddOn("MicrosoftDefender", "DaemonSet", "microsoft-defender-collector-ds");
        if (aks.NetworkProfile?.AdvancedNetworking?.ObservabilityEnabled == true)
            AddOn("NetworkProfile.AdvancedNetworking", "Deployment", "hubble-relay", NetworkTrafficAuditing.Definition);
        var autoscaled = aks.DefaultNodePool.AutoScalingEnabled ? SettingSource(aks, "DefaultNodePool.AutoScalingEnabled")
            : pools.FirstOrDefault(p => p.Pool.AutoScalingEnabled)?.Provenance.Source;
        if (autoscaled is not null)
            items.Add(new SeenObject(autoscaled, Object("v1", "ConfigMap", "kube-system", ClusterAutoscalingEvidence.StatusConfigMap, [])));
    }

    /// <summary>The practice that contributed a setting (or anything below it) to the cluster record.</summary>
    private static string SettingSource(KubernetesCluster aks, string setting) =>
        aks.Contributions.FirstOrDefault(c => c.Key == setting || c.Key.StartsWith(setting + ".", StringComparison.Ordinal)).Value?.Source
        ?? aks.ProvenanceOf(setting).Source;

    private static JsonObject Object(string apiVersion, string kind, string? ns, string name, Dictionary<string, string> labels)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
            metadata["namespace"] = ns;
        if (labels.Count > 0)
            metadata["labels"] = new JsonObject([.. labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]);
        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }
}
