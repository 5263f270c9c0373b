using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.GitOps;
using PlatformMaturity.Graph;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// Levels 4–5 (listed under Security and Availability; one component): Pulumi bootstraps Argo CD in HA and one root
/// Application pointing at platform:gitops; from then on Argo CD applies the platform's Kubernetes objects from the tree
/// pmctl render --gitops writes (see <see cref="GitOpsDelivery"/>), with cloud outputs passed through the bridge
/// annotations of the in-cluster cluster Secret (<see cref="GitOpsBridge"/>).
/// </summary>
/// <remarks>
/// Topology: one Argo CD per cluster of platform:clusters (the first cluster's is this component; each member gets its
/// copy in its cluster-&lt;member&gt; component like every other platform object), each applying only its own cluster
/// (in-cluster, no remote credentials) from its folder of the same repository (<see cref="GitOpsTree.ClusterFolder"/>).
/// Why not one hub on the first cluster: Level 4's clusters exist so that losing one (its region) leaves the others
/// serving; a hub would make every member's delivery, self-healing and rollback depend on the first cluster's region,
/// and would need a credential for each member's API server that Pulumi would have to mint on one cluster and carry
/// into another. Level 5's fleet hub (Practices/Availability/FleetHub.cs) keeps these instances applying their clusters'
/// platform components, so the live objects never change applier again (4→5 needs no second hand-over); the hub on the
/// first member places the tenants' apps on the members by label, signing in with an Entra workload identity.
/// Chart values checked against argoproj/argo-helm tag argo-cd-10.1.1 (af0a9310bacbaa4636018dfe22c801a6d33a5c43),
/// charts/argo-cd/values.yaml and templates: configs.cm/rbac/params are pass-through maps (_helpers.tpl argo-cd.config.cm
/// and argo-cd.config.params, argocd-rbac-cm.yaml omit create/annotations and write every other key), notifications'
/// notifiers/triggers/templates are written as they are into argocd-notifications-cm, and applicationSet.replicas &gt; 1
/// turns the ApplicationSet controller's leader election on (params presets). redis-ha (subchart 4.38.0, DandyDeveloper/charts
/// charts/redis-ha templates/redis-ha-statefulset.yaml and redis-haproxy-deployment.yaml) defaults to hard anti-affinity
/// (hardAntiAffinity: true, per pod group: required podAntiAffinity on kubernetes.io/hostname), so its 3 Redis and 3 HAProxy
/// pods need 3 schedulable nodes or stay Pending, and Argo CD waits on them. The pool Argo CD runs on keeps only 2 nodes
/// (platform:userNodeMinCount on azure, a member's own pool, or an existing cluster of any size), and 3 nodes of a GPU
/// member's pool would cost GPUs for a cache. So the anti-affinity is preferred instead, with Redis spread across zones
/// (topologySpreadConstraints, ScheduleAnyway): with 3 or more nodes the pods still land on 3 nodes; with fewer they share
/// one, and losing that node costs Argo CD a cache rebuild, not data or syncs (Argo CD's HA docs: Redis is a throw-away
/// cache, rebuilt without loss of service).
/// </remarks>
public sealed class GitOpsPlatformManagement : PracticeComponent
{
    public const string Namespace = "argocd";
    public const string ReleaseName = "argocd";
    public const string RootApplication = "platform";
    public const string PlatformProject = "platform";
    public const string RepoSecret = "platform-gitops-repo";

    /// <summary>The argocd-cm key of the Application health check, without which sync waves between child Applications do not wait (Argo CD 1.8+).</summary>
    public const string ApplicationHealthKey = "resource.customizations.health.argoproj.io_Application";

    /// <summary>Lua health check of Applications (Argo CD docs, "App of Apps" sync waves): an Application is as healthy as its status says.</summary>
    public const string ApplicationHealthLua = """
        hs = {}
        hs.status = "Progressing"
        hs.message = ""
        if obj.status ~= nil then
          if obj.status.health ~= nil then
            hs.status = obj.status.health.status
            if obj.status.health.message ~= nil then
              hs.message = obj.status.health.message
            end
          end
        end
        return hs
        """;

