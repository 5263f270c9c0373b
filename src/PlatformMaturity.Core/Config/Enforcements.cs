using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace PlatformMaturity.Config;

/// <summary>
/// A change that can break running workloads, which an upgrade lands in two phases: first non-blocking
/// (its id in <c>platform:staged</c>: warn/audit), then enforcing after <c>pmctl upgrade --promote</c>.
/// A practice asks <see cref="PlatformConfig.IsStaged"/> (or <c>ComponentBuilder.IsStaged</c>) with the id and builds
/// the non-blocking form while it is staged; <c>pmctl upgrade</c> stages the entries of the practices a level brings,
/// <c>pmctl init</c> stages nothing (a new cluster has no workloads to break).
/// </summary>
/// <param name="Id">Its id in platform:staged.</param>
/// <param name="Practice">The practice that enforces it.</param>
/// <param name="Staged">What the first, non-blocking phase does.</param>
/// <param name="Enforced">What the enforcing phase does.</param>
/// <param name="Rollback">How to undo the enforcing phase.</param>
/// <param name="Target">The only target it changes anything on (an AKS setting); null for both.</param>
/// <param name="KeptBy">The successor that builds it once <paramref name="Practice"/> is superseded (same objects, same switch), if any.</param>
/// <param name="Refuses">Whether the enforcing phase refuses or drops something (false for a hand-over, which only moves ownership).</param>
public sealed record Enforcement(string Id, string Practice, string Staged, string Enforced, string Rollback, string? KeptBy = null, bool Refuses = true, DeploymentTarget? Target = null)
{
    /// <summary>Whether a practice among <paramref name="practices"/> builds it: its own practice or the successor that keeps it.</summary>
    public bool BuiltByAny(IReadOnlySet<string> practices) => practices.Contains(Practice) || (KeptBy is not null && practices.Contains(KeptBy));

    /// <summary>Whether it changes anything on <paramref name="target"/> (an AKS setting does nothing on existing clusters).</summary>
    public bool AppliesTo(DeploymentTarget target) => Target is null || Target == target;

    /// <summary>Whether <paramref name="practice"/> builds it (its own practice or the successor that keeps it).</summary>
    public bool BuiltBy(string practice) => Practice == practice || KeptBy == practice;
}

/// <summary>The enforcements practices stage: every control of Levels 1–3 that refuses or drops what it did not before.</summary>
public static class Enforcements
{
    public const string PodSecurityRestricted = "pod-security-restricted";
    public const string NetworkDefaultDeny = "network-default-deny";
    public const string AllowedRegistries = "allowed-registries";
    public const string PlatformPodSecurity = "pod-security-platform";
    public const string TenantQuota = "tenant-quota";
    public const string PlatformNetworkDefaultDeny = "platform-network-default-deny";
    public const string TenantMetricsAddress = "tenant-metrics-address";
    public const string RequiredLabels = "required-labels";
    public const string ResourceLimits = "resource-limits";
    public const string NoLatestTag = "no-latest-tag";
    public const string WorkloadProbes = "workload-probes";
    public const string MeshMtlsStrict = "mesh-mtls-strict";
    public const string LocalAccountsDisabled = "local-accounts-disabled";
    public const string EgressDefaultDeny = "egress-default-deny";
    public const string MeshAuthorization = "mesh-authorization";
    public const string GitOpsHandOver = "gitops-hand-over";
    public const string ImageSignatures = "image-signatures";
    public const string LandingZonePolicies = "landing-zone-policies";
    public const string TenantClasses = "tenant-classes";
    public const string ProductionChaos = "production-chaos";
    public const string RunCommandDisabled = "run-command-disabled";
    public const string MeshDefaultDeny = "mesh-default-deny";

