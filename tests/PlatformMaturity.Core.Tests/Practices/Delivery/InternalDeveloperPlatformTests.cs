using System.Text.Json.Nodes;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Tests.Shared;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Delivery;

/// <summary>Internal Developer Platform (Level 5): Backstage by digest, its CloudNativePG database, catalog, templates, identity, route and policies.</summary>
public sealed class InternalDeveloperPlatformTests
{
    private const string Digest = "sha256:4f0c2a9e7d1b3c5a6e8f9d0b1c2a3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d";
    private const string ExistingImage = $"localhost:5001/platform/backstage@{Digest}";

    private static PlatformConfig Stack(string name) =>
        PlatformConfigParser.ParseOrThrow(StackFile.Read(StackFile.PathFor(TestPaths.Stacks, name), name), name);

    private static RawConfig RawStack(string name) => StackFile.Read(StackFile.PathFor(TestPaths.Stacks, name), name);

    private static PlatformConfig Existing5 => Existing(5) with
    {
        BackstageImage = ExistingImage,
        GitOps = GitOpsConfig.Default with { RepoUrl = "https://github.com/acme/platform.git" },
        Tenants = [.. Tenants.Select(t => t with { Repos = [$"https://github.com/acme/{t.Name}-shop.git"] })],
    };

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Without_an_image_no_portal_is_deployed_and_the_stack_is_told_which_key_to_set(DeploymentTarget target)
    {
        var graph = Compose(For(target, 5));
        Assert.False(graph.HasRelease(InternalDeveloperPlatform.ReleaseName));
        Assert.Empty(graph.ComponentOf(InternalDeveloperPlatform.PracticeName).Resources);
        Assert.Contains(graph.ComponentOf(InternalDeveloperPlatform.PracticeName).Notes, n => n.Contains(ConfigKeys.BackstageImage.FullName, StringComparison.Ordinal));
    }

    [Fact]
    public void Backstage_runs_the_configured_image_by_digest_from_the_pinned_chart_without_its_bundled_database()
    {
        var graph = Compose(Existing5);
        var release = graph.Release(InternalDeveloperPlatform.ReleaseName);
        Assert.Equal(Pins.Backstage, release.Chart);
        Assert.Equal(InternalDeveloperPlatform.Namespace, release.Namespace);
        Assert.True(release.PrimaryOnly);
        var image = $"{release.Values.Get("backstage.image.registry")}/{release.Values.Get("backstage.image.repository")}@{release.Values.Get("backstage.image.digest")}";
        Assert.Equal(ExistingImage, image);
        Assert.Equal(false, release.Values.Get("postgresql.enabled"));
        Assert.Equal(true, release.Values.Get("backstage.containerSecurityContext.readOnlyRootFilesystem"));
        Assert.Equal("restricted", graph.Object("Namespace", null, InternalDeveloperPlatform.Namespace).Labels()[PodSecurity.Enforce]);
        Assert.Empty(graph.SchemaErrors());
    }

