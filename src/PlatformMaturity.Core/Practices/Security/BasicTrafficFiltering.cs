using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// Levels 2–3: tenants are isolated from each other. Per tenant namespace, nothing gets in unless it comes from the
/// same namespace, the ingress/gateway namespace or (when it runs) Prometheus; DNS egress is allowed for pods that opt
/// into egress isolation. On azure, Cilium enforces the policies.
/// </summary>
public sealed class BasicTrafficFiltering : PracticeComponent
{
    public const string DefaultDenyIngress = "default-deny-ingress";
    public const string AllowSameNamespace = "allow-same-namespace";
    public const string AllowFromIngress = "allow-from-ingress";
    public const string AllowFromMonitoring = "allow-from-monitoring";
    public const string AllowDnsEgress = "allow-dns-egress";

    /// <summary>
    /// Pods with this label get egress isolation with DNS allowed. Egress stays open for the rest until Advanced
    /// Traffic Filtering (Level 4) denies it by default, so a team can lock a workload down now without losing DNS.
    /// </summary>
    public const string EgressIsolationLabel = "platform.maturity/egress";

    public const string EgressIsolationValue = "restricted";

    private const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    public override string Practice => "Basic Traffic Filtering";

    public override Implementation Implementation => new(
        Existing: "Per tenant NetworkPolicies: default-deny ingress, allow from the same namespace, from platform:ingressNamespace and from monitoring; DNS egress for pods labelled for egress isolation; platform namespaces default-deny ingress except their documented clients. Needs a CNI that enforces NetworkPolicy (Calico, Cilium; kind's kindnet does since v0.24)",
        Azure: "Azure CNI overlay with the Cilium dataplane enforcing NetworkPolicy, and per tenant: default-deny ingress, allow from the same namespace, from platform:ingressNamespace and from monitoring; DNS egress for pods labelled for egress isolation; platform namespaces default-deny ingress except their documented clients");

    public override void Build(ComponentBuilder component) => AddTenantIsolation(component);

    /// <summary>
    /// The tenant namespaces' ingress isolation and its notes; Advanced Traffic Filtering, which supersedes this practice
    /// at Level 4, adds the same objects under the same names (so nothing is replaced) before its own egress rules.
    /// </summary>
    public static void AddTenantIsolation(ComponentBuilder component)
    {
        // On azure the foundation creates the cluster with Azure CNI overlay and Cilium from Level 1: changing the
        // network plugin or data plane later would replace the cluster. Cilium enforces the policies below.
        var config = component.Config;
        var staged = config.IsStaged(Enforcements.NetworkDefaultDeny);
        foreach (var tenant in config.Tenants)
        {
            // NetworkPolicies cannot warn, and the allow policies below already isolate every pod they select: while
            // staged, an allow-all policy keeps every connection open until --promote swaps it for the deny.
            Add(component, tenant.Name, staged ? PlatformNetworkPolicies.StagedAllowAll : DefaultDenyIngress, new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector(),
                PolicyTypes = ["Ingress"],
                Ingress = staged ? [new V1NetworkPolicyIngressRule()] : null,
            });
            AddIngressFrom(component, tenant.Name, AllowSameNamespace, new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() });
            AddIngressFrom(component, tenant.Name, AllowFromIngress, FromNamespace(config.IngressNamespace));
            if (component.HasMonitoring)
                AddIngressFrom(component, tenant.Name, AllowFromMonitoring, FromNamespace(WellKnown.MonitoringNamespace));
            Add(component, tenant.Name, AllowDnsEgress, new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [EgressIsolationLabel] = EgressIsolationValue } },
                PolicyTypes = ["Egress"],
                Egress =
                [
                    new V1NetworkPolicyEgressRule
                    {
                        To =
                        [
                            new V1NetworkPolicyPeer
                            {
                                NamespaceSelector = NamespaceSelector(PlatformNamespaces.KubeSystem),
                                PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["k8s-app"] = "kube-dns" } },
                            },
                        ],
                        Ports =
                        [
                            new V1NetworkPolicyPort { Protocol = "UDP", Port = 53 },
                            new V1NetworkPolicyPort { Protocol = "TCP", Port = 53 },
                        ],
                    },
                ],
            });
        }

        component.Note($"Tenant pods accept traffic from their own namespace and from {config.IngressNamespace} ({ConfigKeys.IngressNamespace.FullName}) only; expose services through the ingress or Gateway there.");
        component.Note($"To isolate a workload's egress too, label its pods {EgressIsolationLabel}={EgressIsolationValue}: DNS stays allowed; add NetworkPolicies for the destinations it needs.");
        component.Note("Check a tenant's policies with: kubectl get networkpolicy -n <tenant>");
        component.Note("Platform namespaces (monitoring, loki, tempo, alloy, ...) get ingress policies too, listed in each component's notes: from a tenant only the OTLP collector and admission-webhook ports are reachable. " +
                       "Webhook and aggregated-API ports are open from anywhere because the API server (on AKS outside the pod network, through konnectivity) has no pod or fixed address to allow; " +
                       "kubelet probes come from the node itself, which Cilium (allow-localhost), Calico and kindnet always admit; cloud-managed namespaces (kube-system, aks-istio-*, gatekeeper-system) are left alone.");
        if (config.IsStaged(Enforcements.PlatformNetworkDefaultDeny))
            component.Note($"Staged ({Enforcements.PlatformNetworkDefaultDeny} in platform:staged): platform namespaces keep an allow-all policy beside their allow policies; pmctl upgrade {config.Stack} --promote replaces it with their default deny.");
        if (staged)
            component.Note($"Staged ({Enforcements.NetworkDefaultDeny} in platform:staged): the allow policies are in place beside an allow-all policy ({PlatformNetworkPolicies.StagedAllowAll}), so nothing is dropped yet; enforce the default deny with pmctl upgrade {config.Stack} --promote.");
    }

    private static void AddIngressFrom(ComponentBuilder component, string ns, string name, V1NetworkPolicyPeer from) =>
        Add(component, ns, name, new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector(),
            PolicyTypes = ["Ingress"],
            Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [from] }],
        });

    private static V1NetworkPolicyPeer FromNamespace(string ns) => new() { NamespaceSelector = NamespaceSelector(ns) };

    private static V1LabelSelector NamespaceSelector(string ns) =>
        new() { MatchLabels = new Dictionary<string, string> { [NamespaceNameLabel] = ns } };

    private static void Add(ComponentBuilder component, string ns, string name, V1NetworkPolicySpec spec) =>
        component.AddObject(new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = spec,
        });
}
