using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// Levels 4–5: traffic between tenant pods is mutual TLS. An Istio mesh whose sidecars are set up by Istio CNI, not by
/// the istio-init container (NET_ADMIN), which Level 3's restricted Pod Security refuses: on azure the AKS Istio add-on
/// (revision from platform:meshRevision), on existing Istio's own charts (base, cni, istiod). Tenant namespaces are
/// labelled with the revision, and each gets a PeerAuthentication: PERMISSIVE while staged, STRICT once promoted.
/// </summary>
public sealed class AllTrafficEncrypted : PracticeComponent
{
    public const string PracticeName = "All traffic encrypted";
    public const string IstioNamespace = "istio-system";

    /// <summary>The add-on's control plane namespace (Microsoft Learn, Istio add-on).</summary>
    public const string AddOnNamespace = "aks-istio-system";

    /// <summary>Selects the control plane revision whose webhook injects a namespace's pods.</summary>
    public const string RevisionLabel = "istio.io/rev";

    /// <summary>The self-managed control plane's revision name (istiod chart value revision).</summary>
    public const string SelfManagedRevision = "platform";

    public const string PeerAuthenticationName = "mtls";

    public override string Practice => PracticeName;

    public override Implementation Implementation => new(
        Existing: $"Istio {Pins.Istiod.Version} from its charts (base, cni, istiod with CNI-based sidecar setup, revision {SelfManagedRevision}, 2 to 5 istiod replicas with a PodDisruptionBudget) in {IstioNamespace}; tenant namespaces and the gateway's labelled {RevisionLabel}; a PeerAuthentication per tenant namespace, PERMISSIVE until promoted to STRICT",
        Azure: $"The AKS Istio add-on (ServiceMeshProfile, revision platform:meshRevision, default {Pins.AksIstioRevision}; the add-on sets sidecars up with Istio CNI) in {AddOnNamespace}; tenant namespaces and the gateway's labelled {RevisionLabel}; a PeerAuthentication per tenant namespace, PERMISSIVE until promoted to STRICT");

    /// <summary>The revision tenant namespaces are labelled with: the add-on's on azure, the self-managed one on existing.</summary>
    public static string Revision(PlatformConfig config) =>
        config.IsAzure ? config.MeshRevision ?? Pins.AksIstioRevision : SelfManagedRevision;

    /// <summary>The namespace of the control plane (istiod), which every meshed pod must reach (egress allow-lists include it).</summary>
    public static string ControlPlaneNamespace(PlatformConfig config) => config.IsAzure ? AddOnNamespace : IstioNamespace;

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        var revision = Revision(config);
        if (component.IsAzure)
        {
            component.Contribute<KubernetesCluster>(Foundation.ClusterName, cluster => cluster with
            {
                ServiceMeshProfile = new ServiceMeshProfile("Istio", [revision]),
            });
            component.Note($"The AKS Istio add-on runs istiod revision {revision} in {AddOnNamespace}; check the revisions your region offers with az aks mesh get-revisions --location {config.Regions.FirstOrDefault() ?? "<region>"} and upgrade by setting platform:meshRevision (AKS retires old revisions).");
            component.Note("The add-on cannot run with App Routing's Gateway API mode (approuting-istio); the platform gateway is Envoy Gateway, so the two do not meet.");
        }
        else
        {
            AddSelfManagedIstio(component, revision);
        }

        foreach (var tenant in config.Tenants)
        {
            component.ContributeObject<V1Namespace>(Foundation.TenantNamespace(tenant.Name), ns => ns.Metadata.Labels[RevisionLabel] = revision);
            AddPeerAuthentication(component, tenant.Name);
        }
        // The platform gateway joins the mesh so its calls to tenant pods are mutual TLS; its own listeners stay plain
        // or TLS from cert-manager (no PeerAuthentication in its namespace, so it accepts traffic from outside).
        var gatewayNamespace = Foundation.TenantNamespace(config.IngressNamespace);
        if (component.Existing<KubernetesResource>().Any(r => r.Name == gatewayNamespace))
            component.ContributeObject<V1Namespace>(gatewayNamespace, ns => ns.Metadata.Labels[RevisionLabel] = revision);

