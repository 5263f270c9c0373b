using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Availability;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// Levels 4–5 (supersedes Basic Traffic Filtering, whose tenant and platform ingress isolation it keeps under the same
/// names): egress is denied by default too. Per tenant namespace, pods reach DNS, the mesh control plane, their own
/// namespace, the platform's OTLP collector and the CIDR ranges of platform:egressAllowList; host names of the allow-list
/// are registered as mesh ServiceEntries. Service-to-service access is decided by mesh identity (AuthorizationPolicy).
/// Both controls are staged: the egress deny as an allow-all egress policy, the AuthorizationPolicy as AUDIT.
/// </summary>
public sealed class AdvancedTrafficFiltering : PracticeComponent
{
    public const string StagedAllowAllEgress = "staged-allow-all-egress";
    public const string DefaultDenyEgress = "default-deny-egress";
    public const string AllowEgressDns = "allow-egress-dns";
    public const string AllowEgressSameNamespace = "allow-egress-same-namespace";
    public const string AllowEgressMeshControlPlane = "allow-egress-mesh-control-plane";
    public const string AllowEgressTelemetry = "allow-egress-platform-telemetry";
    public const string AllowEgressList = "allow-egress-allow-list";
    public const string AuthorizationPolicyName = "tenant-access";

    /// <summary>istiod's xDS and CA port, which every sidecar dials (istio/istio 1.30.3; the add-on's istiod the same).</summary>
    public const int MeshControlPlanePort = 15012;

    private const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    public override string Practice => WellKnown.AdvancedTrafficFiltering;

    public override Implementation Implementation => new(
        Existing: "Basic Traffic Filtering's ingress isolation (same objects), plus per tenant a default-deny egress NetworkPolicy with allow policies for DNS, the mesh control plane, the same namespace, the platform's OTLP collector and the CIDR ranges of platform:egressAllowList; mesh ServiceEntries for its host names; an AuthorizationPolicy admitting only the tenant's own workloads and the platform gateway by mesh identity. Staged: allow-all egress and an AUDIT AuthorizationPolicy until promoted",
        Azure: "As on existing, enforced by Cilium (Azure CNI overlay with the Cilium dataplane) and the Istio add-on's sidecars; egress deny and AuthorizationPolicy staged until promoted");