    /// <summary>API kinds the Argo CD chart installs CRDs for (argoproj.io is shared with Argo Rollouts, so by kind).</summary>
    public static readonly ImmutableArray<string> ProvidedKinds = ["argoproj.io/Application", "argoproj.io/ApplicationSet", "argoproj.io/AppProject"];

    public override string Practice => GitOpsDelivery.Practice;

    public override Implementation Implementation => Implementation.OnBothTargets(
        $"Argo CD (chart {Pins.ArgoCd.Version}) bootstrapped by Pulumi in HA (redis-ha, 2 server, 2 repo-server and 2 ApplicationSet replicas with PodDisruptionBudgets, RBAC default role:readonly, admin user off once platform:gitops.oidc is set), one root Application '{RootApplication}' on platform:gitops repoUrl/path/revision; pmctl render --gitops writes the tree it syncs: one Application per platform component in sync waves of the graph's order (ApplicationSets over the cluster Secret where cloud outputs are needed), the hand-over from Pulumi staged until pmctl upgrade --promote");

    public override void Build(ComponentBuilder component)
    {
        var config = component.Config;
        var gitops = config.GitOps;
        component.AddPlatformNamespace(Namespace);
        // Level 5 fleet on azure: Argo CD is the hub and reaches the members as its own Entra identity (FleetHub).
        var hub = Practices.Availability.FleetHub.HasIdentity(component);
        var release = component.AddRelease(ReleaseName, Namespace, Pins.ArgoCd,
            hub ? Practices.Availability.FleetHub.IdentityValues(Values(config)) : Values(config),
            providesApiGroups: ProvidedKinds, createNamespace: false,
            valuesFromAzure: hub ? Practices.Availability.FleetHub.IdentityValuesFromAzure : null);

        component.AddObject(ClusterSecret(component), dependsOn: [release.Name]);
        component.Note("Argo CD's Redis (redis-ha: 3 Redis with Sentinel, 3 HAProxy) prefers separate nodes and zones but does not require them, so it schedules on 2 nodes too; " +
            "with fewer than 3 nodes in the pool it runs on, losing a node costs a cache rebuild, not syncs. See where they run: kubectl get pods -n argocd -o wide | grep redis-ha");
        component.Note(config.Members.Length > 1
            ? $"Topology: one Argo CD per cluster ({string.Join(", ", config.Members.Select(m => m.Name))}), each applying only its own cluster from its folder of the GitOps tree, so losing one cluster's region never stops delivery to the others; Level 5's hub keeps them as its spokes, so 4→5 needs no second hand-over."
            : "Topology: one Argo CD per cluster, applying only its own cluster; clusters added to platform:clusters get their own, and Level 5's hub keeps them as its spokes, so 4→5 needs no second hand-over.");
        if (!gitops.HandsOver)
        {
            component.Note($"No hand-over yet: set {ConfigKeys.GitOps.FullName}.repoUrl, push the tree of pmctl render {config.Stack} --gitops <repo>/{gitops.Path} and run pulumi up; until then Pulumi applies every component.");
            return;
        }
        if (gitops.RepoUsername is not null)
            AddRepositorySecret(component, gitops);
        component.AddObject(Project(component), dependsOn: [release.Name]);
        // While the hand-over is staged the root Application syncs on demand: Argo CD adopts the live objects when the
        // operator syncs it after pushing the tree (the plan's hand-over steps); promoted, it syncs automatically.
        component.AddObject(Root(gitops, automated: !component.IsStaged(Enforcements.GitOpsHandOver)), dependsOn: [release.Name]);
        component.Note($"Argo CD syncs {gitops.RepoUrl} {gitops.Path}@{gitops.Revision}: write it with pmctl render {config.Stack} --gitops <checkout>/{gitops.Path}, commit and push; watch with argocd app get {RootApplication} or kubectl get applications -n {Namespace}.");
        component.Note("Applications carry no resources-finalizer: deleting one never deletes the workloads it applied.");
    }

