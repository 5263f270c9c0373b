namespace PlatformMaturity.Assess.Snapshot;

/// <summary>
/// Every kind an evidence rule reads, defined once: the live reader lists exactly these, the snapshot reader
/// keeps the bodies of those marked, and coverage (what could not be seen) is reported per kind.
/// </summary>
public static class Kinds
{
    public static readonly ApiKind Namespace = Core("v1", "Namespace", "namespaces", namespaced: false);
    public static readonly ApiKind Node = Core("v1", "Node", "nodes", namespaced: false);
    public static readonly ApiKind Secret = Core("v1", "Secret", "secrets");
    public static readonly ApiKind ConfigMap = Core("v1", "ConfigMap", "configmaps");
    public static readonly ApiKind ResourceQuota = Core("v1", "ResourceQuota", "resourcequotas");
    public static readonly ApiKind LimitRange = Core("v1", "LimitRange", "limitranges");
    public static readonly ApiKind Deployment = BuiltIn("apps", "v1", "Deployment", "deployments");
    public static readonly ApiKind StatefulSet = BuiltIn("apps", "v1", "StatefulSet", "statefulsets");
    public static readonly ApiKind DaemonSet = BuiltIn("apps", "v1", "DaemonSet", "daemonsets");
    public static readonly ApiKind NetworkPolicy = BuiltIn("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies");
    public static readonly ApiKind IngressClass = BuiltIn("networking.k8s.io", "v1", "IngressClass", "ingressclasses", namespaced: false);
    public static readonly ApiKind RoleBinding = BuiltIn("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings");
    public static readonly ApiKind ClusterRole = BuiltIn("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", namespaced: false);
    public static readonly ApiKind ServiceAccount = Core("v1", "ServiceAccount", "serviceaccounts");
    public static readonly ApiKind ClusterRoleBinding = BuiltIn("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", namespaced: false);
    public static readonly ApiKind ValidatingAdmissionPolicy = BuiltIn("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", namespaced: false);
    public static readonly ApiKind ValidatingAdmissionPolicyBinding = BuiltIn("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", namespaced: false);
    public static readonly ApiKind HorizontalPodAutoscaler = BuiltIn("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers");
    public static readonly ApiKind PodDisruptionBudget = BuiltIn("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets");
    public static readonly ApiKind PriorityClass = BuiltIn("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", namespaced: false);
    public static readonly ApiKind StorageClass = BuiltIn("storage.k8s.io", "v1", "StorageClass", "storageclasses", namespaced: false);
    public static readonly ApiKind CsiDriver = BuiltIn("storage.k8s.io", "v1", "CSIDriver", "csidrivers", namespaced: false);
    public static readonly ApiKind ApiService = BuiltIn("apiregistration.k8s.io", "v1", "APIService", "apiservices", namespaced: false);
    public static readonly ApiKind CustomResourceDefinition = BuiltIn("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", namespaced: false);

    public static readonly ApiKind GatewayClass = Crd("gateway.networking.k8s.io", "v1", "GatewayClass", "gatewayclasses", namespaced: false);
    public static readonly ApiKind VeleroSchedule = Crd("velero.io", "v1", "Schedule", "schedules");
    public static readonly ApiKind VeleroRestore = Crd("velero.io", "v1", "Restore", "restores");
    public static readonly ApiKind PrometheusRule = Crd("monitoring.coreos.com", "v1", "PrometheusRule", "prometheusrules");
    public static readonly ApiKind ArgoApplication = Crd("argoproj.io", "v1alpha1", "Application", "applications");
    public static readonly ApiKind ArgoAppProject = Crd("argoproj.io", "v1alpha1", "AppProject", "appprojects");
    public static readonly ApiKind ArgoApplicationSet = Crd("argoproj.io", "v1alpha1", "ApplicationSet", "applicationsets");
    public static readonly ApiKind AuthorizationPolicy = Crd("security.istio.io", "v1", "AuthorizationPolicy", "authorizationpolicies");
    public static readonly ApiKind PeerAuthentication = Crd("security.istio.io", "v1", "PeerAuthentication", "peerauthentications");
    public static readonly ApiKind KyvernoClusterPolicy = Crd("kyverno.io", "v1", "ClusterPolicy", "clusterpolicies", namespaced: false);
    public static readonly ApiKind OtelInstrumentation = Crd("opentelemetry.io", "v1alpha1", "Instrumentation", "instrumentations");
    public static readonly ApiKind OtelCollector = Crd("opentelemetry.io", "v1beta1", "OpenTelemetryCollector", "opentelemetrycollectors");
    public static readonly ApiKind ClusterSecretStore = Crd("external-secrets.io", "v1", "ClusterSecretStore", "clustersecretstores", namespaced: false);
    public static readonly ApiKind SlothServiceLevel = Crd("sloth.slok.dev", "v1", "PrometheusServiceLevel", "prometheusservicelevels");
    public static readonly ApiKind KyvernoImageValidatingPolicy = Crd("policies.kyverno.io", "v1", "ImageValidatingPolicy", "imagevalidatingpolicies", namespaced: false);
    public static readonly ApiKind VolumeSnapshotClass = Crd("snapshot.storage.k8s.io", "v1", "VolumeSnapshotClass", "volumesnapshotclasses", namespaced: false);
    public static readonly ApiKind CapsuleTenant = Crd("capsule.clastix.io", "v1beta2", "Tenant", "tenants", namespaced: false);
    public static readonly ApiKind ContainerNetworkLog = Crd("acn.azure.com", "v1alpha1", "ContainerNetworkLog", "containernetworklogs", namespaced: false);