    public static readonly ImmutableArray<Enforcement> All =
    [
        new(PodSecurityRestricted, "Restricted Container Runtime",
            Staged: "tenant namespaces warn about and audit pods that break the restricted Pod Security Standard; nothing is refused",
            Enforced: "tenant namespaces enforce the restricted Pod Security Standard: non-compliant pods are refused",
            Rollback: $"add {PodSecurityRestricted} back to platform:staged and run pulumi up (warn/audit only again)"),
        new(NetworkDefaultDeny, "Basic Traffic Filtering",
            Staged: "tenant namespaces get their allow policies (same namespace, ingress, monitoring, DNS) beside an allow-all policy, so nothing is dropped yet (NetworkPolicies cannot warn, and an allow policy alone already isolates the pods it selects)",
            Enforced: "each tenant namespace denies all ingress except what the allow policies permit",
            Rollback: $"add {NetworkDefaultDeny} back to platform:staged and run pulumi up (the default-deny policies give way to allow-all ones again)",
            KeptBy: "Advanced Traffic Filtering"),
        new(AllowedRegistries, "Advanced Vulnerabilities Management",
            Staged: "the allowed-registries admission policy is bound with validationActions [Warn, Audit]: tenant pods with images from other registries are admitted, with a warning and an audit annotation",
            Enforced: "the allowed-registries admission policy is bound with validationActions [Deny]: tenant pods with images from other registries are refused",
            Rollback: $"add {AllowedRegistries} back to platform:staged and run pulumi up (the binding warns and audits again)"),
        new(PlatformPodSecurity, "Restricted Container Runtime",
            Staged: "platform namespaces warn about and audit pods that break the Pod Security level documented for their charts; nothing is refused",
            Enforced: "platform namespaces enforce the Pod Security level documented for their charts: non-compliant platform pods are refused",
            Rollback: $"add {PlatformPodSecurity} back to platform:staged and run pulumi up (warn/audit only again)"),
        new(TenantQuota, "Basic Resources Management",
            Staged: "tenant namespaces get the LimitRange (default requests and limits); the ResourceQuota of their tier is not created yet, so nothing is refused",
            Enforced: "each tenant namespace has the ResourceQuota of its tier: pods, claims and Services beyond it are refused",
            Rollback: $"add {TenantQuota} back to platform:staged and run pulumi up (the ResourceQuotas are removed)"),
        new(PlatformNetworkDefaultDeny, "Basic Traffic Filtering",
            Staged: "platform namespaces get their allow policies (same namespace, Prometheus scrapes, webhook ports, each component's documented clients) beside an allow-all policy, so nothing is dropped yet (NetworkPolicies cannot warn, and an allow policy alone already isolates the pods it selects)",
            Enforced: "each platform namespace (monitoring, loki, tempo, alloy, ...) denies all ingress except its documented clients: tenants reach only the OTLP collector and admission webhook ports",
            Rollback: $"add {PlatformNetworkDefaultDeny} back to platform:staged and run pulumi up (the default-deny policies give way to allow-all ones again)",
            KeptBy: "Advanced Traffic Filtering"),
        new(TenantMetricsAddress, "Advanced Platform Monitoring",
            Staged: "the platform-tenant-metrics-address admission policy is bound with validationActions [Warn, Audit]: tenant AnalysisTemplates, AnalysisRuns, ScaledObjects and ScaledJobs querying anything but their namespace's own Prometheus proxy are admitted, with a warning and an audit annotation; tenants cannot create ServiceMonitors or PodMonitors yet",
            Enforced: "the platform-tenant-metrics-address admission policy is bound with validationActions [Deny]: tenant analyses and KEDA triggers that query anything but their namespace's own Prometheus proxy, and monitors that scrape beyond the tenant's own pods, are refused; tenants may create ServiceMonitors and PodMonitors",
            Rollback: $"add {TenantMetricsAddress} back to platform:staged and run pulumi up (the binding warns and audits again)"),
        new(RequiredLabels, CompliancePractice,
            Staged: "the required-labels admission policy (team and cost-center on every tenant pod and pod template) is bound with validationActions [Warn, Audit]: unlabelled workloads are admitted with a warning and an audit annotation",
            Enforced: "the required-labels admission policy is bound with validationActions [Deny]: tenant workloads and pods without non-empty team and cost-center labels are refused",
            Rollback: $"add {RequiredLabels} back to platform:staged and run pulumi up (the binding warns and audits again)"),
        new(ResourceLimits, CompliancePractice,
            Staged: "the resource-limits admission policy (CPU and memory requests and a memory limit on every container) is bound with validationActions [Warn, Audit]",
            Enforced: "the resource-limits admission policy is bound with validationActions [Deny]: tenant workloads and pods with a container lacking CPU or memory requests or a memory limit are refused",
            Rollback: $"add {ResourceLimits} back to platform:staged and run pulumi up (the binding warns and audits again)"),
        new(NoLatestTag, CompliancePractice,
            Staged: "the no-latest-tag admission policy (every image pinned by a tag other than latest or a digest) is bound with validationActions [Warn, Audit]",
            Enforced: "the no-latest-tag admission policy is bound with validationActions [Deny]: tenant workloads and pods with an untagged or :latest image are refused",
            Rollback: $"add {NoLatestTag} back to platform:staged and run pulumi up (the binding warns and audits again)"),
        new(WorkloadProbes, CompliancePractice,
            Staged: "the workload-probes admission policy (readiness and liveness probes on every container of Deployments, StatefulSets and Rollouts) is bound with validationActions [Warn, Audit]",
            Enforced: "the workload-probes admission policy is bound with validationActions [Deny]: tenant Deployments, StatefulSets and Rollouts with a container lacking a readiness or liveness probe are refused",
            Rollback: $"add {WorkloadProbes} back to platform:staged and run pulumi up (the binding warns and audits again)"),
        new(MeshMtlsStrict, "All traffic encrypted",
            Staged: "each tenant namespace has a PeerAuthentication in PERMISSIVE mode: sidecars accept mutual TLS and plain text, so callers outside the mesh still connect",
            Enforced: "each tenant namespace has a PeerAuthentication in STRICT mode: its pods accept only mutual TLS from mesh workloads; Prometheus, outside the mesh, scrapes their metrics merged on the sidecar's plain-text port 15020 (Istio metrics merging)",
            Rollback: $"add {MeshMtlsStrict} back to platform:staged and run pulumi up (PERMISSIVE again)"),
        new(EgressDefaultDeny, "Advanced Traffic Filtering",
            Staged: "tenant namespaces get their egress allow policies (DNS, the mesh control plane, their own namespace, the platform's OTLP collector, the CIDR ranges of platform:egressAllowList) beside an allow-all egress policy, so nothing is dropped yet",
            Enforced: "each tenant namespace denies all egress except DNS, the mesh control plane, its own namespace, the platform's OTLP collector and platform:egressAllowList",
            Rollback: $"add {EgressDefaultDeny} back to platform:staged and run pulumi up (an allow-all egress policy returns)"),
        new(MeshAuthorization, "Advanced Traffic Filtering",
            Staged: "each tenant namespace has a mesh AuthorizationPolicy with action AUDIT for requests from identities other than its own workloads and the platform gateway: they are logged, not refused",
            Enforced: "each tenant namespace has an ALLOW AuthorizationPolicy: only its own workloads and the platform gateway (by mesh identity), and plain-text scrapes of the sidecar's merged metrics port, reach its pods",
            Rollback: $"add {MeshAuthorization} back to platform:staged and run pulumi up (audit only again)"),
        new(LocalAccountsDisabled, "Platform Access Auditing",
            Staged: "azure: local accounts (the admin kubeconfig) still work beside Entra ID",
            Enforced: "azure: local accounts are disabled: only Entra ID identities reach the API server, and every access is audited by name",
            Rollback: $"add {LocalAccountsDisabled} back to platform:staged and run pulumi up (local accounts are enabled again)",
            Target: DeploymentTarget.Azure),
        new(GitOpsHandOver, "GitOps Platform Management",
            Staged: "Argo CD runs beside the Pulumi-managed releases: its Applications adopt the live objects (same names and namespaces, no resources-finalizer) while Pulumi still holds them with RetainOnDelete, so nothing is deleted or recreated",
            Enforced: "Pulumi drops the platform's Kubernetes objects and Helm releases from its state without deleting them (retained) and Argo CD alone applies them from Git; remove the leftover Helm release Secrets afterwards",
            Rollback: $"add {GitOpsHandOver} back to platform:staged and run pulumi up with the provider's upsertExistingObjects (Pulumi adopts the objects again beside Argo CD)",
            Refuses: false),
        new(ImageSignatures, "Extended Images Build Processes",
            Staged: "the Kyverno ImageValidatingPolicy verifying keyless cosign signatures of tenant images runs with validationActions [Audit]: unsigned images are admitted and reported in PolicyReports",
            Enforced: "the ImageValidatingPolicy runs with validationActions [Deny]: tenant pods whose images lack a signature from a configured identity are refused",
            Rollback: $"add {ImageSignatures} back to platform:staged and run pulumi up (or sync Argo CD) (the policy audits again)"),
        new(LandingZonePolicies, "Platform Landing Zones",
            Staged: "the Azure Policy assignments on the platform's resource group run with effect Audit: non-compliant resources are reported in Azure Policy compliance, nothing is refused",
            Enforced: "the Azure Policy assignments on the platform's resource group run with effect Deny: Azure refuses to create or change resources that break them",
            Rollback: $"add {LandingZonePolicies} back to platform:staged and run pulumi up (the assignments audit again)",
            Target: DeploymentTarget.Azure),
        new(TenantClasses, "Kubernetes Landing Zone",
            Staged: "Capsule tenants let the namespaces teams create use any storage, priority and gateway class; they still get the tenant's owners, namespace quota, shared resource quota and namespace baseline",
            Enforced: "Capsule tenants allow only the platform's storage classes, tenant priority classes and gateway class in the namespaces teams create: other classes are refused",
            Rollback: $"add {TenantClasses} back to platform:staged and run pulumi up (the tenants' class restrictions are removed)"),
        new(ProductionChaos, "Chaos Engineering in Production",
            Staged: "the production chaos Schedules exist paused (experiment.chaos-mesh.org/pause); the error-budget gate runs, so its answers can be watched before anything is injected",
            Enforced: "the production chaos Schedules run their Workflows in the configured windows against opted-in tenants, aborting when an error budget burns fast",
            Rollback: $"add {ProductionChaos} back to platform:staged and run pulumi up (the Schedules are paused again)"),
        new(RunCommandDisabled, "Zero Trust Environment",
            Staged: "AKS run command (az aks command invoke) stays on, so operators who reach the cluster through it keep working while they move to the authorized ranges or the private network",
            Enforced: "AKS run command is off: nobody runs kubectl inside the cluster through the Azure control plane; the API server is reached only from the authorized ranges (or the private network) with an Entra sign-in",
            Rollback: $"add {RunCommandDisabled} back to platform:staged and run pulumi up (run command is on again)",
            Target: DeploymentTarget.Azure),
        new(MeshDefaultDeny, "Zero Trust Environment",
            Staged: "the mesh-wide allow-nothing AuthorizationPolicy in the mesh root namespace runs as a dry run (istio.io/dry-run): sidecars log the requests it would refuse, nothing is refused",
            Enforced: "the mesh-wide allow-nothing AuthorizationPolicy denies every request in the mesh that no AuthorizationPolicy allows: a namespace without one (e.g. created later through Capsule) accepts nothing until its owners allow callers by identity",
            Rollback: $"add {MeshDefaultDeny} back to platform:staged and run pulumi up (dry run again)"),
    ];

