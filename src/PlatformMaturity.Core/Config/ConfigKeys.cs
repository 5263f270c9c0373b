using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Config;

/// <summary>Every key of the <c>platform:</c> config namespace.</summary>
public static class ConfigKeys
{
    public static readonly ConfigKey Level = new(
        "level", ConfigValueType.Integer,
        "Maturity level of the platform (1 Launchpad ... 5 AI-Ready Enterprise Platform).",
        Required: true, Allowed: ["1", "2", "3", "4", "5"]);

    public static readonly ConfigKey Target = new(
        "target", ConfigValueType.String,
        "Where the platform runs: 'existing' (the cluster in your kubeconfig) or 'azure' (AKS).",
        Required: true, Allowed: [.. ConfigNames.Targets]);

    public static readonly ConfigKey Environment = new(
        "environment", ConfigValueType.String,
        "'nonprod' or 'prod'. Level 1 is for non-production only.",
        Default: "nonprod", Allowed: [.. ConfigNames.Environments]);

    public static readonly ConfigKey Name = new(
        "name", ConfigValueType.String,
        "Short platform name used in resource names (lowercase letters, digits, hyphens; at most 30). Defaults to the stack name.");

    public static readonly ConfigKey Tenants = new(
        "tenants", ConfigValueType.Array,
        "Teams on the platform: [{name, group, tier, repos, channel, workloadIdentities}]. Each gets a namespace named after it; group (from Level 2) is the team's identity group; tier small|medium|large sizes its quota (from Level 2); repos (from Level 4) are the Git repositories its Argo CD project may deploy from; channel (from Level 4) is where Argo CD notifies the team; workloadIdentities (from Level 5) lists the service accounts that reach a cloud API (on azure each gets a federated user-assigned identity).",
        Default: new JsonArray(), ItemType: ConfigValueType.Object);

    public static readonly ConfigKey Regions = new(
        "regions", ConfigValueType.Array,
        "Azure regions of the platform; the first is the primary region (e.g. [westeurope]).",
        Target: DeploymentTarget.Azure, Required: true, ItemType: ConfigValueType.String);

    public static readonly ConfigKey KubernetesVersion = new(
        "kubernetesVersion", ConfigValueType.String,
        "AKS Kubernetes version (major.minor, or major.minor.patch).",
        Default: Pins.AksKubernetesVersion, Target: DeploymentTarget.Azure);

    public static readonly ConfigKey NodeVmSize = new(
        "nodeVmSize", ConfigValueType.String,
        "VM size of the AKS system node pool.",
        Default: Pins.AksSystemNodeVmSize, Target: DeploymentTarget.Azure);

    public static readonly ConfigKey NodeCount = new(
        "nodeCount", ConfigValueType.Integer,
        "Nodes in the AKS system node pool; at least 2 (Kubernetes Built-in Resiliency).",
        Default: 2, Target: DeploymentTarget.Azure);

    public static readonly ConfigKey KubeContext = new(
        "kubeContext", ConfigValueType.String,
        "kubeconfig context of the existing cluster; the current context when unset.",
        Target: DeploymentTarget.Existing);

    public static readonly ConfigKey Registry = new(
        "registry", ConfigValueType.String,
        "Container registry the existing cluster pulls from (host[:port][/path]), e.g. localhost:5001 for kind's local registry.",
        Default: "localhost:5001", Target: DeploymentTarget.Existing);

    public static readonly ConfigKey SkuTier = new(
        "skuTier", ConfigValueType.String,
        "AKS pricing tier: Free (no uptime SLA), Standard (uptime SLA) or Premium (SLA and long-term support). It sets the control plane's availability.",
        Default: "Free", Target: DeploymentTarget.Azure, Allowed: ["Free", "Standard", "Premium"]);

    public static readonly ConfigKey Zones = new(
        "zones", ConfigValueType.Array,
        "Availability zones of the system node pool, e.g. [\"1\", \"2\", \"3\"]; empty for a regional pool. Zones raise the computed availability.",
        Default: new JsonArray(), Target: DeploymentTarget.Azure, ItemType: ConfigValueType.String);

