using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Composition;

/// <summary>Builders for the Kubernetes objects several practices create: restricted security contexts, alert rules and dashboards (platform namespaces: <see cref="PodSecurity.AddPlatformNamespace"/>).</summary>
public static class PlatformObjects
{
    /// <summary>
    /// The pod security context of a workload the platform writes itself (not a chart's): non-root as nobody, default
    /// seccomp, so it runs under the restricted Pod Security Standard in any namespace.
    /// </summary>
    public static V1PodSecurityContext RestrictedPodSecurity() => new()
    {
        RunAsNonRoot = true,
        RunAsUser = 65534,
        RunAsGroup = 65534,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>The container security context that goes with <see cref="RestrictedPodSecurity"/>.</summary>
    public static V1SecurityContext RestrictedContainerSecurity() => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };

    /// <summary>Label the Grafana sidecar of kube-prometheus-stack watches to load dashboards from ConfigMaps.</summary>
    public const string DashboardLabel = "grafana_dashboard";

    /// <summary>
    /// A ClusterRole on one resource the Kubernetes RBAC controller aggregates into the named built-in roles (edit,
    /// admin, view): tenant RoleBindings to those roles then cover a CRD the platform or a chart installs.
    /// </summary>
    /// <summary>
    /// Binds an admission policy to the tenants' namespaces. Staged, it reports (Warn, Audit) what it will refuse once
    /// promoted (Deny).
    /// </summary>
    /// <summary>Pod annotation holding the hash of the script a script pod runs: a changed script rolls the pod.</summary>
    public const string ScriptHashAnnotation = "platform.maturity/script-sha256";

    /// <summary>
    /// The pod of a platform Job that runs one shell script from a ConfigMap of the same name (curl image, restricted,
    /// small): labelled with its name, annotated with the script's hash.
    /// </summary>
    public static V1PodTemplateSpec ScriptPod(string name, string container, string scriptKey, string scriptHash, string restartPolicy,
        string? serviceAccount = null, IList<V1EnvVar>? env = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = name },
            Annotations = new Dictionary<string, string> { [ScriptHashAnnotation] = scriptHash },
        },
        Spec = new V1PodSpec
        {
            RestartPolicy = restartPolicy,
            ServiceAccountName = serviceAccount,
            // A service account's token reaches only the pod that needs it (the account itself does not automount it).
            AutomountServiceAccountToken = serviceAccount is not null,
            SecurityContext = RestrictedPodSecurity(),
            Containers =
            [
                new V1Container
                {
                    Name = container,
                    Image = Pins.CurlImage,
                    Command = ["sh", $"/scripts/{scriptKey}"],
                    Env = env,
                    VolumeMounts = [new V1VolumeMount { Name = "scripts", MountPath = "/scripts", ReadOnlyProperty = true }],
                    Resources = new V1ResourceRequirements
                    {
                        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("16Mi") },
                        Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("64Mi") },
                    },
                    SecurityContext = RestrictedContainerSecurity(),
                },
            ],
            Volumes = [new V1Volume { Name = "scripts", ConfigMap = new V1ConfigMapVolumeSource { Name = name } }],
        },
    };

    public static V1ValidatingAdmissionPolicyBinding TenantPolicyBinding(string policyName, PlatformConfig config, bool staged) => new()
    {
        ApiVersion = "admissionregistration.k8s.io/v1",
        Kind = "ValidatingAdmissionPolicyBinding",
        Metadata = new V1ObjectMeta { Name = policyName },
        Spec = new V1ValidatingAdmissionPolicyBindingSpec
        {
            PolicyName = policyName,
            ValidationActions = staged ? ["Warn", "Audit"] : ["Deny"],
            MatchResources = new V1MatchResources
            {
                NamespaceSelector = TenantNamespaces(config),
            },
        },
    };

    /// <summary>
    /// The tenants' namespaces: by name while pmctl creates them all; by the tenant label once teams create their own
    /// through Capsule (Kubernetes Landing Zone), whose tenants set that label on every namespace and forbid owners to change it.
    /// </summary>
    public static V1LabelSelector TenantNamespaces(PlatformConfig config) => new()
    {
        MatchExpressions =
        [
            new V1LabelSelectorRequirement
            {
                Key = Practices.Delivery.KubernetesLandingZone.SelfServiceNamespaces(config) ? Practices.Availability.HardMultiTenancy.TenantLabel : "kubernetes.io/metadata.name",
                OperatorProperty = "In",
                Values = [.. config.Tenants.Select(t => t.Name)],
            },
        ],
    };

    /// <summary>The service account of a job the platform writes (<see cref="ScriptPod"/>): no token unless its pod mounts one.</summary>
    public static V1ServiceAccount JobServiceAccount(string name, string ns) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        AutomountServiceAccountToken = false,
    };

    /// <summary>What a job's service account (<paramref name="name"/> in <paramref name="accountNamespace"/>) may do in one namespace: a Role and its binding, both named after it.</summary>
    public static IKubernetesObject<V1ObjectMeta>[] NamespaceGrant(string name, string accountNamespace, string ns, params V1PolicyRule[] rules) =>
    [
        new V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "Role",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Rules = rules,
        },
        new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "RoleBinding",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = name },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = name, NamespaceProperty = accountNamespace }],
        },
    ];

    public static V1ClusterRole AggregatedRole(string name, IEnumerable<string> aggregateTo, string apiGroup, string resource, IList<string> verbs) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRole",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = aggregateTo.ToDictionary(role => $"rbac.authorization.k8s.io/aggregate-to-{role}", _ => "true"),
        },
        Rules = [new V1PolicyRule { ApiGroups = [apiGroup], Resources = [resource], Verbs = verbs }],
    };

    /// <summary>A PrometheusRule (monitoring.coreos.com/v1) with the given rule groups.</summary>
    public static CustomObject PrometheusRule(string name, string ns, params JsonObject[] groups) => new()
    {
        ApiVersion = "monitoring.coreos.com/v1",
        Kind = "PrometheusRule",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new JsonObject { ["groups"] = new JsonArray([.. groups]) },
    };

    /// <summary>A rule group; <paramref name="interval"/> null evaluates it at Prometheus' global interval.</summary>
    public static JsonObject RuleGroup(string name, string? interval, params JsonObject[] rules)
    {
        var group = new JsonObject { ["name"] = name };
        if (interval is not null)
            group["interval"] = interval;
        group["rules"] = new JsonArray([.. rules]);
        return group;
    }

    /// <summary>A recording rule.</summary>
    public static JsonObject Record(string record, string expr) => new() { ["record"] = record, ["expr"] = expr };

    /// <summary>An alerting rule with a severity label and the summary and description annotations Alertmanager templates show.</summary>
    public static JsonObject Alert(string alert, string expr, string @for, string severity, string summary, string description) => new()
    {
        ["alert"] = alert,
        ["expr"] = expr,
        ["for"] = @for,
        ["labels"] = new JsonObject { ["severity"] = severity },
        ["annotations"] = new JsonObject { ["summary"] = summary, ["description"] = description },
    };

    /// <summary>A Grafana dashboard as a ConfigMap the Grafana sidecar loads (label grafana_dashboard: "1").</summary>
    public static V1ConfigMap Dashboard(string name, string ns, JsonObject dashboard) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string> { [DashboardLabel] = "1" },
        },
        Data = new Dictionary<string, string> { [$"{name}.json"] = dashboard.ToJsonString(DashboardJson) + "\n" },
    };

    /// <summary>Readable, stable JSON: indented with \n on every OS, PromQL's &lt; &gt; + left unescaped.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions DashboardJson = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