    [Fact]
    public void The_database_is_a_cloudnative_pg_cluster_whose_generated_secret_is_the_only_place_the_password_lives()
    {
        var graph = Compose(Existing5);
        var cluster = graph.Typed<CustomObject>("Cluster", InternalDeveloperPlatform.Namespace, InternalDeveloperPlatform.DatabaseCluster);
        Assert.Equal($"{PostgresOperator.ApiGroup}/v1", cluster.ApiVersion);
        Assert.Equal(Pins.BackstagePostgresImage, cluster.Spec!["imageName"]!.GetValue<string>());
        Assert.Equal(InternalDeveloperPlatform.DatabaseName, cluster.Spec["bootstrap"]!["initdb"]!["owner"]!.GetValue<string>());
        Assert.Null(cluster.Spec["bootstrap"]!["initdb"]!["secret"]);
        Assert.False(cluster.Spec["enableSuperuserAccess"]!.GetValue<bool>());
        // The operator that reconciles it is in the graph (Golden Paths from Level 4) and the Cluster follows its release.
        Assert.Contains(PostgresOperator.OperatorRelease, graph.Object("Cluster", InternalDeveloperPlatform.Namespace, InternalDeveloperPlatform.DatabaseCluster).DependsOn);

        var release = graph.Release(InternalDeveloperPlatform.ReleaseName);
        var env = Assert.IsAssignableFrom<IEnumerable<object?>>(release.Values.Get("backstage.extraEnvVars")).Cast<HelmValues>().ToList();
        var password = env.Single(e => (string?)e.Get("name") == "POSTGRES_PASSWORD");
        Assert.Null(password.Get("value"));
        Assert.Equal(InternalDeveloperPlatform.DatabaseAppSecret, password.Get("valueFrom.secretKeyRef.name"));
        Assert.Equal(InternalDeveloperPlatform.DatabaseHost, env.Single(e => (string?)e.Get("name") == "POSTGRES_HOST").Get("value"));
        Assert.Equal("${POSTGRES_PASSWORD}", release.Values.Get("backstage.appConfig.backend.database.connection.password"));
    }