    public static readonly ConfigKey Clusters = new(
        "clusters", ConfigValueType.Array,
        "The platform's clusters, primary first (Fault-tolerant Workload Distribution, from Level 4): azure [{name, region, zones, nodePools: {system: {vmSize, count, minCount, maxCount}, user: {...}}}], one region each; existing [{name, kubeContext, availability, region}] with the availability (percent) the cluster's owner guarantees; from Level 5 capabilities: [gpu, ...] label a member for placement. Unset: one cluster from the single-cluster keys (regions, zones, kubeContext).",
        FromLevel: 4, ItemType: ConfigValueType.Object);

    public static readonly ConfigKey Attestations = new(
        "attestations", ConfigValueType.Array,
        "Organisational requirements of the levels, attested by people: [{id, by, at}]. Recorded by pmctl upgrade --attest <id>; see pmctl describe <level>.",
        Default: new JsonArray(), ItemType: ConfigValueType.Object);

    public static readonly ConfigKey Staged = new(
        "staged", ConfigValueType.Array,
        "Enforcements running in their non-blocking first phase (warn/audit), e.g. [pod-security-restricted]. Written by pmctl upgrade; pmctl upgrade --promote enforces them.",
        Default: new JsonArray(), ItemType: ConfigValueType.String);

    public static readonly ConfigKey Enforced = new(
        "enforced", ConfigValueType.Array,
        "Enforcements this stack has accepted in their enforcing phase, written by pmctl init and pmctl upgrade --promote. A control named neither here nor in platform:staged (one a newer pmctl brings) runs staged (warn/audit) until pmctl upgrade --promote.",
        // No default, so Pulumi.yaml does not declare it: Pulumi would write a declared default into a stack that lacks the
        // key, and a stack written before the key existed must read as such (Enforcements.KnownBeforeRecord).
        ItemType: ConfigValueType.String);

    public static readonly ConfigKey MaintenanceWindow = new(
        "maintenanceWindow", ConfigValueType.Object,
        "Weekly window in which AKS applies Kubernetes patch and node image upgrades: {dayOfWeek: Monday..Sunday, startTime: \"HH:mm\", durationHours: 4..24, utcOffset: \"+HH:MM\"}.",
        Default: MaintenanceWindowConfig.Default.ToJson(),
        Target: DeploymentTarget.Azure, FromLevel: 2);

    public static readonly ConfigKey AdminGroupObjectIds = new(
        "adminGroupObjectIds", ConfigValueType.Array,
        "Entra ID object ids of the groups that administer the AKS cluster (Entra ID integration, from Level 2); at least one in prod. Empty: only the local admin account (az aks get-credentials --admin) administers it.",
        Default: new JsonArray(), Target: DeploymentTarget.Azure, FromLevel: 2, ItemType: ConfigValueType.String);

    public static readonly ConfigKey ApiServerAuthorizedIpRanges = new(
        "apiServerAuthorizedIpRanges", ConfigValueType.Array,
        "CIDR ranges allowed to reach the AKS API server, e.g. [203.0.113.0/24, 198.51.100.7/32] (your offices, VPN, CI runners). Unset: any address (sign-in still required).",
        Target: DeploymentTarget.Azure, ItemType: ConfigValueType.String);

    public static readonly ConfigKey Network = new(
        "network", ConfigValueType.String,
        "Network of the AKS clusters: 'spoke' (a VNet per cluster made by the platform, with a node subnet and an API server subnet; Level 4 peers it with a hub) or 'aks-managed' (the VNet AKS creates). pmctl init writes spoke; unset means aks-managed, the network of stacks written before this key existed. A cluster cannot move into another VNet, so changing it replaces the clusters.",
        Allowed: [NetworkSpoke, NetworkAksManaged], Target: DeploymentTarget.Azure);

    public const string NetworkSpoke = "spoke";
    public const string NetworkAksManaged = "aks-managed";
    public static readonly ConfigKey PrivateCluster = new(
        "privateCluster", ConfigValueType.Boolean,
        "Level 5: the AKS API server gets a private address only (no public endpoint). A creation-time choice: changing it replaces the cluster, so set it when creating a stack (pmctl init), not on upgrade. Pulumi and the Argo CD hub must then run inside the virtual network or a peered one (a self-hosted runner or a jump host), or use az aks command invoke while run-command is still on.",
        Default: false, Target: DeploymentTarget.Azure, FromLevel: 5);

