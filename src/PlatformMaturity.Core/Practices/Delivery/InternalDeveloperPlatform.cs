using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Efficiency;
using PlatformMaturity.Rendering;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// Level 5: the developer portal. Backstage from its chart (<see cref="Pins.Backstage"/>; its policies are met through
/// values: image by digest, restricted security contexts, our own NetworkPolicies and route, no bundled PostgreSQL),
/// running the platform team's own image (platform:backstageImage, since a Backstage image is built with its plugins),
/// on the first cluster only (the fleet's hub). Its database is a CloudNativePG Cluster in its namespace (the operator
/// Golden Paths installs from Level 4) whose operator-generated Secret gives the credentials: no password in values or
/// Git. Its catalog holds the platform, the tenants as Groups and one software template per golden path (from the
/// golden paths' own template.yaml), mounted from a ConfigMap, plus each tenant repository's catalog-info.yaml.
/// The Kubernetes plugin reads every member cluster with the pod's identity: on azure an Entra workload identity (the
/// AKS clusters are Entra-only), on existing the service account's projected token; Argo CD's Applications and
/// Rollouts come through the same connection (the Argo CD API would need a static token).
/// </summary>
public sealed class InternalDeveloperPlatform : PracticeComponent
{
    public const string PracticeName = "Internal Developer Platform";
    public const string Namespace = "backstage";
    public const string ReleaseName = "backstage";

    /// <summary>The chart's service account name and, with the release named after the chart, its Deployment and Service name.</summary>
    public const string ServiceAccount = "backstage";

    /// <summary>Backstage's backend port (chart backstage.containerPorts.backend).</summary>
    public const int BackendPort = 7007;

    /// <summary>Backstage's pods (the chart's selector labels: common.labels.matchLabels).</summary>
    public static readonly (string Key, string Value) Pods = ("app.kubernetes.io/name", "backstage");

    /// <summary>The CloudNativePG Cluster and what the operator derives from its name.</summary>
    public const string DatabaseCluster = "backstage-db";
    public const string DatabaseName = "backstage";
    public static string DatabaseAppSecret => $"{DatabaseCluster}-app";
    public static string DatabaseCaSecret => $"{DatabaseCluster}-ca";
    public static string DatabaseHost => $"{DatabaseCluster}-rw";
    public const int DatabasePort = 5432;

    /// <summary>The label CloudNativePG sets on a Cluster's instance pods.</summary>
    public static readonly (string Key, string Value) DatabasePods = ("cnpg.io/cluster", DatabaseCluster);

    /// <summary>The catalog's ConfigMap (mounted at <see cref="CatalogPath"/>) and its two files.</summary>
    public const string CatalogConfigMap = "backstage-catalog";
    public const string CatalogPath = "/catalog";
    public const string PlatformCatalogFile = "platform.yaml";
    public const string TemplatesCatalogFile = "templates.yaml";

    /// <summary>The Kubernetes plugin's cluster list, an extra app-config file of its own (on azure it carries the clusters' Azure outputs).</summary>
    public const string KubernetesConfigMap = "backstage-kubernetes";
    public const string KubernetesConfigFile = "app-config.kubernetes.yaml";

    /// <summary>Read-only rights of the portal on its cluster (existing: workloads, their status, Argo CD Applications and Rollouts).</summary>
    public const string ReaderRole = "backstage-reader";

    /// <summary>The portal identity's read access to every AKS member (azure), and the built-in role it gets.</summary>
    public const string ReaderAssignment = "backstage-aks-reader";
    public const string AksReaderRole = "Azure Kubernetes Service RBAC Reader";

    /// <summary>Secret the platform team creates with the portal's GitHub App (reads tenant repositories, dispatches the pmctl app new workflow).</summary>
    public const string GitHubAppSecret = "backstage-github-app";
    public const string GitHubAppCredentialsKey = "credentials.yaml";
    private const string GitHubAppPath = "/github-app";

    public const string IdentityName = "backstage-identity";
    public const string FederationName = "backstage-federation";

    /// <summary>The Gateway listeners the portal's route attaches to (the shared listeners admit tenant routes only).</summary>
    public const string HttpListener = "portal-http";

    /// <summary>The portal pods' egress allow-list.</summary>
    public const string EgressPolicy = "backstage-egress";
    public const string HttpsListener = "portal-https";

