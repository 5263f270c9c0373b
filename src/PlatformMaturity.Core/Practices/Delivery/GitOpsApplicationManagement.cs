using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.GitOps;
using PlatformMaturity.Graph;
using PlatformMaturity.Practices.Security;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// Levels 4–5: every tenant delivers through Argo CD within its own AppProject — source repositories from its
/// platform:tenants entry, destinations only its namespace (from Level 5 also the ones it creates, &lt;tenant&gt;-*), no cluster-scoped kinds, no overriding the platform's
/// guardrails (quota, limits, network policies), orphaned resources reported — and an ApplicationSet that gives each of
/// its repositories an Application. Golden paths emit the same Application (gitops/application.yaml) in the project.
/// </summary>
public sealed class GitOpsApplicationManagement : PracticeComponent
{
    /// <summary>Namespaced kinds a tenant's Applications may not create: the platform owns them in tenant namespaces.</summary>
    public static readonly (string Group, string Kind)[] PlatformOwnedKinds =
        [("", "ResourceQuota"), ("", "LimitRange"), ("networking.k8s.io", "NetworkPolicy")];

    public const string PracticeName = "GitOps Application Management";

    public static readonly string ComponentId = Model.PracticeNames.Slug(PracticeName);

    public override string Practice => PracticeName;

    public override Implementation Implementation => Implementation.OnBothTargets(
        "Per tenant an Argo CD AppProject (source repositories from platform:tenants[].repos, destination only the tenant's namespace (from Level 5 also <tenant>-*, the namespaces its team creates through Capsule), no cluster-scoped kinds, no ResourceQuota/LimitRange/NetworkPolicy, orphaned-resource warnings) and an ApplicationSet giving each of its repositories an Application; golden paths emit the Application in the tenant's project");

    public override string? NotApplicableReason(DeploymentTarget target) => null;

    public override void Build(ComponentBuilder component)
    {
        if (!component.Implements(GitOpsDelivery.Practice))
            throw new InvalidOperationException($"{Practice} needs {GitOpsDelivery.Practice} (Argo CD) in the same level");
        // Level 5: the fleet's hub places every tenant's apps on the members by their labels, so its ApplicationSets
        // live on the hub only (a member's own Argo CD would place them a second time).
        var hub = Practices.Availability.FleetHub.Places(component);
        foreach (var tenant in component.Config.Tenants)
        {
            component.AddObject(Project(component.Config, tenant, hub));
            if (!tenant.Repos.IsEmpty)
                component.AddObject(Apps(component.Config, tenant, hub), primaryOnly: hub);
            else
                component.Note($"Tenant {tenant.Name} lists no repos: its AppProject admits no source until platform:tenants[].repos names them.");
        }
        component.Note("A team's Applications: kubectl get applications -n argocd -l platform.maturity/tenant=<tenant>; what Argo CD would prune: argocd app get <app> --show-operation");
    }

    /// <summary>Name of a tenant's AppProject: the tenant's name, which golden paths use as spec.project.</summary>
    public static string ProjectName(Tenant tenant) => tenant.Name;

    public static string AppsName(Tenant tenant) => $"{tenant.Name}-apps";

    private static CustomObject Project(PlatformConfig config, Tenant tenant, bool hub)
    {
        // From Level 5 the tenant's namespaces include those its team creates through Capsule, named <tenant>-*: Argo CD
        // matches destination namespaces as globs (AppProject.isDestinationMatched, argo-cd v3.4.4), and the config parser
        // refuses a tenant whose glob would match another tenant's or a platform namespace.
        var namespaces = Namespaces(config, tenant);
        var destinations = new JsonArray([.. namespaces.Select(ns => (JsonNode)new JsonObject { ["server"] = GitOpsBridge.InClusterServer, ["namespace"] = ns })]);
        // On the hub: every member by its registered name, the tenant's namespaces only. Placement picks among them (general
        // apps never on a capability member); the project admits all, since a GPU golden path targets the GPU member. The
        // first member is listed too: the members' copies of the project serve the standby, which registers the hub by name.
        if (hub)
        {
            foreach (var member in config.Members)
                foreach (var ns in namespaces)
                    destinations.Add(new JsonObject { ["name"] = member.Name, ["namespace"] = ns });
        }
        var spec = new JsonObject
        {
            ["description"] = namespaces.Count > 1
                ? $"Applications of tenant {tenant.Name}: only its repositories, only its namespaces ({string.Join(", ", namespaces)})"
                : $"Applications of tenant {tenant.Name}: only its repositories, only its namespace",
            ["sourceRepos"] = new JsonArray([.. tenant.Repos.Select(r => (JsonNode)JsonValue.Create(r)!)]),
            ["destinations"] = destinations,
            // No cluster-scoped kinds at all: an empty whitelist denies every one.
            ["clusterResourceWhitelist"] = new JsonArray(),
            ["namespaceResourceBlacklist"] = new JsonArray([.. PlatformOwnedKinds.Select(k => (JsonNode)new JsonObject { ["group"] = k.Group, ["kind"] = k.Kind })]),
            ["orphanedResources"] = new JsonObject { ["warn"] = true },
        };
        ExtendedDeliveryProcesses.ApplySyncWindows(config, spec);
        return new CustomObject
        {
            ApiVersion = "argoproj.io/v1alpha1",
            Kind = "AppProject",
            Metadata = new V1ObjectMeta
            {
                Name = ProjectName(tenant),
                NamespaceProperty = GitOpsPlatformManagement.Namespace,
                Labels = new Dictionary<string, string> { [TenantLabel] = tenant.Name },
            },
            Spec = spec,
        };
    }