    public static readonly ConfigKey Cilium = new(
        "cilium", ConfigValueType.Boolean,
        "Level 5 on existing: the cluster's CNI is Cilium with Hubble (Network Traffic Auditing records flows with it). The tool cannot see or change the CNI of a cluster it did not create, so say so here; false: flow logs are reported not applicable.",
        Default: false, Target: DeploymentTarget.Existing, FromLevel: 5);

    public static readonly ConfigKey TenantBudgets = new(
        "tenantBudgets", ConfigValueType.Object,
        "Level 5: each tenant's monthly budget in the billing currency, e.g. {team-a: 500, team-b: 2000}. OpenCost's per-namespace cost is projected to a month and alerts at 80% and 100% (Advanced Costs Management). Unset: no per-tenant budget alerts.",
        FromLevel: 5);

    public static readonly ConfigKey WorkingHours = new(
        "workingHours", ConfigValueType.Object,
        "Level 5, non-production: when golden-path apps run, {start: \"0 7 * * 1-5\", end: \"0 19 * * 1-5\", timeZone: Etc/UTC} (cron, five fields; an IANA time zone). Outside it their KEDA ScaledObject scales them to zero (Advanced Costs Management); production never scales below its replicas. Unset: those defaults.",
        FromLevel: 5);

    public static readonly ConfigKey AuditorGroup = new(
        "auditorGroup", ConfigValueType.String,
        "Group of the platform's auditors, bound to the read-only view role across the cluster (Entra ID object id on azure, group name on existing). Unset: no auditor access.",
        FromLevel: 2);

    public static readonly ConfigKey ElevationGroup = new(
        "elevationGroup", ConfigValueType.String,
        "Level 5 just-in-time elevation: the group operators join for a limited time to administer the cluster (Entra ID object id of a group whose membership is PIM-eligible on azure; an OIDC group your identity provider grants temporarily on existing). Unset: no elevation path besides break-glass.",
        FromLevel: 5);

    public static readonly ConfigKey IngressNamespace = new(
        "ingressNamespace", ConfigValueType.String,
        "Namespace of the platform gateway (Envoy Gateway and its proxies, from Level 1) that fronts tenant services; tenant NetworkPolicies admit traffic from it.",
        Default: "gateway-system");

    public static readonly ConfigKey GatewayHostname = new(
        "gatewayHostname", ConfigValueType.String,
        "Hostname or wildcard (e.g. *.apps.example.com) of the platform gateway's HTTPS listener; with platform:gatewayClusterIssuer it turns HTTPS on. Unset: HTTP only.");

    public static readonly ConfigKey GatewayClusterIssuer = new(
        "gatewayClusterIssuer", ConfigValueType.String,
        "cert-manager ClusterIssuer that signs the gateway's HTTPS certificate (cert-manager with Gateway API support, installed by you; the platform installs none). Unset: HTTP only.");

    public static readonly ConfigKey NodeMinCount = new(
        "nodeMinCount", ConfigValueType.Integer,
        "Fewest nodes the cluster autoscaler keeps in the AKS system node pool (from Level 3); at least 2.",
        Default: 2, Target: DeploymentTarget.Azure, FromLevel: 3);

    public static readonly ConfigKey NodeMaxCount = new(
        "nodeMaxCount", ConfigValueType.Integer,
        "Most nodes the cluster autoscaler may run in the AKS system node pool (from Level 3); at least nodeMinCount, at most 1000.",
        Default: 5, Target: DeploymentTarget.Azure, FromLevel: 3);

    public static readonly ConfigKey UserNodeVmSize = new(
        "userNodeVmSize", ConfigValueType.String,
        "VM size of the AKS user node pool tenant workloads run on (from Level 2; the system pool then keeps only critical add-ons).",
        Default: Pins.AksUserNodeVmSize, Target: DeploymentTarget.Azure, FromLevel: 2);

