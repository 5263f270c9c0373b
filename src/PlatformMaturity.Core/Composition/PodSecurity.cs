using System.Collections.Immutable;
using k8s.Models;
using PlatformMaturity.Graph;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Composition;

/// <summary>The three Pod Security Standards, as the pod-security.kubernetes.io labels name them.</summary>
public enum PodSecurityLevel
{
    Privileged,
    Baseline,
    Restricted,
}

/// <summary>A platform namespace's Pod Security level and the reason its charts need it.</summary>
public sealed record PlatformNamespacePodSecurity(PodSecurityLevel Level, string Reason);

/// <summary>
/// Pod Security Admission labels, and the least level each platform namespace's charts need (documented per chart),
/// which <see cref="AddPlatformNamespace"/> applies once Restricted Container Runtime is in effect.
/// </summary>
public static class PodSecurity
{
    public const string Enforce = "pod-security.kubernetes.io/enforce";
    public const string EnforceVersion = "pod-security.kubernetes.io/enforce-version";
    public const string Audit = "pod-security.kubernetes.io/audit";
    public const string AuditVersion = "pod-security.kubernetes.io/audit-version";
    public const string Warn = "pod-security.kubernetes.io/warn";
    public const string WarnVersion = "pod-security.kubernetes.io/warn-version";