    /// <summary>The AKS Entra ID server application every AKS token is issued for (what the Kubernetes plugin's azure provider asks for).</summary>
    public const string AksServerApplication = "6dae42f8-4368-4678-94ff-3960e28e3630";

    /// <summary>The app-config files the image must hold in /app (the standard Backstage Dockerfile's).</summary>
    public static readonly IReadOnlyList<string> ImageConfigFiles = ["app-config.yaml", "app-config.production.yaml"];

    /// <summary>The plugins the image must contain, by npm package: a Backstage image is built with its plugins.</summary>
    public static readonly IReadOnlyList<(string Package, string Why)> RequiredPlugins =
    [
        ("@backstage/plugin-catalog-backend", "the catalog: platform.yaml and templates.yaml from /catalog, catalog-info.yaml from tenant repositories"),
        ("@backstage/plugin-scaffolder-backend", "software templates (scaffolder.backstage.io/v1beta3)"),
        ("@backstage/plugin-scaffolder-backend-module-github", $"the {BackstageCatalog.DispatchAction} action the templates run, and the GitHub integration with a GitHub App"),
        ("@backstage/plugin-kubernetes-backend", "the Kubernetes plugin with the azure (workload identity) and serviceAccount auth providers"),
        ("@backstage/plugin-kubernetes", "the Kubernetes tab on components (backstage.io/kubernetes-id annotation)"),
        ("@backstage/plugin-catalog-backend-module-github", "url locations on github.com (tenant repositories)"),
        ("pg (PostgreSQL client; Backstage's default backend database support)", "the CloudNativePG database"),
        ("@backstage-community/plugin-redhat-argocd or @roadiehq/backstage-plugin-argo-cd (frontend)", "an Argo CD view of the argocd/app-name annotation; data from the Kubernetes plugin's custom resources (Applications), not from the Argo CD API"),
    ];

    public override string Practice => PracticeName;

    public override Implementation Implementation => new(
        Existing: $"Backstage (chart {Pins.Backstage.Version}, image by digest from {ConfigKeys.BackstageImage.FullName}) in namespace {Namespace} of the first cluster, restricted Pod Security, reached through the platform gateway; " +
                  $"PostgreSQL as a CloudNativePG Cluster {DatabaseCluster} with the operator's generated credentials; catalog of the platform, one Group per tenant, one software template per golden path (dispatching pmctl app new in the platform repository's CI) and the tenants' catalog-info.yaml; " +
                  "the Kubernetes plugin reads the cluster with its service account's projected token (no static token)",
        Azure: $"The same Backstage and CloudNativePG database; the Kubernetes plugin reads every AKS member (Entra-only) as the Entra workload identity {IdentityName} (azure auth provider, no static token), bound read-only on each cluster");

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        if (config.BackstageImage is not { } image)
        {
            component.Note($"No developer portal yet: set {ConfigKeys.BackstageImage.FullName} to your Backstage image by digest (the README lists the plugins it must contain).");
            return;
        }
        component.AddPlatformNamespace(Namespace);
        var host = Hostname(config);
        Primary(component, component.AddObject(Database(component)));
        // The templates offer only golden paths pmctl app new runs on this platform, which depends on what every practice
        // installs: the catalog is written once they all are.
        component.AfterPractices(c => Primary(c, c.AddObject(Catalog(c))));
        var kubernetes = Primary(component, component.AddObject(KubernetesClusters(component)));
        AddReaderRole(component);
        var fromAzure = new Dictionary<string, AzureRef>();
        if (component.IsAzure)
        {
            WorkloadIdentity.Add(component, IdentityName, FederationName, Namespace, ServiceAccount);
            // The portal runs on the first cluster only, so only its issuer is trusted; a member's copy would also tie the
            // members to this component while it reads their addresses.
            component.Contribute<FederatedIdentityCredential>(FederationName, f => f with { PrimaryOnly = true });
            fromAzure[$"serviceAccount.annotations.\"{WorkloadIdentity.ClientIdAnnotation}\""] = new AzureRef(IdentityName, AzureOutput.ClientId);
            // The member clusters' API addresses and CA certificates are Azure outputs.
            component.Contribute<KubernetesResource>(kubernetes.Name, r => r with { TextFromAzure = [.. ClusterOutputs(component)] });
        }
        var release = component.AddRelease(ReleaseName, Namespace, Pins.Backstage, Values(component, image, host), createNamespace: false,
            valuesFromAzure: fromAzure, dependsOn: [kubernetes.Name]);
        component.Contribute<HelmRelease>(release.Name, r => r with { PrimaryOnly = true });
        AddRoute(component, host);
        AddNetworkPolicies(component);