    public static readonly ConfigKey UserNodeCount = new(
        "userNodeCount", ConfigValueType.Integer,
        "Nodes in the AKS user node pool (from Level 2); at least 2. From Level 3 the autoscaler owns the count after creation.",
        Default: 2, Target: DeploymentTarget.Azure, FromLevel: 2);

    public static readonly ConfigKey UserNodeMinCount = new(
        "userNodeMinCount", ConfigValueType.Integer,
        "Fewest nodes the cluster autoscaler keeps in the AKS user node pool (from Level 3); at least 2.",
        Default: 2, Target: DeploymentTarget.Azure, FromLevel: 3);

    public static readonly ConfigKey UserNodeMaxCount = new(
        "userNodeMaxCount", ConfigValueType.Integer,
        "Most nodes the cluster autoscaler may run in the AKS user node pool (from Level 3); at least userNodeMinCount, at most 1000.",
        Default: 5, Target: DeploymentTarget.Azure, FromLevel: 3);

    public static readonly ConfigKey GpuNodeVmSize = new(
        "gpuNodeVmSize", ConfigValueType.String,
        "VM size of the AKS GPU node pool (Level 5, Just-in-time Capacity): an N-family size with NVIDIA GPUs; the pool scales from zero, so it costs nothing while no pod asks for a GPU.",
        Default: Pins.AksGpuNodeVmSize, Target: DeploymentTarget.Azure, FromLevel: 5);

    public static readonly ConfigKey GpuNodeMaxCount = new(
        "gpuNodeMaxCount", ConfigValueType.Integer,
        "Most nodes the cluster autoscaler may start in the AKS GPU node pool (Level 5); 1 to 100 (GPU quota per region is usually the real limit).",
        Default: 2, Target: DeploymentTarget.Azure, FromLevel: 5);

    public static readonly ConfigKey AllowedRegistries = new(
        "allowedRegistries", ConfigValueType.Array,
        "Registries tenant pods may pull from, enforced at admission from Level 3: host[:port][/path] prefixes, or *.domain for every registry under a domain. Unset: the platform's registry (platform:registry on existing, its Azure Container Registry's login server on azure) and the images the platform injects.",
        FromLevel: 3, ItemType: ConfigValueType.String);

    public static readonly ConfigKey MeshRevision = new(
        "meshRevision", ConfigValueType.String,
        "The AKS Istio add-on revision (ServiceMeshProfile.Revisions, from Level 4), e.g. asm-1-27; list the revisions of a region with az aks mesh get-revisions --location <region>. Unset: the revision pinned in Versions/Pins.cs.",
        Target: DeploymentTarget.Azure, FromLevel: 4);

    public static readonly ConfigKey EgressAllowList = new(
        "egressAllowList", ConfigValueType.Array,
        "Destinations outside the cluster every tenant pod may reach once egress is denied by default (from Level 4): CIDR ranges (203.0.113.0/24, allowed by NetworkPolicy ipBlock) and host names (api.example.com, registered as mesh ServiceEntries). DNS, the mesh control plane, the tenant's own namespace and the platform's telemetry endpoints are always allowed. Unset: nothing else.",
        FromLevel: 4, ItemType: ConfigValueType.String);

    public static readonly ConfigKey AuditRetentionDays = new(
        "auditRetentionDays", ConfigValueType.Integer,
        "Days the API server's audit logs (AKSAuditAdmin, AKSControlPlane tables of Log Analytics) are kept, from Level 4 (4 to 730).",
        Default: 90, Target: DeploymentTarget.Azure, FromLevel: 4);

    public static readonly ConfigKey SecretStore = new(
        "secretStore", ConfigValueType.Object,
        "The provider block of the platform's ClusterSecretStore (external-secrets, from Level 3), e.g. {vault: {server: https://vault.example.com, path: secret, version: v2, auth: {...}}}. Unset: the Kubernetes provider over the platform-secrets namespace.",
        Target: DeploymentTarget.Existing, FromLevel: 3);

    // Levels 2-3: monitoring, alerting, maintenance, backups, traces, CI (Availability and Delivery practices).