    public static string Name(PodSecurityLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>
    /// The least Pod Security level each platform namespace needs. Every namespace created with
    /// <see cref="AddPlatformNamespace"/> must be listed, so the level of each is a documented decision.
    /// </summary>
    public static readonly ImmutableSortedDictionary<string, PlatformNamespacePodSecurity> PlatformNamespaceLevels =
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, PlatformNamespacePodSecurity>
        {
            ["trivy-system"] = new(PodSecurityLevel.Restricted,
                "trivy-operator, its Trivy server and its scan jobs run non-root with the RuntimeDefault seccomp profile and no capabilities (set in the values); the node-collector jobs that need host access are off"),
            ["external-secrets"] = new(PodSecurityLevel.Restricted,
                "the external-secrets controller, webhook and cert controller run non-root, read-only, without capabilities, with RuntimeDefault seccomp (chart defaults)"),
            ["platform-secrets"] = new(PodSecurityLevel.Restricted, "holds the platform's Secrets only; no pods run there"),
            ["keda"] = new(PodSecurityLevel.Restricted,
                "the KEDA operator, metrics API server and webhooks run non-root, read-only, without capabilities, with RuntimeDefault seccomp (chart defaults)"),
            ["gpu-operator"] = new(PodSecurityLevel.Privileged,
                "the NVIDIA GPU operator's driver, container toolkit, device plugin and DCGM exporter DaemonSets (chart v26.7.0) run privileged with host paths to load the kernel module, configure containerd and expose /dev/nvidia*; they run on GPU nodes only"),
            ["keda-http"] = new(PodSecurityLevel.Restricted,
                "the KEDA HTTP add-on's operator, scaler and interceptor run non-root without capabilities, read-only, with RuntimeDefault seccomp (chart 0.15.0 defaults plus podSecurityContext set in the values); the mesh sidecars Istio CNI adds fit restricted"),
            ["kueue-system"] = new(PodSecurityLevel.Restricted,
                "the Kueue controller runs non-root, read-only, without capabilities, with RuntimeDefault seccomp (chart 0.19.2 defaults)"),
            ["kaito-workspace"] = new(PodSecurityLevel.Restricted,
                "the KAITO controller runs as user 1000, non-root, read-only, without capabilities, with RuntimeDefault seccomp (chart 0.12.0 defaults); its device plugin and GFD are off (the GPU operator's); model-server pods run in tenant namespaces"),
            ["kserve"] = new(PodSecurityLevel.Restricted,
                "the KServe controller and its kube-rbac-proxy run non-root, read-only, without capabilities, with RuntimeDefault seccomp (chart v0.16.0 defaults); predictors run in tenant namespaces"),
            ["cert-manager"] = new(PodSecurityLevel.Restricted,
                "cert-manager's controller, webhook and cainjector run non-root, read-only, without capabilities, with RuntimeDefault seccomp (chart v1.21.1 defaults)"),
            ["kuberay"] = new(PodSecurityLevel.Restricted,
                "the KubeRay operator runs non-root, read-only, without capabilities, with RuntimeDefault seccomp (chart 1.7.0 securityContext); Ray pods run in tenant namespaces"),
            ["vpa"] = new(PodSecurityLevel.Restricted, "the VPA recommender runs as nobody without capabilities, with RuntimeDefault seccomp (set in the values)"),
            ["monitoring"] = new(PodSecurityLevel.Privileged,
                "node-exporter (kube-prometheus-stack) reads node metrics through hostNetwork, hostPID and hostPath volumes"),
            ["velero"] = new(PodSecurityLevel.Baseline,
                "the Velero server only: the node agent (hostPath to the kubelet's pod volumes) is off until volume backups come with Level 4, which needs privileged then"),
            ["alloy"] = new(PodSecurityLevel.Privileged, "the Alloy DaemonSet reads container logs from the node through hostPath"),
            ["loki"] = new(PodSecurityLevel.Baseline, "Loki (monolithic) runs without host access; its chart does not set the seccomp profile restricted requires"),
            ["tempo"] = new(PodSecurityLevel.Baseline, "Tempo runs non-root without host access; its chart does not drop capabilities or set seccomp as restricted requires"),
            ["opentelemetry-operator-system"] = new(PodSecurityLevel.Baseline,
                "the operator is restricted-ready, but the collector pods it creates there set no seccomp profile or capability drop"),
            // The platform gateway's namespace is platform:ingressNamespace; listed under its default name, with the
            // level the gateway applies under any name.
            [Config.ConfigKeys.IngressNamespace.Default!.GetValue<string>()] = Practices.Delivery.PlatformGateway.PodSecurity,
            ["chaos-mesh"] = new(PodSecurityLevel.Privileged,
                "the Chaos Mesh daemon (DaemonSet) runs privileged with the container runtime's socket to enter pods' network and process namespaces (chart 2.8.3 chaosDaemon.privileged)"),
            ["cnpg-system"] = new(PodSecurityLevel.Restricted,
                "the CloudNativePG operator and the Barman Cloud plugin run non-root, read-only, without capabilities, with RuntimeDefault seccomp (chart defaults)"),
            [Practices.Delivery.InternalDeveloperPlatform.Namespace] = new(PodSecurityLevel.Restricted,
                "Backstage runs as its node image's user 1000, read-only with an emptyDir /tmp, without capabilities, with RuntimeDefault seccomp (set in the values); the CloudNativePG instance and job pods of its database run non-root, read-only, without capabilities, with RuntimeDefault seccomp (operator defaults)"),
            ["dr-restore-test"] = new(PodSecurityLevel.Restricted,
                "the restore test's scratch namespace: restored tenant objects only, and a quota of 0 pods so none runs"),
            [Practices.Availability.CrossRegionRestoreDrill.DrillNamespace] = new(PodSecurityLevel.Restricted,
                "the cross-region drill's source: a canary ConfigMap each cluster backs up for its peer, no pods"),
            [Practices.Availability.CrossRegionRestoreDrill.ScratchNamespace] = new(PodSecurityLevel.Restricted,
                "the cross-region drill's scratch namespace: the peer's restored canary only, and a quota of 0 pods so none runs"),
            ["opencost"] = new(PodSecurityLevel.Restricted,
                "the OpenCost exporter runs as user 1000 without capabilities or privilege escalation, RuntimeDefault seccomp (set in the values; UI and MCP server off)"),
            ["goldilocks"] = new(PodSecurityLevel.Restricted,
                "the Goldilocks controller and dashboard run non-root, read-only, without capabilities, with RuntimeDefault seccomp (chart 11.0.0 defaults)"),
            [Practices.Delivery.KubernetesLandingZone.Namespace] = new(PodSecurityLevel.Restricted,
                "the Capsule manager and its hook jobs run non-root (1002), read-only, without capabilities, with RuntimeDefault seccomp (chart 0.14.0 podSecurityContext and securityContext defaults)"),
            ["istio-system"] = new(PodSecurityLevel.Privileged,
                "the Istio CNI node agent (cni chart) writes the CNI plugin to the node through hostPath and sets up pod networking with NET_ADMIN, which is what lets tenant pods run without istio-init"),
            ["falco"] = new(PodSecurityLevel.Privileged,
                "Falco's modern eBPF probe needs host PID, BPF and PERFMON capabilities and hostPath mounts to watch every container's system calls"),
            ["argo-rollouts"] = new(PodSecurityLevel.Baseline, "the Argo Rollouts controller needs no host access; baseline until its chart's restricted settings are verified"),
            ["argocd"] = new(PodSecurityLevel.Baseline, "Argo CD and its redis-ha subchart need no host access; baseline until the redis-ha 4.38.0 pods' restricted settings (seccomp) are verified"),
            ["kyverno"] = new(PodSecurityLevel.Baseline, "Kyverno's controllers need no host access; baseline until the kyverno 3.9.0 chart's restricted settings are verified"),
        });