    public const string TenantLabel = "platform.maturity/tenant";

    /// <summary>The destination namespaces of a tenant's project: its own, and from Level 5 the glob of those it creates.</summary>
    public static IReadOnlyList<string> Namespaces(PlatformConfig config, Tenant tenant) =>
        KubernetesLandingZone.SelfServiceNamespaces(config) ? [tenant.Name, TenantNamespaces.Glob(tenant.Name)] : [tenant.Name];

    /// <summary>One Application per repository of the tenant, in its project and namespace (repository root, as golden paths lay it out).</summary>
    private static CustomObject Apps(PlatformConfig config, Tenant tenant, bool hub)
    {
        var repos = new JsonObject
        {
            ["list"] = new JsonObject
            {
                ["elements"] = new JsonArray([.. tenant.Repos.Select(r => (JsonNode)new JsonObject { ["repoURL"] = r, ["app"] = RepoName(r) })]),
            },
        };
        // On the hub: each repository on each member the placement selects (matrix of the two), named per member.
        var generator = hub
            ? new JsonObject { ["matrix"] = new JsonObject { ["generators"] = new JsonArray(repos, Practices.Availability.FleetHub.TenantPlacement(config)) } }
            : repos;
        var destination = hub
            ? new JsonObject { ["name"] = "{{ .name }}", ["namespace"] = tenant.Name }
            : new JsonObject { ["server"] = GitOpsBridge.InClusterServer, ["namespace"] = tenant.Name };
        var name = hub ? $"{tenant.Name}-{{{{ .app }}}}-{Practices.Availability.FleetHub.MemberTemplate}" : $"{tenant.Name}-{{{{ .app }}}}";
        return Apps(config, tenant, generator, name, destination);
    }

    private static CustomObject Apps(PlatformConfig config, Tenant tenant, JsonObject generator, string name, JsonObject destination) => new()
    {
        ApiVersion = "argoproj.io/v1alpha1",
        Kind = "ApplicationSet",
        Metadata = new V1ObjectMeta
        {
            Name = AppsName(tenant),
            NamespaceProperty = GitOpsPlatformManagement.Namespace,
            Labels = new Dictionary<string, string> { [TenantLabel] = tenant.Name },
        },
        Spec = new JsonObject
        {
            ["goTemplate"] = true,
            ["goTemplateOptions"] = new JsonArray("missingkey=error"),
            ["generators"] = new JsonArray(generator),
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["labels"] = new JsonObject { [TenantLabel] = tenant.Name },
                    ["annotations"] = ExtendedDeliveryProcesses.NotificationAnnotations(config, tenant),
                },
                ["spec"] = new JsonObject
                {
                    ["project"] = ProjectName(tenant),
                    ["source"] = new JsonObject { ["repoURL"] = "{{ .repoURL }}", ["targetRevision"] = "HEAD", ["path"] = "." },
                    ["destination"] = destination,
                    ["syncPolicy"] = GitOpsPlatformManagement.SyncPolicy(serverSideApply: false),
                },
            },
        },
    };

    /// <summary>The repository's name (last path segment without .git), lowercase: the app part of its Application's name.</summary>
    public static string RepoName(string url)
    {
        var last = url.TrimEnd('/').Split('/')[^1];
        var name = (last.EndsWith(".git", StringComparison.Ordinal) ? last[..^4] : last).ToLowerInvariant();
        return string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-');
    }
}