    public static readonly ConfigKey GrafanaAdminPassword = new(
        "grafanaAdminPassword", ConfigValueType.String,
        "Password of Grafana's admin user (platform-admin); the platform never uses a default password.",
        FromLevel: 2, Secret: true);

    public static readonly ConfigKey AlertReceiver = new(
        "alertReceiver", ConfigValueType.String,
        "Where Alertmanager sends platform alerts: slack (incoming webhook), msteams (Teams workflow webhook) or webhook (any HTTP endpoint); the URL is platform:alertWebhookUrl.",
        Default: "webhook", FromLevel: 3, Allowed: ["slack", "msteams", "webhook"]);

    public static readonly ConfigKey AlertWebhookUrl = new(
        "alertWebhookUrl", ConfigValueType.String,
        "URL Alertmanager posts alerts to (the Slack or Teams webhook, or your endpoint); it carries a token, so it is a secret.",
        FromLevel: 3, Secret: true);

    public static readonly ConfigKey MetricsRetention = new(
        "metricsRetention", ConfigValueType.String,
        "How long Prometheus keeps metrics, e.g. 15d, 4w or 720h.",
        Default: "15d", FromLevel: 3);

    public static readonly ConfigKey MetricsStorageSize = new(
        "metricsStorageSize", ConfigValueType.String,
        "Persistent volume size of each Prometheus replica, e.g. 50Gi.",
        Default: "50Gi", FromLevel: 3);

    public static readonly ConfigKey BackupSchedule = new(
        "backupSchedule", ConfigValueType.String,
        "Cron schedule (5 fields, UTC) of the daily Velero backup of every tenant namespace.",
        Default: "0 2 * * *", FromLevel: 3);

    public static readonly ConfigKey BackupRetentionDays = new(
        "backupRetentionDays", ConfigValueType.Integer,
        "Days a backup is kept before Velero deletes it (1 to 3650).",
        Default: 30, FromLevel: 3);

    public static readonly ConfigKey BackupBucket = new(
        "backupBucket", ConfigValueType.String,
        "S3 bucket (AWS or S3-compatible such as MinIO) for Velero backups of the existing cluster. Defaults to <platform name>-backups.",
        Target: DeploymentTarget.Existing, FromLevel: 3);

    public static readonly ConfigKey BackupRegion = new(
        "backupRegion", ConfigValueType.String,
        "Region of the backup bucket.",
        Default: "us-east-1", Target: DeploymentTarget.Existing, FromLevel: 3);

    public static readonly ConfigKey BackupS3Url = new(
        "backupS3Url", ConfigValueType.String,
        "Endpoint of an S3-compatible store (e.g. https://minio.example.com); unset means AWS S3.",
        Target: DeploymentTarget.Existing, FromLevel: 3);

    public static readonly ConfigKey BackupCredentials = new(
        "backupCredentials", ConfigValueType.String,
        "Credentials of the backup bucket as an AWS credentials file ([default] aws_access_key_id=... aws_secret_access_key=...). Not needed once platform:backupRoleArn is set (Level 5: no static cloud credential in the cluster).",
        Target: DeploymentTarget.Existing, FromLevel: 3, Secret: true);

    public static readonly ConfigKey BackupRoleArn = new(
        "backupRoleArn", ConfigValueType.String,
        "Level 5 (no static cloud credential in the cluster): the IAM role Velero assumes with its projected service-account token (AWS STS AssumeRoleWithWebIdentity, or the S3-compatible store's equivalent) instead of platform:backupCredentials, e.g. arn:aws:iam::123456789012:role/velero. The role must trust the cluster's service-account issuer for system:serviceaccount:velero:velero-server.",
        Target: DeploymentTarget.Existing, FromLevel: 5);

    public static readonly ConfigKey TracesEndpoint = new(
        "tracesEndpoint", ConfigValueType.String,
        "OTLP gRPC endpoint (host:port) of an existing trace backend; unset installs Tempo in the cluster.",
        FromLevel: 3);