    /// <summary>Sets enforce, audit and warn to one level, each with the Pod Security version this platform is validated against.</summary>
    public static void Apply(IDictionary<string, string> labels, PodSecurityLevel level) =>
        Apply(labels, enforce: level, auditAndWarn: level);

    /// <summary>Sets enforce to one level and audit and warn to another (e.g. warn about what a stricter level would refuse).</summary>
    public static void Apply(IDictionary<string, string> labels, PodSecurityLevel? enforce, PodSecurityLevel auditAndWarn)
    {
        if (enforce is { } e)
        {
            labels[Enforce] = Name(e);
            labels[EnforceVersion] = Pins.PodSecurityVersion;
        }
        labels[Audit] = Name(auditAndWarn);
        labels[AuditVersion] = Pins.PodSecurityVersion;
        labels[Warn] = Name(auditAndWarn);
        labels[WarnVersion] = Pins.PodSecurityVersion;
    }

    /// <summary>
    /// Adds the Namespace object of a platform component (so its release need not create it). Once Restricted
    /// Container Runtime is in effect, the namespace enforces the least level its charts need, with that practice's provenance;
    /// while Basic Traffic Filtering is, it gets its ingress NetworkPolicies (<see cref="PlatformNetworkPolicies"/>).
    /// </summary>
    public static KubernetesResource AddPlatformNamespace(this ComponentBuilder component, string name, Provenance? provenance = null)
    {
        if (!PlatformNamespaceLevels.TryGetValue(name, out var podSecurity))
            throw new InvalidOperationException($"platform namespace '{name}' has no documented Pod Security level; add it to {nameof(PodSecurity)}.{nameof(PlatformNamespaceLevels)}");
        return component.AddPlatformNamespace(name, podSecurity, provenance);
    }

    /// <summary>
    /// The same for a platform namespace whose name comes from config (e.g. platform:ingressNamespace), so it cannot be
    /// a key of <see cref="PlatformNamespaceLevels"/>; the component documents its level and reason.
    /// </summary>
    public static KubernetesResource AddPlatformNamespace(this ComponentBuilder component, string name, PlatformNamespacePodSecurity podSecurity, Provenance? provenance = null)
    {
        var ns = component.AddObject(new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta { Name = name },
        }, provenance);
        if (component.InEffect(WellKnown.RestrictedContainerRuntime))
        {
            var restricted = Model.MaturityModel.Default.Practice(WellKnown.RestrictedContainerRuntime);
            // Staged, the namespace only warns and audits at its level; promoted, it enforces it too.
            var enforce = component.IsStaged(Config.Enforcements.PlatformPodSecurity) ? (PodSecurityLevel?)null : podSecurity.Level;
            component.ContributeObject<V1Namespace>(ns.Name, n => Apply(n.Metadata.Labels, enforce, podSecurity.Level),
                new Provenance(restricted.Name, restricted.FirstLevel));
        }
        PlatformNetworkPolicies.Add(component, name);
        return ns;
    }
}