    /// <summary>Read by `pmctl rightsize` (its recommendations), not by an evidence rule.</summary>
    public static readonly ApiKind VerticalPodAutoscaler = Crd("autoscaling.k8s.io", "v1", "VerticalPodAutoscaler", "verticalpodautoscalers");

    /// <summary>Every kind, in a fixed order (the order the live reader lists them and reports coverage).</summary>
    public static readonly IReadOnlyList<ApiKind> All =
    [
        CustomResourceDefinition, Namespace, Node, Secret, ConfigMap, ResourceQuota, LimitRange, Deployment, StatefulSet, DaemonSet,
        NetworkPolicy, IngressClass, RoleBinding, ClusterRoleBinding, ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding,
        HorizontalPodAutoscaler, PodDisruptionBudget, PriorityClass, StorageClass, CsiDriver, ApiService,
        GatewayClass, VeleroSchedule, VeleroRestore, PrometheusRule, ArgoApplication, PeerAuthentication, KyvernoClusterPolicy,
        OtelInstrumentation, OtelCollector, ClusterSecretStore, SlothServiceLevel, KyvernoImageValidatingPolicy, VolumeSnapshotClass,
        ArgoAppProject, ArgoApplicationSet, CapsuleTenant, ClusterRole, ServiceAccount, AuthorizationPolicy, ContainerNetworkLog,
        VerticalPodAutoscaler,
    ];

    /// <summary>
    /// Kinds whose spec the rules read; every other object keeps only its identity and labels. ConfigMaps are
    /// kept only for the few names a rule looks at (see <see cref="ClusterObject"/>); Secrets never keep more than metadata.
    /// </summary>
    public static readonly IReadOnlySet<ApiKind> WithBody = new HashSet<ApiKind>
    {
        Deployment, StatefulSet, NetworkPolicy, RoleBinding, ClusterRoleBinding, ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding,
        HorizontalPodAutoscaler, StorageClass, VeleroSchedule, VeleroRestore, PrometheusRule, ArgoApplication, PeerAuthentication,
        KyvernoClusterPolicy, OtelInstrumentation, ApiService, KyvernoImageValidatingPolicy, ResourceQuota, ArgoAppProject, ArgoApplicationSet, CapsuleTenant, ClusterRole, ServiceAccount, AuthorizationPolicy,
        // pmctl rightsize reads the recommendations and the requests of the workloads they target.
        VerticalPodAutoscaler, DaemonSet,
    };

    private static readonly Dictionary<(string Group, string Kind), ApiKind> ByGroupKind = All.ToDictionary(k => (k.Group, k.Kind));

    private static readonly Dictionary<string, ApiKind> ByResource = All.ToDictionary(k => k.Resource, StringComparer.Ordinal);

    public static ApiKind? Find(string group, string kind) => ByGroupKind.GetValueOrDefault((group, kind));

    /// <summary>The kind `kubectl api-resources -o name` calls <paramref name="resource"/>, if the assessment reads it.</summary>
    public static ApiKind? FindResource(string resource) => ByResource.GetValueOrDefault(resource);

    private static ApiKind Core(string version, string kind, string plural, bool namespaced = true) => new("", version, kind, plural, namespaced, BuiltIn: true);

    private static ApiKind BuiltIn(string group, string version, string kind, string plural, bool namespaced = true) => new(group, version, kind, plural, namespaced, BuiltIn: true);

    private static ApiKind Crd(string group, string version, string kind, string plural, bool namespaced = true) => new(group, version, kind, plural, namespaced, BuiltIn: false);
}