    private static HelmValues Values(PlatformConfig config)
    {
        var oidc = config.GitOps.Oidc;
        var values = HelmValues.From(
            ("crds.keep", true),
            ("configs.params.\"server.insecure\"", false),
            ("configs.cm.\"exec.enabled\"", false),
            // Without SSO the admin user is the only way in; once OIDC is configured it is switched off.
            ("configs.cm.\"admin.enabled\"", oidc is null),
            ($"configs.cm.\"{ApplicationHealthKey}\"", ApplicationHealthLua),
            ("configs.rbac.\"policy.default\"", "role:readonly"),
            ("configs.rbac.scopes", "[groups]"),
            ("redis-ha.enabled", true),
            // Preferred, not required, anti-affinity: see the remarks (3 nodes are not guaranteed; Redis is a cache).
            ("redis-ha.hardAntiAffinity", false),
            ("redis-ha.haproxy.hardAntiAffinity", false),
            ("redis-ha.topologySpreadConstraints.enabled", true),
            ("controller.replicas", 1),
            ("server.replicas", 2),
            ("server.pdb.enabled", true),
            ("server.pdb.minAvailable", 1),
            ("repoServer.replicas", 2),
            ("repoServer.pdb.enabled", true),
            ("repoServer.pdb.minAvailable", 1),
            ("applicationSet.replicas", 2),
            ("applicationSet.pdb.enabled", true),
            ("applicationSet.pdb.minAvailable", 1),
            ("dex.enabled", false));
        if (oidc is not null)
        {
            values = values.With("configs.cm.\"oidc.config\"", Rendering.Yaml.OfPlain(new Dictionary<string, object>
            {
                ["name"] = "SSO",
                ["issuer"] = oidc.Issuer,
                ["clientID"] = oidc.ClientId,
                ["enablePKCEAuthentication"] = true,
                ["requestedScopes"] = new[] { "openid", "profile", "email", "groups" },
            }));
            if (oidc.AdminGroup is { } admins)
                values = values.With("configs.rbac.\"policy.csv\"", $"g, {admins}, role:admin\n");
        }
        return values;
    }