        var staged = component.IsStaged(Enforcements.MeshMtlsStrict);
        component.Note(staged
            ? $"Staged ({Enforcements.MeshMtlsStrict}): tenant PeerAuthentications are PERMISSIVE, so callers outside the mesh still connect; restart tenant workloads (kubectl rollout restart deployment -n <tenant>) so they get sidecars, then pmctl upgrade {config.Stack} --promote makes them STRICT."
            : "Tenant pods accept only mutual TLS from mesh workloads (PeerAuthentication STRICT).");
        component.Note("Callers from outside the mesh that STRICT would break, and how each is handled: the platform gateway (Envoy Gateway) joins the mesh (its namespace is labelled for injection); " +
                       "kubelet probes are rewritten by the injector to the sidecar's agent port; Prometheus scraping tenant pods: Istio's metrics merging (meshConfig.enablePrometheusMerge, on by default) serves the app's metrics on the sidecar's port 15020, which is outside mutual TLS — ServiceMonitors on an app port break under STRICT and must scrape 15020 (/stats/prometheus); " +
                       "Argo Rollouts analysis queries Prometheus, not pods, and KEDA's scalers read Prometheus and queues, so neither calls tenant pods.");
        component.Note($"Platform components that do not join the mesh: kube-system and the control plane itself; the Istio CNI agent, node-exporter, Alloy and Falco (hostNetwork or host-level DaemonSets, which a sidecar cannot wrap); Prometheus (it scrapes pods by IP across namespaces, and a sidecar would intercept and break the plain-text scrapes of platform components); admission webhooks and aggregated APIs (called by the API server, outside the pod network).");
        component.Note("Check: istioctl proxy-status, and kubectl get peerauthentication -A.");
    }

    private static void AddSelfManagedIstio(ComponentBuilder component, string revision)
    {
        component.AddPlatformNamespace(IstioNamespace);
        // Values checked against istio/istio tag 1.30.3 manifests/charts (keys in tests/TestData/chart-values/{base,cni,istiod}-1.30.3.keys);
        // istio's charts take their defaults flattened, so the keys are set at the top level.
        component.AddRelease("istio-base", IstioNamespace, Pins.IstioBase, HelmValues.From(("defaultRevision", revision)),
            providesApiGroups: ["networking.istio.io", "security.istio.io", "telemetry.istio.io", "extensions.istio.io"], createNamespace: false);
        component.AddRelease("istio-cni", IstioNamespace, Pins.IstioCni, HelmValues.From(("revision", revision)),
            dependsOn: ["istio-base"], createNamespace: false);
        component.AddRelease("istiod", IstioNamespace, Pins.Istiod, HelmValues.From(
                ("revision", revision),
                // The sidecar injector leaves out istio-init: the CNI agent sets up each pod's traffic redirection.
                ("cni.enabled", true),
                ("autoscaleMin", 2),
                ("autoscaleMax", 5),
                ("pdb.minAvailable", 1)),
            dependsOn: ["istio-base", "istio-cni"], createNamespace: false);
    }

    private static void AddPeerAuthentication(ComponentBuilder component, string ns)
    {
        var staged = component.IsStaged(Enforcements.MeshMtlsStrict);
        component.AddObject(new CustomObject
        {
            ApiVersion = "security.istio.io/v1",
            Kind = "PeerAuthentication",
            Metadata = new V1ObjectMeta { Name = PeerAuthenticationName, NamespaceProperty = ns },
            Spec = new JsonObject { ["mtls"] = new JsonObject { ["mode"] = staged ? "PERMISSIVE" : "STRICT" } },
        });
    }
}