    public static readonly ConfigKey CiRepositories = new(
        "ciRepositories", ConfigValueType.Array,
        "GitHub repositories (owner/repo) whose main-branch workflows may push images to the registry through OIDC federation, without stored credentials.",
        Default: new JsonArray(), Target: DeploymentTarget.Azure, FromLevel: 3, ItemType: ConfigValueType.String);

    // Level 4: volumes, chaos experiments and costs (per-cluster Efficiency and Availability practices).

    public static readonly ConfigKey StorageProvisioner = new(
        "storageProvisioner", ConfigValueType.String,
        "CSI driver of the existing cluster's volumes (from Level 4), which the platform's StorageClasses and VolumeSnapshotClass use, e.g. ebs.csi.aws.com, pd.csi.storage.gke.io, disk.csi.azure.com; it must support snapshots and expansion. The default is the Kubernetes CSI hostpath driver, for local trials only.",
        Default: "hostpath.csi.k8s.io", Target: DeploymentTarget.Existing, FromLevel: 4);

    public static readonly ConfigKey RwxStorageClass = new(
        "rwxStorageClass", ConfigValueType.String,
        "An existing StorageClass of the cluster that provisions ReadWriteMany volumes no zone owns (e.g. NFS, CephFS, Amazon EFS, Azure Files NFS), from Level 4: the ml-training-job golden path (Level 5) keeps its checkpoints on it. A StorageClass name (DNS-1123 subdomain). Unset: training Jobs get no checkpoint volume on existing, and their PLATFORM.md says why.",
        Target: DeploymentTarget.Existing, FromLevel: 4);

    public static readonly ConfigKey Chaos = new(
        "chaos", ConfigValueType.Boolean,
        "Scheduled chaos experiments (Chaos Mesh, from Level 4) against tenant workloads that opt in by label. Unset: on in nonprod, off in prod. Level 4 allows chaos only in nonprod (true in prod is refused); production chaos is Level 5's.",
        FromLevel: 4);

    public static readonly ConfigKey Budget = new(
        "budget", ConfigValueType.Object,
        "Monthly cost budget of the platform's resource group (from Level 4) with e-mail alerts: {amount: 5000, contactEmails: [platform-team@example.com], startMonth: \"2027-01\"}; alerts at 80% and 100% of actual spend and 100% of the forecast. Unset: no budget.",
        Target: DeploymentTarget.Azure, FromLevel: 4);

    // Level 5: production chaos (Chaos Engineering in Production).

    public static readonly ConfigKey ProductionChaos = new(
        "productionChaos", ConfigValueType.Object,
        "Production chaos experiments (from Level 5, prod stacks with platform:chaos true): {tenants: [team-a], schedule: \"0 10 * * 2\", duration: \"30m\"}: the tenants whose namespaces opt in, when each window starts (cron, UTC) and how long it lasts (Go duration, 10m to 4h). Experiments run only while the error budgets do not burn fast, and stop when they start to. Unset: no tenant opts in.",
        FromLevel: 5);

    // Level 4: GitOps hand-over, delivery and image signing (GitOps Platform/Application Management, Extended Delivery
    // and Extended Images Build Processes).

    public static readonly ConfigKey GitOps = new(
        "gitops", ConfigValueType.Object,
        "Argo CD's source of the platform (from Level 4): {repoUrl, path, revision, repoUsername, oidc: {issuer, clientId, adminGroup}, syncWindows: [{kind: allow|deny, schedule, duration, timeZone}], notificationService: slack|teams|webhook}. pmctl render --gitops writes the tree for repoUrl/path; without repoUrl Argo CD is installed but Pulumi keeps applying everything. Sync windows apply to prod stacks.",
        Default: GitOpsConfig.Default.ToJson(), FromLevel: 4);

    public static readonly ConfigKey GitOpsRepoPassword = new(
        "gitopsRepoPassword", ConfigValueType.String,
        "Password or token Argo CD reads platform:gitops.repoUrl with (with gitops.repoUsername); unset for a public repository.",
        FromLevel: 4, Secret: true);

    public static readonly ConfigKey GitOpsNotificationsToken = new(
        "gitopsNotificationsToken", ConfigValueType.String,
        "Token (Slack bot token) or webhook URL Argo CD Notifications posts to the teams' channels with.",
        FromLevel: 4, Secret: true);