    [Fact]
    public void The_catalog_holds_the_platform_a_group_per_tenant_and_a_template_per_golden_path()
    {
        var config = Existing5;
        var graph = Compose(config);
        var catalog = graph.Typed<V1ConfigMap>("ConfigMap", InternalDeveloperPlatform.Namespace, InternalDeveloperPlatform.CatalogConfigMap);
        var entities = YamlDocuments.Parse(catalog.Data[InternalDeveloperPlatform.PlatformCatalogFile]).OfType<JsonObject>().ToList();
        string[] Named(string kind) => [.. entities.Where(e => e["kind"]!.GetValue<string>() == kind).Select(e => e["metadata"]!["name"]!.GetValue<string>())];
        Assert.Equal([BackstageCatalog.PlatformGroup, .. config.Tenants.Select(t => t.Name)], Named("Group"));
        Assert.Equal([config.Name], Named("System"));
        Assert.Equal([config.Name], Named("Domain"));

        var templates = YamlDocuments.Parse(catalog.Data[InternalDeveloperPlatform.TemplatesCatalogFile]).OfType<JsonObject>().ToList();
        Assert.Equal(GoldenPathForms.All.Select(f => f.Name).Order(StringComparer.Ordinal), templates.Select(t => t["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.NotEmpty(templates);
        foreach (var template in templates)
        {
            Assert.Equal(BackstageCatalog.TemplateApiVersion, template["apiVersion"]!.GetValue<string>());
            var step = Assert.Single(template["spec"]!["steps"]!.AsArray())!;
            Assert.Equal(BackstageCatalog.DispatchAction, step["action"]!.GetValue<string>());
            Assert.Equal(BackstageCatalog.WorkflowFile, step["input"]!["workflowId"]!.GetValue<string>());
            Assert.Equal("github.com?owner=acme&repo=platform", step["input"]!["repoUrl"]!.GetValue<string>());
            Assert.Equal(template["metadata"]!["name"]!.GetValue<string>(), step["input"]!["workflowInputs"]![BackstageCatalog.TemplateInput]!.GetValue<string>());
            Assert.Equal(config.Tenants.Select(t => t.Name), template["spec"]!["parameters"]![0]!["properties"]![BackstageCatalog.TenantInput]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        }

        // The workflow the templates dispatch runs pmctl app new with the inputs the templates send.
        var workflow = graph.ComponentOf(InternalDeveloperPlatform.PracticeName).Documents["PMCTL-APP-NEW.md"];
        Assert.Contains("app new \"$NAME\" --template \"$TEMPLATE\" --stack \"$STACK\" --team \"$TENANT\"", workflow, StringComparison.Ordinal);
        foreach (var input in new[] { BackstageCatalog.StackInput, BackstageCatalog.TemplateInput, BackstageCatalog.NameInput, BackstageCatalog.TenantInput, BackstageCatalog.ValuesInput })
            Assert.Contains($"${{{{ inputs.{input} }}}}", workflow, StringComparison.Ordinal);

        var locations = Assert.IsAssignableFrom<IEnumerable<object?>>(graph.Release(InternalDeveloperPlatform.ReleaseName).Values.Get("backstage.appConfig.catalog.locations")).Cast<HelmValues>().ToList();
        Assert.Contains(locations, l => (string?)l.Get("target") == "https://github.com/acme/team-a-shop/blob/main/catalog-info.yaml");
        Assert.Equal(2 + config.Tenants.Length, locations.Count);
    }

    [Fact]
    public void Without_a_github_platform_repository_there_are_no_templates_and_the_stack_says_why()
    {
        var graph = Compose(Existing5 with { GitOps = GitOpsConfig.Default with { RepoUrl = "https://gitlab.example.com/acme/platform.git" } });
        var catalog = graph.Typed<V1ConfigMap>("ConfigMap", InternalDeveloperPlatform.Namespace, InternalDeveloperPlatform.CatalogConfigMap);
        Assert.Equal("", catalog.Data[InternalDeveloperPlatform.TemplatesCatalogFile]);
        Assert.Contains(graph.ComponentOf(InternalDeveloperPlatform.PracticeName).Notes, n => n.StartsWith("No software templates", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_gateway_reaches_the_portal_and_the_portal_reaches_only_dns_its_database_and_https()
    {
        var config = Existing5;
        var graph = Compose(config);
        var fromGateway = graph.Typed<V1NetworkPolicy>("NetworkPolicy", InternalDeveloperPlatform.Namespace, "allow-portal-from-gateway");
        Assert.Equal(InternalDeveloperPlatform.BackendPort.ToString(System.Globalization.CultureInfo.InvariantCulture), fromGateway.Spec.Ingress.Single().Ports.Single().Port.Value);
        Assert.Equal(config.IngressNamespace, fromGateway.Spec.Ingress.Single().FromProperty.Single().NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.Equal("backstage", fromGateway.Spec.PodSelector.MatchLabels["app.kubernetes.io/name"]);

        var egress = graph.Typed<V1NetworkPolicy>("NetworkPolicy", InternalDeveloperPlatform.Namespace, InternalDeveloperPlatform.EgressPolicy);
        Assert.Equal(["Egress"], egress.Spec.PolicyTypes);
        Assert.Equal(["53", "53", "5432", "443", "6443"], egress.Spec.Egress.SelectMany(r => r.Ports).Select(p => p.Port.Value));

        var route = graph.Typed<CustomObject>("HTTPRoute", InternalDeveloperPlatform.Namespace, InternalDeveloperPlatform.ReleaseName);
        Assert.Equal(InternalDeveloperPlatform.Hostname(config), route.Spec!["hostnames"]![0]!.GetValue<string>());
        Assert.Equal(InternalDeveloperPlatform.HttpListener, route.Spec["parentRefs"]![0]!["sectionName"]!.GetValue<string>());
        var gateway = graph.Typed<CustomObject>("Gateway", config.IngressNamespace, PlatformGateway.GatewayName);
        var listener = gateway.Spec!["listeners"]!.AsArray().Single(l => l!["name"]!.GetValue<string>() == InternalDeveloperPlatform.HttpListener)!;
        Assert.Equal(InternalDeveloperPlatform.Hostname(config), listener["hostname"]!.GetValue<string>());
        Assert.Equal(InternalDeveloperPlatform.Namespace, listener["allowedRoutes"]!["namespaces"]!["selector"]!["matchLabels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
        // The shared listeners still admit tenant routes only.
        Assert.DoesNotContain(gateway.Spec["listeners"]!.AsArray().Where(l => l!["name"]!.GetValue<string>() == PlatformGateway.HttpListener),
            l => l!.ToJsonString().Contains(InternalDeveloperPlatform.Namespace, StringComparison.Ordinal));
    }

    [Fact]
    public void A_wildcard_gateway_hostname_gives_the_portal_an_https_listener_under_it()
    {
        var config = Existing5 with { GatewayHostname = "*.apps.example.com", GatewayClusterIssuer = "letsencrypt" };
        var graph = Compose(config);
        Assert.Equal("backstage.apps.example.com", InternalDeveloperPlatform.Hostname(config));
        var route = graph.Typed<CustomObject>("HTTPRoute", InternalDeveloperPlatform.Namespace, InternalDeveloperPlatform.ReleaseName);
        Assert.Equal([InternalDeveloperPlatform.HttpListener, InternalDeveloperPlatform.HttpsListener], route.Spec!["parentRefs"]!.AsArray().Select(p => p!["sectionName"]!.GetValue<string>()));
        Assert.Equal("https://backstage.apps.example.com", graph.Release(InternalDeveloperPlatform.ReleaseName).Values.Get("backstage.appConfig.app.baseUrl"));
        Assert.Empty(graph.SchemaErrors());
    }

    [Fact]
    public void On_existing_the_kubernetes_plugin_reads_its_cluster_with_the_projected_service_account_token()
    {
        var graph = Compose(Existing5);
        var config = graph.Typed<V1ConfigMap>("ConfigMap", InternalDeveloperPlatform.Namespace, InternalDeveloperPlatform.KubernetesConfigMap);
        var cluster = YamlDocuments.ParseSingle(config.Data[InternalDeveloperPlatform.KubernetesConfigFile])!["kubernetes"]!["clusterLocatorMethods"]![0]!["clusters"]!.AsArray().Single()!;
        Assert.Equal("serviceAccount", cluster["authProvider"]!.GetValue<string>());
        Assert.Null(cluster["serviceAccountToken"]);
        var binding = graph.Typed<V1ClusterRoleBinding>("ClusterRoleBinding", null, InternalDeveloperPlatform.ReaderRole);
        Assert.Equal(InternalDeveloperPlatform.ServiceAccount, binding.Subjects.Single().Name);
        var role = graph.Typed<V1ClusterRole>("ClusterRole", null, InternalDeveloperPlatform.ReaderRole);
        Assert.All(role.Rules, r => Assert.Equal(["get", "list", "watch"], r.Verbs));
        Assert.DoesNotContain(role.Rules, r => r.Resources.Contains("secrets"));
    }

    [Fact]
    public void On_azure_the_portal_reads_every_entra_only_member_as_its_workload_identity_and_runs_on_the_first_cluster_only()
    {
        var config = Stack("l5-azure");
        var graph = Compose(config);
        Assert.Equal(3, graph.Clusters.Length);
        // One portal, on the first cluster; members get no copy of it or of its database.
        Assert.Single(graph.Resources.OfType<HelmRelease>(), r => r.ReleaseName == InternalDeveloperPlatform.ReleaseName);
        Assert.Single(graph.Resources.OfType<KubernetesResource>(), r => r.Kind == "Cluster" && r.ObjectName == InternalDeveloperPlatform.DatabaseCluster);
        var release = graph.Release(InternalDeveloperPlatform.ReleaseName);
        Assert.Equal(new AzureRef(InternalDeveloperPlatform.IdentityName, AzureOutput.ClientId), release.ValuesFromAzure["serviceAccount.annotations.\"azure.workload.identity/client-id\""]);
        Assert.Equal("true", release.Values.Get("backstage.podLabels.\"azure.workload.identity/use\""));
        var federation = Assert.IsType<FederatedIdentityCredential>(graph.Resource(InternalDeveloperPlatform.FederationName));
        Assert.Equal($"system:serviceaccount:{InternalDeveloperPlatform.Namespace}:{InternalDeveloperPlatform.ServiceAccount}", federation.Subject);
        Assert.True(federation.PrimaryOnly);
        Assert.Single(graph.Resources.OfType<FederatedIdentityCredential>(), f => f.Identity == InternalDeveloperPlatform.IdentityName);

        var assignment = Assert.IsType<RoleAssignment>(graph.Resource(InternalDeveloperPlatform.ReaderAssignment));
        Assert.Equal(InternalDeveloperPlatform.AksReaderRole, assignment.RoleDefinitionName);
        Assert.Equal(new AzureRef(InternalDeveloperPlatform.IdentityName, AzureOutput.PrincipalId), assignment.PrincipalId);
        // Every member is an AKS cluster of the resource group the assignment covers.
        Assert.All(graph.Resources.OfType<KubernetesCluster>(), c => Assert.Equal(assignment.Scope.Resource, c.ResourceGroup));

        var kubernetes = graph.Object("ConfigMap", InternalDeveloperPlatform.Namespace, InternalDeveloperPlatform.KubernetesConfigMap);
        var clusters = YamlDocuments.ParseSingle(((V1ConfigMap)kubernetes.Object).Data[InternalDeveloperPlatform.KubernetesConfigFile])!["kubernetes"]!["clusterLocatorMethods"]![0]!["clusters"]!.AsArray();
        Assert.Equal(graph.Clusters.Select(c => c.Key), clusters.Select(c => c!["name"]!.GetValue<string>()));
        Assert.All(clusters, c => Assert.Equal("azure", c!["authProvider"]!.GetValue<string>()));
        Assert.DoesNotContain(clusters, c => c!.AsObject().ContainsKey("serviceAccountToken"));
        Assert.Equal(graph.Clusters.Select(c => new AzureRef(c.AksResource!, AzureOutput.Fqdn).Placeholder),
            clusters.Select(c => c!["url"]!.GetValue<string>()[8..^4]));
        Assert.All(graph.Clusters, c => Assert.Contains(new AzureRef(c.AksResource!, AzureOutput.Fqdn), kubernetes.TextFromAzure));
        Assert.Empty(graph.SchemaErrors());
    }

    [Fact]
    public void The_image_key_takes_a_digest_reference_from_an_allowed_registry_at_level_5_and_refuses_anything_else()
    {
        var raw = RawStack("l5-existing");
        Assert.True(PlatformConfigParser.Parse(raw).IsValid);
        string Problem(RawConfig r) => Assert.Single(PlatformConfigParser.Parse(r).Problems, p => p.Key == ConfigKeys.BackstageImage.FullName).Message;

        Assert.Contains("by digest", Problem(raw.With(ConfigKeys.BackstageImage, "localhost:5001/platform/backstage:1.2.3")), StringComparison.Ordinal);
        Assert.Contains("by digest", Problem(raw.With(ConfigKeys.BackstageImage, $"backstage/backstage@{Digest}")), StringComparison.Ordinal);
        Assert.Contains("not from an allowed registry", Problem(raw.With(ConfigKeys.BackstageImage, $"ghcr.io/backstage/backstage@{Digest}")), StringComparison.Ordinal);
        Assert.True(PlatformConfigParser.Parse(raw.With(ConfigKeys.AllowedRegistries, new JsonArray("ghcr.io/backstage"))
            .With(ConfigKeys.BackstageImage, $"ghcr.io/backstage/backstage@{Digest}")).IsValid);
        Assert.Contains("needs Level 5", Problem(RawStack("l4-existing").With(ConfigKeys.BackstageImage, ExistingImage)), StringComparison.Ordinal);

        var azure = RawStack("l5-azure");
        Assert.True(PlatformConfigParser.Parse(azure).IsValid);
        Assert.Contains("not from an allowed registry", Problem(azure.With(ConfigKeys.BackstageImage, $"registry.example.com/backstage@{Digest}")), StringComparison.Ordinal);
    }
}