    /// <summary>
    /// The in-cluster cluster Secret: Argo CD's own cluster, labelled for the ApplicationSets' cluster generators and
    /// annotated with every cloud output the GitOps tree reads (the bridge; values set by the Pulumi host on azure).
    /// </summary>
    private static V1Secret ClusterSecret(ComponentBuilder component) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta
        {
            Name = GitOpsBridge.ClusterSecretName,
            NamespaceProperty = Namespace,
            Labels = new Dictionary<string, string>
            {
                [GitOpsBridge.SecretTypeLabel] = "cluster",
                [GitOpsBridge.ClusterLabel] = ClusterRef.PrimaryKey,
                [GitOpsBridge.PlatformLabel] = component.Config.Name,
            },
        },
        Type = "Opaque",
        StringData = new Dictionary<string, string>
        {
            ["name"] = GitOpsBridge.InClusterName,
            ["server"] = GitOpsBridge.InClusterServer,
            ["config"] = "{\"tlsClientConfig\":{\"insecure\":false}}",
        },
    };

    /// <summary>Argo CD's credentials for the platform repository: the password from secret stack config, never in Git or plain config.</summary>
    private static void AddRepositorySecret(ComponentBuilder component, GitOpsConfig gitops)
    {
        component.Add(new ConfigSecret
        {
            Name = $"secret-{Namespace}-{RepoSecret}",
            Provenance = component.Provenance,
            Cluster = ClusterRef.PrimaryKey,
            Namespace = Namespace,
            SecretName = RepoSecret,
            Keys = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("password", ConfigKeys.GitOpsRepoPassword.FullName)]),
            Literals = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            [
                KeyValuePair.Create("type", "git"),
                KeyValuePair.Create("url", gitops.RepoUrl!),
                KeyValuePair.Create("username", gitops.RepoUsername!),
            ]),
            Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("argocd.argoproj.io/secret-type", "repository")]),
        });
        if (!component.Config.HasSecret(ConfigKeys.GitOpsRepoPassword))
            component.Note($"Before pulumi up: pulumi config set --secret {ConfigKeys.GitOpsRepoPassword.FullName} <token> --stack {component.Config.Stack}");
    }

    /// <summary>The project of the platform's own Applications: the platform repository and the charts' repositories, any namespace.</summary>
    private static CustomObject Project(ComponentBuilder component) => new()
    {
        ApiVersion = "argoproj.io/v1alpha1",
        Kind = "AppProject",
        Metadata = new V1ObjectMeta { Name = PlatformProject, NamespaceProperty = Namespace },
        Spec = new JsonObject
        {
            ["description"] = "The platform's components, applied from the tree pmctl render --gitops writes",
            ["sourceRepos"] = new JsonArray([.. PlatformSourceRepos(component).Select(r => JsonValue.Create(r))]),
            ["destinations"] = new JsonArray(new JsonObject { ["server"] = GitOpsBridge.InClusterServer, ["namespace"] = "*" }),
            ["clusterResourceWhitelist"] = new JsonArray(new JsonObject { ["group"] = "*", ["kind"] = "*" }),
            ["orphanedResources"] = new JsonObject { ["warn"] = true },
        },
    };

    /// <summary>
    /// The platform repository and the repository of every chart pinned in <see cref="Pins"/>: multi-source Applications
    /// read the chart from there, and only pinned charts are admitted.
    /// </summary>
    public static IEnumerable<string> PlatformSourceRepos(ComponentBuilder component) =>
        new[] { component.Config.GitOps.RepoUrl! }
            .Concat(typeof(Pins).GetFields().Where(f => f.FieldType == typeof(HelmChart)).Select(f => ChartRepository((HelmChart)f.GetValue(null)!)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    /// <summary>Repository URL of a chart as Argo CD's source repoURL takes it (an OCI chart: its registry path without the chart).</summary>
    public static string ChartRepository(HelmChart chart) =>
        chart.IsOci ? chart.Name["oci://".Length..chart.Name.LastIndexOf('/')] : chart.Repository;

    private static CustomObject Root(GitOpsConfig gitops, bool automated) => new()
    {
        ApiVersion = "argoproj.io/v1alpha1",
        Kind = "Application",
        Metadata = new V1ObjectMeta { Name = RootApplication, NamespaceProperty = Namespace },
        Spec = new JsonObject
        {
            ["project"] = PlatformProject,
            ["source"] = new JsonObject { ["repoURL"] = gitops.RepoUrl, ["path"] = gitops.Path, ["targetRevision"] = gitops.Revision },
            ["destination"] = new JsonObject { ["server"] = GitOpsBridge.InClusterServer, ["namespace"] = Namespace },
            ["syncPolicy"] = SyncPolicy(serverSideApply: false, automated),
        },
    };

    /// <summary>Automated sync with self-heal and pruning, retried with back-off; server-side apply where a chart's objects need it.</summary>
    public static JsonObject SyncPolicy(bool serverSideApply, bool automated = true)
    {
        var options = new JsonArray("CreateNamespace=false", "PruneLast=true");
        if (serverSideApply)
            options.Add("ServerSideApply=true");
        var policy = new JsonObject
        {
            ["syncOptions"] = options,
            ["retry"] = new JsonObject
            {
                ["limit"] = 5,
                ["backoff"] = new JsonObject { ["duration"] = "10s", ["factor"] = 2, ["maxDuration"] = "5m" },
            },
        };
        if (automated)
            policy.Insert(0, "automated", new JsonObject { ["prune"] = true, ["selfHeal"] = true });
        return policy;
    }
}