    public static readonly ConfigKey ImageSigning = new(
        "imageSigning", ConfigValueType.Object,
        "Keyless signers whose images tenant pods may run (from Level 4): {issuer, identities: [certificate subject, ...]}; each tenant's repos add their CI workflow (https://github.com/<owner>/<repo>/.github/workflows/ci.yaml@refs/heads/main).",
        Default: ImageSigningConfig.Default.ToJson(), FromLevel: 4);

    public static readonly ConfigKey RegistryZoneRedundancy = new(
        "registryZoneRedundancy", ConfigValueType.Boolean,
        "Whether the Premium registry (from Level 4) and its geo-replicas are zone-redundant. The setting forces a new registry, so pmctl upgrade writes false for a registry that exists; stacks created at Level 4 get true.",
        Default: true, Target: DeploymentTarget.Azure, FromLevel: 4, UpgradeValue: false);

    public static readonly ConfigKey SignatureRegistryCredentials = new(
        "signatureRegistryCredentials", ConfigValueType.String,
        "Docker config JSON ({\"auths\": {...}}) Kyverno reads image signatures from platform:registry with (from Level 4); unset for a registry that needs no credentials.",
        Target: DeploymentTarget.Existing, FromLevel: 4, Secret: true);
    public static readonly ConfigKey Sla = new(
        "sla", ConfigValueType.Object,
        "The platform's SLA (Platform SLA, Level 5; refused below): {owner: platform-team@example.com, availability: 99.95}; availability (percent, monthly) may not exceed what the topology computes, unset announces the computed figure rounded down. pmctl render writes the SLA document.",
        FromLevel: 5);

    public static readonly ConfigKey BackstageImage = new(
        "backstageImage", ConfigValueType.String,
        "The developer portal's Backstage image (Internal Developer Platform, Level 5), by digest: registry/repository@sha256:<64 hex>, from an allowed registry. A Backstage image is built with its plugins: it must contain the catalog, scaffolder (with the GitHub actions module), Kubernetes (Azure auth provider) and PostgreSQL backend plugins (README). Unset: no portal is deployed.",
        FromLevel: 5);

    /// <summary>Secret keys a stack at <paramref name="level"/> on <paramref name="target"/> must set before it is deployed.</summary>
    public static IEnumerable<ConfigKey> SecretsNeeded(int level, DeploymentTarget target) =>
        All.Where(k => k.Secret && k.NeededAt(level, target));

    /// <summary>All keys, in the order stack files list them.</summary>
    public static readonly ImmutableArray<ConfigKey> All =
        [Level, Target, Environment, Name, Regions, KubernetesVersion, SkuTier, NodeVmSize, NodeCount, Zones, Clusters, NodeMinCount, NodeMaxCount,
         UserNodeVmSize, UserNodeCount, UserNodeMinCount, UserNodeMaxCount, GpuNodeVmSize, GpuNodeMaxCount,
         MaintenanceWindow, AdminGroupObjectIds, ApiServerAuthorizedIpRanges, PrivateCluster, Network, KubeContext, Cilium, Registry, AllowedRegistries, MeshRevision, EgressAllowList, AuditRetentionDays, SecretStore, IngressNamespace, GatewayHostname, GatewayClusterIssuer, AuditorGroup, ElevationGroup,
         Tenants, GrafanaAdminPassword, AlertReceiver, AlertWebhookUrl, MetricsRetention, MetricsStorageSize,
         BackupSchedule, BackupRetentionDays, BackupBucket, BackupRegion, BackupS3Url, BackupCredentials, BackupRoleArn, TracesEndpoint, CiRepositories,
         StorageProvisioner, RwxStorageClass, Chaos, Budget, TenantBudgets, WorkingHours, Sla, ProductionChaos, BackstageImage,
         GitOps, GitOpsRepoPassword, GitOpsNotificationsToken, ImageSigning, RegistryZoneRedundancy, SignatureRegistryCredentials,
         Staged, Enforced, Attestations];

    public static ConfigKey? Find(string fullName) => All.FirstOrDefault(k => k.FullName == fullName);
}