    /// <summary>The practice owning the admission policies of Level 4.</summary>
    private const string CompliancePractice = "Compliance Policies Enforcement";

    public static Enforcement? Find(string id) => All.FirstOrDefault(e => e.Id == id);

    /// <summary>
    /// Ids stack files may still name for a control merged into another, with the one that took it over:
    /// cost-center-label was Costs Center Management's own cost-center label policy, now checked only by required-labels.
    /// </summary>
    public static readonly ImmutableSortedDictionary<string, string> Retired =
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("cost-center-label", RequiredLabels)]);

    /// <summary>The id a stack file's id stands for today: itself, or the control a retired one was merged into.</summary>
    public static string Current(string id) => Retired.GetValueOrDefault(id, id);

    /// <summary>The platform:enforced record of a stack that enforces every control this pmctl knows (init, promotion).</summary>
    public static JsonArray Record() => new([.. All.Select(e => JsonValue.Create(e.Id))]);

    /// <summary>
    /// The controls pmctl had before stack files recorded platform:enforced: a stack without that key enforces these
    /// (unless staged), as the version that wrote it did; every other control is new to it and runs staged.
    /// </summary>
    public static readonly ImmutableArray<string> KnownBeforeRecord = [PodSecurityRestricted, NetworkDefaultDeny, AllowedRegistries, PlatformPodSecurity, TenantQuota];

    /// <summary>
    /// The controls in their staged phase: those <paramref name="staged"/> names, then every control neither it nor
    /// <paramref name="enforced"/> names (null: the stack has no record, see <see cref="KnownBeforeRecord"/>).
    /// </summary>
    public static ImmutableArray<string> StagedGiven(IReadOnlyCollection<string> staged, IReadOnlyCollection<string>? enforced)
    {
        var known = enforced ?? KnownBeforeRecord;
        return [.. staged, .. All.Select(e => e.Id).Where(id => !staged.Contains(id) && !known.Contains(id))];
    }

    /// <summary>The enforcements of the practices in <paramref name="after"/> that are not in <paramref name="before"/>.</summary>
    public static IEnumerable<Enforcement> IntroducedBetween(IReadOnlySet<string> before, IReadOnlySet<string> after, DeploymentTarget target) =>
        All.Where(e => e.BuiltByAny(after) && !e.BuiltByAny(before) && e.AppliesTo(target));

    /// <summary>The enforcements a practice owns.</summary>
    public static IEnumerable<Enforcement> Of(string practice) => All.Where(e => e.BuiltBy(practice));
}