    public override void Build(ComponentBuilder component)
    {
        BasicTrafficFiltering.AddTenantIsolation(component);
        var config = component.Config;
        var mesh = component.Implements(AllTrafficEncrypted.PracticeName);
        var telemetry = component.Implements("Application Observability");
        var cidrs = config.EgressAllowList.Where(d => d.Contains('/', StringComparison.Ordinal)).ToList();
        var hosts = config.EgressAllowList.Where(d => !d.Contains('/', StringComparison.Ordinal)).ToList();
        var egressStaged = component.IsStaged(Enforcements.EgressDefaultDeny);
        foreach (var tenant in config.Tenants.Select(t => t.Name))
        {
            // Like the ingress deny: NetworkPolicies cannot warn, so while staged an allow-all egress policy keeps
            // every connection open beside the allow policies, which already isolate the pods they select.
            Add(component, tenant, egressStaged ? StagedAllowAllEgress : DefaultDenyEgress, egressStaged ? [new V1NetworkPolicyEgressRule()] : null);
            Add(component, tenant, AllowEgressDns,
            [
                new V1NetworkPolicyEgressRule
                {
                    To = [new V1NetworkPolicyPeer { NamespaceSelector = InNamespace(PlatformNamespaces.KubeSystem), PodSelector = Labels(("k8s-app", "kube-dns")) }],
                    Ports = [new V1NetworkPolicyPort { Protocol = "UDP", Port = 53 }, new V1NetworkPolicyPort { Protocol = "TCP", Port = 53 }],
                },
            ]);
            Add(component, tenant, AllowEgressSameNamespace, [new V1NetworkPolicyEgressRule { To = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() }] }]);
            if (mesh)
            {
                Add(component, tenant, AllowEgressMeshControlPlane,
                [
                    new V1NetworkPolicyEgressRule
                    {
                        To = [new V1NetworkPolicyPeer { NamespaceSelector = InNamespace(AllTrafficEncrypted.ControlPlaneNamespace(config)) }],
                        Ports = [new V1NetworkPolicyPort { Protocol = "TCP", Port = MeshControlPlanePort }],
                    },
                ]);
            }
            if (telemetry)
            {
                Add(component, tenant, AllowEgressTelemetry,
                [
                    new V1NetworkPolicyEgressRule
                    {
                        To = [new V1NetworkPolicyPeer { NamespaceSelector = InNamespace(ApplicationObservability.Namespace) }],
                        Ports =
                        [
                            new V1NetworkPolicyPort { Protocol = "TCP", Port = ApplicationObservability.CollectorOtlpGrpcPort },
                            new V1NetworkPolicyPort { Protocol = "TCP", Port = ApplicationObservability.CollectorOtlpHttpPort },
                        ],
                    },
                ]);
            }
            if (cidrs.Count > 0)
                Add(component, tenant, AllowEgressList, [new V1NetworkPolicyEgressRule { To = [.. cidrs.Select(c => new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = c } })] }]);
            if (mesh)
            {
                foreach (var host in hosts)
                    AddServiceEntry(component, tenant, host);
                AddAuthorizationPolicy(component, tenant);
            }
        }

        component.Note(egressStaged
            ? $"Staged ({Enforcements.EgressDefaultDeny}): tenant egress allow policies are in place beside {StagedAllowAllEgress}; pmctl upgrade {config.Stack} --promote replaces it with {DefaultDenyEgress}."
            : $"Tenant pods reach only DNS, {(mesh ? "the mesh control plane, " : "")}their own namespace{(telemetry ? ", the platform's OTLP collector" : "")} and platform:egressAllowList ({(config.EgressAllowList.IsEmpty ? "empty" : string.Join(", ", config.EgressAllowList))}).");
        if (hosts.Count > 0)
            component.Note($"Host names of platform:egressAllowList ({string.Join(", ", hosts)}) are registered as ServiceEntries in each tenant namespace; a NetworkPolicy cannot name hosts, so with egress denied they are reachable only through an egress gateway or Cilium FQDN policies, which this version does not build yet: add their addresses as CIDR ranges meanwhile.");
        if (mesh)
        {
            component.Note(component.IsStaged(Enforcements.MeshAuthorization)
                ? $"Staged ({Enforcements.MeshAuthorization}): AuthorizationPolicy {AuthorizationPolicyName} audits requests from other identities; pmctl upgrade {config.Stack} --promote makes it ALLOW only the tenant's workloads and the platform gateway."
                : $"AuthorizationPolicy {AuthorizationPolicyName}: a tenant's pods accept requests only from its own workloads and the platform gateway ({config.IngressNamespace}), by mesh identity.");
        }
        else
        {
            component.Note("No mesh runs on this platform (All traffic encrypted is not built), so service-to-service access is filtered by NetworkPolicy only.");
        }
        component.Note("Public exposure: the platform gateway is the only entry point; a WAF in front of it (Application Gateway for Containers on azure) is not built by this version.");
        component.Note("Check a tenant's egress: kubectl get networkpolicy -n <tenant>; kubectl exec -n <tenant> <pod> -- wget -qO- -T 5 https://example.com fails once promoted.");
    }

    private static void Add(ComponentBuilder component, string ns, string name, IList<V1NetworkPolicyEgressRule>? egress) =>
        component.AddObject(new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Egress"], Egress = egress },
        });

    private static void AddServiceEntry(ComponentBuilder component, string ns, string host) =>
        component.AddObject(new CustomObject
        {
            ApiVersion = "networking.istio.io/v1",
            Kind = "ServiceEntry",
            Metadata = new V1ObjectMeta { Name = "egress-" + host.Replace('.', '-'), NamespaceProperty = ns },
            Spec = new JsonObject
            {
                ["hosts"] = new JsonArray(host),
                ["location"] = "MESH_EXTERNAL",
                ["resolution"] = "DNS",
                ["ports"] = new JsonArray(new JsonObject { ["number"] = 443, ["name"] = "https", ["protocol"] = "TLS" }),
                ["exportTo"] = new JsonArray("."),
            },
        });

    /// <summary>
    /// By mesh identity (source namespaces come from the peers' mTLS certificates): the tenant's own workloads and the
    /// platform gateway. Staged, AUDIT logs requests from anyone else without refusing them.
    /// </summary>
    private static void AddAuthorizationPolicy(ComponentBuilder component, string ns)
    {
        var staged = component.IsStaged(Enforcements.MeshAuthorization);
        var allowed = new JsonArray(ns, component.Config.IngressNamespace);
        component.AddObject(new CustomObject
        {
            ApiVersion = "security.istio.io/v1",
            Kind = "AuthorizationPolicy",
            Metadata = new V1ObjectMeta { Name = AuthorizationPolicyName, NamespaceProperty = ns },
            Spec = new JsonObject
            {
                ["action"] = staged ? "AUDIT" : "ALLOW",
                ["rules"] = new JsonArray(new JsonObject
                {
                    ["from"] = new JsonArray(new JsonObject
                    {
                        ["source"] = new JsonObject { [staged ? "notNamespaces" : "namespaces"] = allowed },
                    }),
                }),
            },
        });
    }

    private static V1LabelSelector InNamespace(string ns) => Labels((NamespaceNameLabel, ns));

    private static V1LabelSelector Labels(params (string Key, string Value)[] labels) =>
        new() { MatchLabels = labels.ToDictionary(l => l.Key, l => l.Value) };
}