        component.Note($"The portal: {(config.GatewayHttps && IsWildcard(config.GatewayHostname) ? "https" : "http")}://{host}/ (platform gateway). Its image {image} must contain the plugins the README lists; it is not verified here.");
        component.Note($"Create Secret {Namespace}/{GitHubAppSecret} (key {GitHubAppCredentialsKey}: a YAML file with appId, clientId, clientSecret, webhookSecret and privateKey, as Backstage's GitHub App integration reads it) from your GitHub App before the portal starts: it reads tenant repositories and dispatches {BackstageCatalog.WorkflowFile}. Sign-in (e.g. the Microsoft auth provider) is configured in the image.");
        component.Note($"Database: kubectl get cluster {DatabaseCluster} -n {Namespace}; credentials live only in Secret {DatabaseAppSecret}, generated by CloudNativePG.");
        if (!component.IsAzure && component.Clusters.Length > 1)
            component.Note($"Existing members: the portal reads only its own cluster (projected service-account token). Add each member to {KubernetesConfigFile} with authProvider oidc (your identity provider's tokens), never a static token.");
        if (component.Clusters.Length > 1)
            component.Note("The portal runs on the first cluster (the fleet's hub) only; its catalog and Kubernetes view span every member.");
    }

    /// <summary>The portal's host: backstage.&lt;domain&gt; under a wildcard gateway hostname, else a name to point at the gateway's address yourself.</summary>
    public static string Hostname(PlatformConfig config) =>
        IsWildcard(config.GatewayHostname) ? $"backstage{config.GatewayHostname![1..]}" : $"backstage.{config.Name}.internal";

    private static bool IsWildcard(string? hostname) => hostname?.StartsWith("*.", StringComparison.Ordinal) == true;

    /// <summary>Keeps an object on the first cluster only (members get no copy), where the portal runs.</summary>
    private static KubernetesResource Primary(ComponentBuilder component, KubernetesResource resource)
    {
        component.Contribute<KubernetesResource>(resource.Name, r => r with { PrimaryOnly = true });
        return resource;
    }

    private static HelmValues Values(ComponentBuilder component, string image, string host)
    {
        var config = component.Config;
        var at = image.IndexOf("@", StringComparison.Ordinal);
        var reference = image[..at];
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        var scheme = config.GatewayHttps && IsWildcard(config.GatewayHostname) ? "https" : "http";
        var appConfig = new Dictionary<string, object?>
        {
            ["app"] = new Dictionary<string, object?> { ["title"] = $"{config.Name} developer portal", ["baseUrl"] = $"{scheme}://{host}" },
            ["organization"] = new Dictionary<string, object?> { ["name"] = config.Name },
            ["backend"] = new Dictionary<string, object?>
            {
                ["baseUrl"] = $"{scheme}://{host}",
                ["listen"] = new Dictionary<string, object?> { ["port"] = BackendPort },
                ["database"] = new Dictionary<string, object?>
                {
                    ["client"] = "pg",
                    // One database (the Cluster's), a schema per plugin: the generated owner cannot create databases.
                    ["pluginDivisionMode"] = "schema",
                    ["connection"] = new Dictionary<string, object?>
                    {
                        ["host"] = "${POSTGRES_HOST}",
                        ["port"] = "${POSTGRES_PORT}",
                        ["user"] = "${POSTGRES_USER}",
                        ["password"] = "${POSTGRES_PASSWORD}",
                        ["database"] = DatabaseName,
                        ["ssl"] = new Dictionary<string, object?> { ["rejectUnauthorized"] = true, ["ca"] = "${POSTGRES_CA}" },
                    },
                },
            },
            ["integrations"] = new Dictionary<string, object?>
            {
                ["github"] = new List<object?>
                {
                    new Dictionary<string, object?>
                    {
                        ["host"] = "github.com",
                        ["apps"] = new List<object?> { new Dictionary<string, object?> { ["$include"] = $"{GitHubAppPath}/{GitHubAppCredentialsKey}" } },
                    },
                },
            },
            ["catalog"] = new Dictionary<string, object?>
            {
                ["rules"] = new List<object?> { new Dictionary<string, object?> { ["allow"] = new List<object?> { "Component", "API", "Resource", "Location" } } },
                ["locations"] = Locations(config),
            },
        };
        var values = HelmValues.From(
            ("backstage.image.registry", reference[..slash]),
            ("backstage.image.repository", reference[(slash + 1)..]),
            // The chart requires a tag; with a digest set, the Bitnami common image helper uses the digest alone.
            ("backstage.image.tag", "pinned-by-digest"),
            ("backstage.image.digest", image[(at + 1)..]),
            ("backstage.replicas", 2),
            ("backstage.pdb.create", true),
            ("backstage.pdb.minAvailable", 1),
            ("backstage.topologySpreadConstraints", new List<object?>
            {
                new Dictionary<string, object?>
                {
                    ["maxSkew"] = 1,
                    ["topologyKey"] = "topology.kubernetes.io/zone",
                    ["whenUnsatisfiable"] = "ScheduleAnyway",
                    ["labelSelector"] = new Dictionary<string, object?> { ["matchLabels"] = new Dictionary<string, object?> { [Pods.Key] = Pods.Value } },
                },
            }),
            ("backstage.resources.requests.cpu", "250m"),
            ("backstage.resources.requests.memory", "512Mi"),
            ("backstage.resources.limits.memory", "1Gi"),
            // Restricted Pod Security: the node image's user (1000), no privilege, read-only root with a writable /tmp.
            ("backstage.podSecurityContext.runAsNonRoot", true),
            ("backstage.podSecurityContext.runAsUser", 1000),
            ("backstage.podSecurityContext.runAsGroup", 1000),
            ("backstage.podSecurityContext.fsGroup", 1000),
            ("backstage.podSecurityContext.seccompProfile.type", "RuntimeDefault"),
            ("backstage.containerSecurityContext.allowPrivilegeEscalation", false),
            ("backstage.containerSecurityContext.readOnlyRootFilesystem", true),
            ("backstage.containerSecurityContext.capabilities.drop", new List<object?> { "ALL" }),
            ("backstage.extraVolumes", new List<object?>
            {
                Volume("catalog", new Dictionary<string, object?> { ["configMap"] = new Dictionary<string, object?> { ["name"] = CatalogConfigMap } }),
                Volume("github-app", new Dictionary<string, object?>
                {
                    ["secret"] = new Dictionary<string, object?>
                    {
                        ["secretName"] = GitHubAppSecret,
                        ["items"] = new List<object?> { new Dictionary<string, object?> { ["key"] = GitHubAppCredentialsKey, ["path"] = GitHubAppCredentialsKey } },
                    },
                }),
                Volume("tmp", new Dictionary<string, object?> { ["emptyDir"] = new Dictionary<string, object?>() }),
            }),
            ("backstage.extraVolumeMounts", new List<object?>
            {
                Mount("catalog", CatalogPath),
                Mount("github-app", GitHubAppPath),
                new Dictionary<string, object?> { ["name"] = "tmp", ["mountPath"] = "/tmp" },
            }),
            ("backstage.extraAppConfig", new List<object?> { new Dictionary<string, object?> { ["filename"] = KubernetesConfigFile, ["configMapRef"] = KubernetesConfigMap } }),
            ("backstage.extraEnvVars", new List<object?>
            {
                Env("POSTGRES_HOST", DatabaseHost),
                Env("POSTGRES_PORT", DatabasePort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                SecretEnv("POSTGRES_USER", DatabaseAppSecret, "username"),
                SecretEnv("POSTGRES_PASSWORD", DatabaseAppSecret, "password"),
                SecretEnv("POSTGRES_CA", DatabaseCaSecret, "ca.crt"),
            }),
            // The chart's --config flags replace the image's defaults: load the image's own files first (the standard
            // Backstage Dockerfile's), then the chart's app-config and the Kubernetes clusters on top.
            ("backstage.args", new List<object?> { "--config", ImageConfigFiles[0], "--config", ImageConfigFiles[1] }),
            ("backstage.appConfig", appConfig),
            ("serviceAccount.create", true),
            ("serviceAccount.name", ServiceAccount),
            // The bundled Bitnami PostgreSQL stays off: the database is the CloudNativePG Cluster.
            ("postgresql.enabled", false),
            // The platform's own policies govern the namespace (PlatformNetworkPolicies and the portal's egress policy).
            ("networkPolicy.enabled", false),
            ("ingress.enabled", false),
            ("httpRoute.enabled", false),
            ("metrics.serviceMonitor.enabled", component.HasMonitoring));
        if (component.IsAzure)
            values = values.With($"backstage.podLabels.\"{WorkloadIdentity.UseLabel}\"", "true");
        return values;
    }

    private static Dictionary<string, object?> Volume(string name, Dictionary<string, object?> source) => new(source) { ["name"] = name };

    private static Dictionary<string, object?> Mount(string name, string path) => new() { ["name"] = name, ["mountPath"] = path, ["readOnly"] = true };

    private static Dictionary<string, object?> Env(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private static Dictionary<string, object?> SecretEnv(string name, string secret, string key) => new()
    {
        ["name"] = name,
        ["valueFrom"] = new Dictionary<string, object?> { ["secretKeyRef"] = new Dictionary<string, object?> { ["name"] = secret, ["key"] = key } },
    };

    /// <summary>
    /// The catalog's locations: the platform's entities and the templates (only those kinds), and each tenant's
    /// GitHub repositories' catalog-info.yaml (apps only: a tenant cannot define groups or templates).
    /// </summary>
    public static List<object?> Locations(PlatformConfig config)
    {
        var locations = new List<object?>
        {
            FileLocation(PlatformCatalogFile, "Domain", "System", "Group"),
            FileLocation(TemplatesCatalogFile, "Template"),
        };
        foreach (var repo in config.Tenants.SelectMany(t => t.Repos).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (BackstageCatalog.GitHub(repo) is { } github)
                locations.Add(new Dictionary<string, object?>
                {
                    ["type"] = "url",
                    // pmctl app new writes the catalog entry at the root of the app's repository, also when its manifests go to
                    // one folder per environment (one Component per app, not one per environment); golden paths build main.
                    ["target"] = github.Blob("main", BackstageCatalog.AppCatalogFile),
                    ["rules"] = new List<object?> { new Dictionary<string, object?> { ["allow"] = new List<object?> { "Component", "API", "Resource" } } },
                });
        }
        return locations;
    }

    private static Dictionary<string, object?> FileLocation(string file, params string[] kinds) => new()
    {
        ["type"] = "file",
        ["target"] = $"{CatalogPath}/{file}",
        ["rules"] = new List<object?> { new Dictionary<string, object?> { ["allow"] = kinds.Cast<object?>().ToList() } },
    };

    /// <summary>The portal's PostgreSQL: two instances, the data storage class, credentials generated by the operator.</summary>
    private static CustomObject Database(ComponentBuilder component)
    {
        var spec = new JsonObject
        {
            ["instances"] = 2,
            ["imageName"] = Pins.BackstagePostgresImage,
            ["bootstrap"] = new JsonObject { ["initdb"] = new JsonObject { ["database"] = DatabaseName, ["owner"] = DatabaseName } },
            ["enableSuperuserAccess"] = false,
            ["storage"] = new JsonObject { ["size"] = "10Gi" },
            ["resources"] = new JsonObject
            {
                ["requests"] = new JsonObject { ["cpu"] = "250m", ["memory"] = "512Mi" },
                ["limits"] = new JsonObject { ["memory"] = "1Gi" },
            },
        };
        if (component.Implements("Advanced Volume Management"))
            spec["storage"]!["storageClass"] = AdvancedVolumeManagement.DataClass;
        if (component.Implements("Advanced Resources Management"))
            spec["priorityClassName"] = AdvancedResourcesManagement.PlatformCritical;
        return new CustomObject
        {
            ApiVersion = $"{PostgresOperator.ApiGroup}/v1",
            Kind = "Cluster",
            Metadata = new V1ObjectMeta { Name = DatabaseCluster, NamespaceProperty = Namespace },
            Spec = spec,
        };
    }

    /// <summary>The catalog files: the platform's entities, and one software template per golden path the level offers.</summary>
    private static V1ConfigMap Catalog(ComponentBuilder component)
    {
        var config = component.Config;
        var data = new Dictionary<string, string>
        {
            [PlatformCatalogFile] = Documents(BackstageCatalog.PlatformEntities(config)),
        };
        if (BackstageCatalog.GitHub(config.GitOps.RepoUrl) is { } platformRepository)
        {
            var installed = InstalledApiGroups.Of(component.Existing<GraphResource>());
            var offered = GoldenPathForms.All.Where(f => f.MinimumLevel <= config.Level).ToLookup(f => f.RunsOn(config.Level, component.Implements, installed.Contains));
            if (offered[false].Any())
                component.Note($"The portal offers no template for {string.Join(", ", offered[false].Select(f => f.Name))}: " +
                    $"{string.Join("; ", offered[false].Select(f => $"{f.Name} needs {string.Join(" and ", f.Requires.Where(r => !r.IsMetBy(component.Implements, installed.Contains)))}"))}, which this platform does not provide (pmctl app new refuses them too).");
            var templates = offered[true].Select(f => BackstageCatalog.Template(f, config, platformRepository, component.InEffect, component.Implements));
            data[TemplatesCatalogFile] = Documents(templates);
            component.AddDocument("PMCTL-APP-NEW.md",
                $"# The workflow the portal's software templates run\n\nCommit this as `.github/workflows/{BackstageCatalog.WorkflowFile}` in {platformRepository.WebUrl} " +
                $"(the platform repository, with pmctl's source and templates/). Each template dispatches it on `{config.GitOps.Revision}` with the form's values; " +
                "it runs `pmctl app new` with the same golden paths a person would, and opens a pull request with the app.\n\n```yaml\n" +
                BackstageCatalog.Workflow(Pins.GoldenPathCi.Checkout) + "```\n");
        }
        else
        {
            data[TemplatesCatalogFile] = "";
            component.Note($"No software templates: they dispatch pmctl app new in the platform repository's GitHub workflow, and {ConfigKeys.GitOps.FullName}.repoUrl is not a GitHub repository (https://github.com/<owner>/<repo>).");
        }
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = CatalogConfigMap, NamespaceProperty = Namespace },
            Data = data,
        };
    }

    private static string Documents(IEnumerable<JsonObject> entities) => string.Join("---\n", entities.Select(Yaml.Of));

    /// <summary>
    /// The Kubernetes plugin's clusters: on azure every AKS member by its API address and CA, signed in as the workload
    /// identity (azure auth provider, tokens for the AKS server application); on existing the portal's own cluster with
    /// its service account's projected token.
    /// </summary>
    private static V1ConfigMap KubernetesClusters(ComponentBuilder component)
    {
        var clusters = new JsonArray();
        if (component.IsAzure)
        {
            foreach (var cluster in component.Clusters)
                clusters.Add(new JsonObject
                {
                    ["name"] = cluster.Key,
                    ["url"] = $"https://{new AzureRef(cluster.AksResource!, AzureOutput.Fqdn).Placeholder}:443",
                    ["caData"] = new AzureRef(cluster.AksResource!, AzureOutput.ClusterCaCertificate).Placeholder,
                    ["authProvider"] = "azure",
                });
        }
        else
        {
            clusters.Add(new JsonObject
            {
                ["name"] = ClusterRef.PrimaryKey,
                ["url"] = "https://kubernetes.default.svc",
                ["caFilePath"] = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt",
                // No serviceAccountToken: the plugin reads the pod's projected token.
                ["authProvider"] = "serviceAccount",
            });
        }
        var appConfig = new JsonObject
        {
            ["kubernetes"] = new JsonObject
            {
                ["serviceLocatorMethod"] = new JsonObject { ["type"] = "multiTenant" },
                ["clusterLocatorMethods"] = new JsonArray(new JsonObject { ["type"] = "config", ["clusters"] = clusters }),
                ["customResources"] = new JsonArray(
                    CustomResource("argoproj.io", "v1alpha1", "applications"),
                    CustomResource("argoproj.io", "v1alpha1", "rollouts")),
            },
        };
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = KubernetesConfigMap, NamespaceProperty = Namespace },
            Data = new Dictionary<string, string> { [KubernetesConfigFile] = Yaml.Of(appConfig) },
        };
    }

    private static JsonObject CustomResource(string group, string version, string plural) => new() { ["group"] = group, ["apiVersion"] = version, ["plural"] = plural };

    private static IEnumerable<AzureRef> ClusterOutputs(ComponentBuilder component) =>
        component.Clusters.SelectMany(c => new[] { new AzureRef(c.AksResource!, AzureOutput.Fqdn), new AzureRef(c.AksResource!, AzureOutput.ClusterCaCertificate) });

    /// <summary>
    /// Read-only rights on what the Kubernetes plugin shows: on azure the built-in AKS RBAC Reader role for the workload
    /// identity on every member; on existing a ClusterRole bound to the portal's service account.
    /// </summary>
    private static void AddReaderRole(ComponentBuilder component)
    {
        if (component.IsAzure)
        {
            // One assignment on the resource group holding every AKS member (they share it): Azure RBAC for Kubernetes
            // (Advanced Access Management) authorises the identity's reads on each Entra-only cluster. An object the
            // members copied would tie them to this component while it reads their addresses (a dependency cycle).
            component.Add(new RoleAssignment
            {
                Name = ReaderAssignment,
                Provenance = component.Provenance,
                Scope = new AzureRef(Foundation.ResourceGroupName, AzureOutput.Id),
                RoleDefinitionName = AksReaderRole,
                PrincipalId = new AzureRef(IdentityName, AzureOutput.PrincipalId),
            });
            return;
        }
        Primary(component, component.AddObject(ReaderClusterRole()));
        Primary(component, component.AddObject(ReaderBinding()));
    }

    private static V1ClusterRole ReaderClusterRole()
    {
        var read = new List<string> { "get", "list", "watch" };
        return new V1ClusterRole
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "ClusterRole",
            Metadata = new V1ObjectMeta { Name = ReaderRole },
            Rules =
            [
                new V1PolicyRule { ApiGroups = [""], Resources = ["pods", "services", "configmaps", "limitranges", "resourcequotas"], Verbs = read },
                new V1PolicyRule { ApiGroups = ["apps"], Resources = ["deployments", "replicasets", "statefulsets", "daemonsets"], Verbs = read },
                new V1PolicyRule { ApiGroups = ["batch"], Resources = ["jobs", "cronjobs"], Verbs = read },
                new V1PolicyRule { ApiGroups = ["autoscaling"], Resources = ["horizontalpodautoscalers"], Verbs = read },
                new V1PolicyRule { ApiGroups = ["networking.k8s.io"], Resources = ["ingresses"], Verbs = read },
                new V1PolicyRule { ApiGroups = ["metrics.k8s.io"], Resources = ["pods"], Verbs = read },
                new V1PolicyRule { ApiGroups = ["argoproj.io"], Resources = ["applications", "rollouts"], Verbs = read },
            ],
        };
    }

    private static V1ClusterRoleBinding ReaderBinding() => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRoleBinding",
        Metadata = new V1ObjectMeta { Name = ReaderRole },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = ReaderRole },
        Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = ServiceAccount, NamespaceProperty = Namespace }],
    };

    /// <summary>The portal's HTTPRoute, and Gateway listeners for its host that admit routes from its namespace only.</summary>
    private static void AddRoute(ComponentBuilder component, string host)
    {
        var config = component.Config;
        var https = config.GatewayHttps && IsWildcard(config.GatewayHostname);
        var gateway = component.Existing<KubernetesResource>()
            .SingleOrDefault(r => r.Cluster == ClusterRef.PrimaryKey && r.Kind == "Gateway" && r.ObjectName == PlatformGateway.GatewayName && r.Namespace == config.IngressNamespace);
        if (gateway is null)
        {
            component.Note($"No platform gateway on this stack: reach the portal with kubectl port-forward -n {Namespace} svc/{ReleaseName} {BackendPort}.");
            return;
        }
        component.ContributeObject<CustomObject>(gateway.Name, g =>
        {
            var listeners = g.Spec!["listeners"]!.AsArray();
            listeners.Add(Listener(HttpListener, "HTTP", 80, host, null));
            if (https)
                listeners.Add(Listener(HttpsListener, "HTTPS", 443, host, new JsonObject
                {
                    ["mode"] = "Terminate",
                    ["certificateRefs"] = new JsonArray(new JsonObject { ["kind"] = "Secret", ["name"] = PlatformGateway.TlsSecretName }),
                }));
        });
        var parents = new JsonArray(Parent(config, HttpListener));
        if (https)
            parents.Add(Parent(config, HttpsListener));
        Primary(component, component.AddObject(new CustomObject
        {
            ApiVersion = $"{PlatformGateway.GatewayApiGroup}/v1",
            Kind = "HTTPRoute",
            Metadata = new V1ObjectMeta { Name = ReleaseName, NamespaceProperty = Namespace },
            Spec = new JsonObject
            {
                ["parentRefs"] = parents,
                ["hostnames"] = new JsonArray(host),
                ["rules"] = new JsonArray(new JsonObject
                {
                    ["matches"] = new JsonArray(new JsonObject { ["path"] = new JsonObject { ["type"] = "PathPrefix", ["value"] = "/" } }),
                    ["backendRefs"] = new JsonArray(new JsonObject { ["name"] = ReleaseName, ["port"] = BackendPort }),
                }),
            },
        }));
    }

    private static JsonObject Listener(string name, string protocol, int port, string host, JsonObject? tls)
    {
        var listener = new JsonObject
        {
            ["name"] = name,
            ["protocol"] = protocol,
            ["port"] = port,
            ["hostname"] = host,
            ["allowedRoutes"] = new JsonObject
            {
                ["namespaces"] = new JsonObject
                {
                    ["from"] = "Selector",
                    ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { [PlatformGateway.NamespaceNameLabel] = Namespace } },
                },
                ["kinds"] = new JsonArray(new JsonObject { ["group"] = PlatformGateway.GatewayApiGroup, ["kind"] = "HTTPRoute" }),
            },
        };
        if (tls is not null)
            listener["tls"] = tls;
        return listener;
    }

    private static JsonObject Parent(PlatformConfig config, string listener) => new()
    {
        ["group"] = PlatformGateway.GatewayApiGroup,
        ["kind"] = "Gateway",
        ["namespace"] = config.IngressNamespace,
        ["name"] = PlatformGateway.GatewayName,
        ["sectionName"] = listener,
    };

    /// <summary>
    /// Who may reach the portal (the gateway's proxies; the CloudNativePG operator its database's status port) and what
    /// the portal may reach: DNS, its database, and HTTPS (GitHub, Entra ID, the members' API servers, in-cluster API).
    /// </summary>
    private static void AddNetworkPolicies(ComponentBuilder component)
    {
        var config = component.Config;
        PlatformNetworkPolicies.AddClientPolicy(component, Namespace, PlatformIngressRule.Of("allow-portal-from-gateway",
            "the platform gateway's proxies route the portal's host to Backstage's backend", IngressSource.PodsIn(config.IngressNamespace, PlatformGateway.ProxyPods),
            [BackendPort], Pods));
        PlatformNetworkPolicies.AddClientPolicy(component, Namespace, PlatformIngressRule.Of("allow-cnpg-operator",
            "the CloudNativePG operator calls each instance manager's status port", IngressSource.PodsIn(PostgresOperator.Namespace, PostgresOperator.OperatorPods),
            [PostgresOperator.InstanceStatusPort], DatabasePods));
        if (!PlatformNetworkPolicies.AppliesTo(component))
            return;
        Primary(component, component.AddObject(new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = EgressPolicy, NamespaceProperty = Namespace },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [Pods.Key] = Pods.Value } },
                PolicyTypes = ["Egress"],
                Egress =
                [
                    new V1NetworkPolicyEgressRule
                    {
                        To = [new V1NetworkPolicyPeer
                        {
                            NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [PlatformGateway.NamespaceNameLabel] = PlatformNamespaces.KubeSystem } },
                            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["k8s-app"] = "kube-dns" } },
                        }],
                        Ports = [new V1NetworkPolicyPort { Protocol = "UDP", Port = 53 }, new V1NetworkPolicyPort { Protocol = "TCP", Port = 53 }],
                    },
                    new V1NetworkPolicyEgressRule
                    {
                        To = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [DatabasePods.Key] = DatabasePods.Value } } }],
                        Ports = [new V1NetworkPolicyPort { Protocol = "TCP", Port = DatabasePort }],
                    },
                    // GitHub, Entra ID and the clusters' API servers have no fixed addresses: HTTPS (and the API server's 6443 on clusters that serve it there) anywhere.
                    new V1NetworkPolicyEgressRule
                    {
                        Ports = [new V1NetworkPolicyPort { Protocol = "TCP", Port = 443 }, new V1NetworkPolicyPort { Protocol = "TCP", Port = 6443 }],
                    },
                ],
            },
        }));
    }
}
