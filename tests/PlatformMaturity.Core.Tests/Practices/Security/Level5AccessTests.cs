using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Practices.Security;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>Identity-based Access Control, Advanced Access Management and Zero Trust Environment (Level 5).</summary>
public sealed partial class Level5AccessTests
{
    private const string TeamAGroup = "0a0a0a0a-0000-4000-8000-00000000000a";
    private const string TeamBGroup = "0b0b0b0b-0000-4000-8000-00000000000b";
    private const string Auditors = "0c0c0c0c-0000-4000-8000-00000000000c";
    private const string Elevation = "0d0d0d0d-0000-4000-8000-00000000000d";

    private static PlatformConfig Azure5 => Azure(5) with
    {
        Tenants =
        [
            new("team-a", TeamAGroup, TenantTier.Small) { WorkloadIdentities = ["billing-api", "reports"] },
            new("team-b", TeamBGroup, TenantTier.Large),
        ],
        AuditorGroup = Auditors,
        ElevationGroup = Elevation,
        ApiServerAuthorizedIpRanges = ["203.0.113.0/24"],
    };

    private static PlatformConfig Existing5 => Existing(5) with
    {
        BackupLocation = new BackupLocation("backups", "eu-west-1", null, "arn:aws:iam::123456789012:role/velero"),
        AuditorGroup = "auditors",
        ElevationGroup = "operators",
    };

    [Fact]
    public void On_azure_each_tenant_service_account_that_asks_gets_its_own_federated_identity()
    {
        var graph = Compose(Azure5);
        Assert.True(graph.Cluster().OidcIssuerEnabled);
        Assert.True(graph.Cluster().WorkloadIdentityEnabled);
        foreach (var sa in new[] { "billing-api", "reports" })
        {
            var identity = IdentityBasedAccessControl.IdentityName("team-a", sa);
            Assert.IsType<UserAssignedIdentity>(graph.Resource(identity));
            var federation = Assert.IsType<FederatedIdentityCredential>(graph.Resource(IdentityBasedAccessControl.FederationName("team-a", sa)));
            Assert.Equal(identity, federation.Identity);
            Assert.Equal(Foundation.ClusterName, federation.Cluster);
            Assert.Equal($"system:serviceaccount:team-a:{sa}", federation.Subject);
            // The app's golden path owns the service account (annotated with the client id): the platform never creates it.
            Assert.DoesNotContain(graph.Resources.OfType<KubernetesResource>(), r => r.Object is V1ServiceAccount && r.Object.Metadata.Name == sa);
        }
        // Only the service accounts listed get an identity (besides the platform's own postgres backup account, from Level 4).
        Assert.DoesNotContain(graph.Resources.OfType<FederatedIdentityCredential>(), f => f.Subject.StartsWith("system:serviceaccount:team-b:", StringComparison.Ordinal)
            && f.Subject != $"system:serviceaccount:team-b:{PlatformMaturity.Practices.Delivery.PostgresOperator.BackupServiceAccount}");
    }

    [Fact]
    public void Below_level_5_tenant_service_accounts_get_no_identity()
    {
        var graph = Compose(Azure5 with { Level = 4 });
        Assert.DoesNotContain(graph.Resources, r => r.Name.StartsWith("wi-team-a-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void At_level_5_no_secret_nor_helm_values_carry_a_static_cloud_credential(DeploymentTarget target)
    {
        var graph = PracticeGraphs.ComposeWithMonitoring(target == DeploymentTarget.Azure ? Azure5 : Existing5);
        Assert.Empty(StaticCredentials(graph));
    }

    [Fact]
    public void The_credential_check_finds_the_backup_credentials_levels_3_and_4_keep_on_existing()
    {
        // The check above must be able to fail: Level 4 on existing still gives Velero an S3 key file.
        var found = StaticCredentials(PracticeGraphs.ComposeWithMonitoring(Existing(4)));
        Assert.Contains(found, f => f.Contains(BasicDisasterRecovery.CredentialsSecret, StringComparison.Ordinal));
    }

    [Fact]
    public void At_level_5_on_existing_velero_assumes_a_role_with_a_projected_token()
    {
        var values = PracticeGraphs.ComposeWithMonitoring(Existing5).Release(BasicDisasterRecovery.ReleaseName).Values.ToJson();
        Assert.False(values["credentials"]!["useSecret"]!.GetValue<bool>());
        Assert.Equal("arn:aws:iam::123456789012:role/velero", values["configuration"]!["extraEnvVars"]!["AWS_ROLE_ARN"]!.GetValue<string>());
        var tokenFile = values["configuration"]!["extraEnvVars"]!["AWS_WEB_IDENTITY_TOKEN_FILE"]!.GetValue<string>();
        var mount = values["extraVolumeMounts"]!.AsArray().Single()!;
        Assert.StartsWith(mount["mountPath"]!.GetValue<string>() + "/", tokenFile, StringComparison.Ordinal);
        var token = values["extraVolumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == mount["name"]!.GetValue<string>())!["projected"]!["sources"]![0]!["serviceAccountToken"]!;
        Assert.Equal(BasicDisasterRecovery.WebIdentityAudience, token["audience"]!.GetValue<string>());
        Assert.Equal(tokenFile, $"{mount["mountPath"]}/{token["path"]}");
    }

    [Fact]
    public void On_existing_a_backup_role_replaces_the_credentials_file_and_without_one_level_5_says_the_key_file_remains()
    {
        var raw = RawConfig.Empty("l5")
            .With(ConfigKeys.Level, 5).With(ConfigKeys.Target, "existing").With(ConfigKeys.Registry, "localhost:5001");
        Assert.Contains(ConfigKeys.BackupCredentials, PlatformConfigParser.Parse(raw).Config!.MissingSecrets);
        var config = PlatformConfigParser.Parse(raw.With(ConfigKeys.BackupRoleArn, "arn:aws:iam::123456789012:role/velero")).Config!;
        Assert.Equal("arn:aws:iam::123456789012:role/velero", config.BackupLocation!.RoleArn);
        Assert.DoesNotContain(ConfigKeys.BackupCredentials, config.MissingSecrets);
        Assert.Contains(PlatformConfigParser.Parse(raw.With(ConfigKeys.Level, 4).With(ConfigKeys.BackupRoleArn, "arn:aws:iam::123456789012:role/velero")).Problems,
            p => p.Key == ConfigKeys.BackupRoleArn.FullName);

        // Without the role the upgrade keeps backups working on the key file, and says what remains to do.
        var graph = PracticeGraphs.ComposeWithMonitoring(Existing(5));
        Assert.NotEmpty(StaticCredentials(graph));
        Assert.Contains(graph.ComponentOf("Basic Disaster Recovery").Notes, n => n.Contains(ConfigKeys.BackupRoleArn.FullName, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[billing-api]", 5, null)]
    [InlineData("[billing-api]", 4, "needs Level 5")]
    [InlineData("[Billing_API]", 5, "not a service account name")]
    [InlineData("[a, a]", 5, "twice")]
    [InlineData("billing-api", 5, "expected a list")]
    public void Tenant_workload_identities_are_checked(string value, int level, string? problem)
    {
        var raw = RawConfig.Empty("t").With(ConfigKeys.Level, level).With(ConfigKeys.Target, "existing").With(ConfigKeys.Registry, "localhost:5001")
            .With(ConfigKeys.BackupRoleArn, "arn:aws:iam::123456789012:role/velero")
            .With(ConfigKeys.Tenants, JsonNode.Parse($"[{{\"name\": \"team-a\", \"group\": \"devs\", \"workloadIdentities\": {Json(value)}}}]"));
        var result = PlatformConfigParser.Parse(raw);
        if (problem is null)
            Assert.Equal(["billing-api"], result.Config!.Tenants.Single().WorkloadIdentities.ToArray());
        else
            Assert.Contains(result.Problems, p => p.Key == ConfigKeys.Tenants.FullName && p.Message.Contains(problem, StringComparison.Ordinal));
    }

    private static string Json(string flow) => flow.StartsWith('[')
        ? "[" + string.Join(",", flow.Trim('[', ']').Split(',', StringSplitOptions.TrimEntries).Select(s => $"\"{s}\"")) + "]"
        : $"\"{flow}\"";

    [Fact]
    public void On_azure_azure_rbac_authorizes_kubernetes_and_each_group_gets_its_aks_roles()
    {
        var graph = Compose(Azure5);
        var aad = graph.Cluster().AzureActiveDirectoryRoleBasedAccessControl!;
        Assert.True(aad.AzureRbacEnabled);
        Assert.True(graph.Cluster().RoleBasedAccessControlEnabled);
        var assignments = graph.Resources.OfType<GroupRoleAssignment>().ToList();
        Assert.All(assignments, a => Assert.Equal(new AzureRef(Foundation.ClusterName, AzureOutput.Id), a.Scope));
        Assert.Contains(assignments, a => a.GroupObjectId == TeamAGroup && a.RoleDefinitionName == AdvancedAccessManagement.AksWriterRole && a.ScopeSuffix == "/namespaces/team-a");
        Assert.Contains(assignments, a => a.GroupObjectId == TeamBGroup && a.RoleDefinitionName == AdvancedAccessManagement.AksWriterRole && a.ScopeSuffix == "/namespaces/team-b");
        // A team's writer role never reaches beyond its namespace.
        Assert.DoesNotContain(assignments, a => a.GroupObjectId == TeamAGroup && a.RoleDefinitionName == AdvancedAccessManagement.AksWriterRole && a.ScopeSuffix != "/namespaces/team-a");
        Assert.Contains(assignments, a => a.GroupObjectId == Auditors && a.RoleDefinitionName == AdvancedAccessManagement.AksReaderRole && a.ScopeSuffix == "");
        Assert.Contains(assignments, a => a.GroupObjectId == Elevation && a.RoleDefinitionName == AdvancedAccessManagement.AksClusterAdminRole && a.ScopeSuffix == "");
        Assert.Equal(1, assignments.Count(a => a.RoleDefinitionName == AdvancedAccessManagement.AksClusterAdminRole));
        var notes = string.Join("\n", graph.ComponentOf("Advanced Access Management").Notes);
        Assert.Contains("Break-glass", notes, StringComparison.Ordinal);
        Assert.Contains("PIM", notes, StringComparison.Ordinal);
        Assert.Contains("Capsule", notes, StringComparison.Ordinal);
        // Level 4 keeps Kubernetes RBAC alone.
        Assert.NotEqual(true, Compose(Azure5 with { Level = 4 }).Cluster().AzureActiveDirectoryRoleBasedAccessControl?.AzureRbacEnabled);
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Personas_aggregate_the_built_in_roles_and_bind_to_the_groups(DeploymentTarget target)
    {
        var config = target == DeploymentTarget.Azure ? Azure5 : Existing5;
        var graph = Compose(config);
        foreach (var (persona, builtIn) in new[] { ("developer", "edit"), ("auditor", "view"), ("operator", "admin") })
        {
            var role = graph.Typed<V1ClusterRole>("ClusterRole", null, AdvancedAccessManagement.PersonaRole(persona));
            var selectors = role.AggregationRule.ClusterRoleSelectors.Select(s => s.MatchLabels.Single()).ToList();
            Assert.Contains(KeyValuePair.Create($"rbac.authorization.k8s.io/aggregate-to-{builtIn}", "true"), selectors);
            var basis = graph.Typed<V1ClusterRole>("ClusterRole", null, AdvancedAccessManagement.PersonaBaseRole(persona));
            // The platform's own rules reach the persona through its selector.
            Assert.Contains(selectors, s => basis.Metadata.Labels.TryGetValue(s.Key, out var v) && v == s.Value);
        }
        foreach (var tenant in config.Tenants)
        {
            var binding = graph.Typed<V1RoleBinding>("RoleBinding", tenant.Name, AdvancedAccessManagement.TenantBindingName);
            Assert.Equal(AdvancedAccessManagement.PersonaRole("developer"), binding.RoleRef.Name);
            Assert.Equal(tenant.Group, binding.Subjects.Single().Name);
            Assert.Equal("Group", binding.Subjects.Single().Kind);
        }
        Assert.Equal(config.AuditorGroup, graph.Typed<V1ClusterRoleBinding>("ClusterRoleBinding", null, AdvancedAccessManagement.AuditorBindingName).Subjects.Single().Name);
        Assert.Equal(config.ElevationGroup, graph.Typed<V1ClusterRoleBinding>("ClusterRoleBinding", null, AdvancedAccessManagement.ElevationBindingName).Subjects.Single().Name);
        // Basic Access Management's bindings to the plain edit role are superseded.
        Assert.DoesNotContain(graph.Resources.OfType<KubernetesResource>(), r => r.Object is V1RoleBinding { RoleRef.Name: "edit" });
    }

    [Fact]
    public void Zero_trust_on_azure_locks_the_api_server_nodes_and_run_command_staged_until_promoted()
    {
        var staged = Compose(Azure5 with { Staged = [Enforcements.RunCommandDisabled] }).Cluster();
        Assert.True(staged.RunCommandEnabled);
        var promoted = Compose(Azure5);
        Assert.False(promoted.Cluster().RunCommandEnabled);
        Assert.False(promoted.Cluster().DefaultNodePool.NodePublicIpEnabled);
        Assert.All(promoted.Resources.OfType<KubernetesClusterNodePool>(), p => Assert.False(p.Pool.NodePublicIpEnabled));
        Assert.Equal(["203.0.113.0/24"], promoted.Cluster().ApiServerAccessProfile!.AuthorizedIpRanges.ToArray());
        Assert.Null(promoted.Cluster().PrivateClusterEnabled);
        Assert.True(Compose(Azure5 with { ApiServerAuthorizedIpRanges = [], PrivateCluster = true }).Cluster().PrivateClusterEnabled);
        Assert.Contains(Enforcements.All, e => e.Id == Enforcements.RunCommandDisabled && e.Practice == "Zero Trust Environment");
        Assert.Null(Compose(Azure5 with { Level = 4 }).Cluster().RunCommandEnabled);
    }

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void The_mesh_denies_by_default_once_promoted_and_only_logs_while_staged(DeploymentTarget target)
    {
        var config = target == DeploymentTarget.Azure ? Azure5 : Existing5;
        var root = AllTrafficEncrypted.ControlPlaneNamespace(config);
        var enforced = (CustomObject)Compose(config).Object("AuthorizationPolicy", root, ZeroTrustEnvironment.DefaultDenyPolicy).Object;
        // No selector, no rules, ALLOW by default: applies to every workload of the mesh and allows nothing.
        Assert.Empty(enforced.Spec!);
        Assert.False(enforced.Metadata.Annotations?.ContainsKey(ZeroTrustEnvironment.DryRunAnnotation) == true);
        var staged = (CustomObject)Compose(config with { Staged = [Enforcements.MeshDefaultDeny] }).Object("AuthorizationPolicy", root, ZeroTrustEnvironment.DefaultDenyPolicy).Object;
        Assert.Equal("true", staged.Metadata.Annotations[ZeroTrustEnvironment.DryRunAnnotation]);
        // Tenants' own ALLOW policies (Advanced Traffic Filtering) are what lets their traffic through.
        Assert.All(config.Tenants, t => Compose(config).Object("AuthorizationPolicy", t.Name, AdvancedTrafficFiltering.AuthorizationPolicyName));
        Assert.Empty(Compose(config).SchemaErrors());
    }

    [Fact]
    public void The_plan_names_the_run_command_promotion_and_a_private_api_server_as_a_cluster_replacement()
    {
        var promotion = PlatformMaturity.Planning.GraphDiff.Between(Compose(Azure5 with { Staged = [Enforcements.RunCommandDisabled] }), Compose(Azure5));
        Assert.Contains(PlatformMaturity.Planning.Risks.Find(promotion, [], [], promoting: true), r => r.Id == Enforcements.RunCommandDisabled);
        var open = Azure5 with { ApiServerAuthorizedIpRanges = [] };
        var toPrivate = PlatformMaturity.Planning.GraphDiff.Between(Compose(open), Compose(open with { PrivateCluster = true }));
        Assert.Contains(PlatformMaturity.Planning.Risks.Find(toPrivate, [], []), r => r.Id == "cluster-replacement" && r.Description.Contains("PrivateClusterEnabled", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(5, "", false, null)]
    [InlineData(5, "203.0.113.0/24", false, null)]
    [InlineData(5, "", true, null)]
    [InlineData(5, "203.0.113.0/24", true, "privateCluster")]
    [InlineData(4, "", true, "privateCluster")]
    [InlineData(4, "", false, null)]
    public void A_private_api_server_is_a_level_5_choice_exclusive_with_authorized_ranges(int level, string ranges, bool isPrivate, string? problemKey)
    {
        var raw = RawConfig.Empty("z").With(ConfigKeys.Level, level).With(ConfigKeys.Target, "azure")
            .With(ConfigKeys.Regions, new JsonArray("westeurope", "northeurope")).With(ConfigKeys.KubernetesVersion, Versions.Pins.AksKubernetesVersion)
            .With(ConfigKeys.NodeVmSize, Versions.Pins.AksSystemNodeVmSize).With(ConfigKeys.SkuTier, "Standard")
            .With(ConfigKeys.NodeCount, 3).With(ConfigKeys.Zones, new JsonArray("1", "2", "3"));
        if (ranges.Length > 0)
            raw = raw.With(ConfigKeys.ApiServerAuthorizedIpRanges, new JsonArray(ranges));
        if (isPrivate)
            raw = raw.With(ConfigKeys.PrivateCluster, true);
        var problems = PlatformConfigParser.Parse(raw).Problems;
        var zeroTrust = problems.Where(p => p.Key is "platform:apiServerAuthorizedIpRanges" or "platform:privateCluster").ToList();
        if (problemKey is null)
            Assert.Empty(zeroTrust);
        else
            Assert.Contains(zeroTrust, p => p.Key == $"platform:{problemKey}");
    }

    /// <summary>
    /// Everything in the graph that would put a static cloud credential into the cluster: Secrets from secret config
    /// whose data key or config key names a credential, Helm values that switch a chart to a stored credential or hold
    /// one, and Secret objects with such keys.
    /// </summary>
    private static List<string> StaticCredentials(PlatformGraph graph)
    {
        var found = new List<string>();
        foreach (var secret in graph.Resources.OfType<ConfigSecret>())
        {
            found.AddRange(secret.Keys.Where(k => CredentialName().IsMatch(k.Key) || CredentialName().IsMatch(k.Value))
                .Select(k => $"Secret {secret.Namespace}/{secret.SecretName} key {k.Key} from {k.Value}"));
        }
        foreach (var release in graph.Resources.OfType<HelmRelease>())
            Walk(release.Values.ToJson(), "", path => found.Add($"values of {release.ReleaseName}: {path}"));
        foreach (var obj in graph.Resources.OfType<KubernetesResource>().Where(r => r.Object is V1Secret))
        {
            var s = (V1Secret)obj.Object;
            found.AddRange((s.Data?.Keys ?? []).Concat(s.StringData?.Keys ?? []).Where(k => CredentialName().IsMatch(k)).Select(k => $"Secret {s.Metadata.NamespaceProperty}/{s.Metadata.Name} key {k}"));
        }
        return found;
    }

    private static void Walk(JsonNode? node, string path, Action<string> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var at = path.Length == 0 ? key : $"{path}.{key}";
                    // A chart told to use a stored credential, or a credential written into the values.
                    if (at.EndsWith("credentials.useSecret", StringComparison.Ordinal) && value is JsonValue v && v.GetValue<bool>())
                        found(at);
                    else if (CredentialName().IsMatch(key) && value is JsonValue text && text.GetValueKind() == System.Text.Json.JsonValueKind.String && text.GetValue<string>().Length > 0)
                        found(at);
                    Walk(value, at, found);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    Walk(array[i], $"{path}[{i}]", found);
                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                if (CredentialText().IsMatch(value.GetValue<string>()))
                    found(path);
                break;
        }
    }

    /// <summary>Names under which clouds' static credentials travel (AWS keys, Azure client secrets and account keys, GCP key files, SAS tokens).</summary>
    [GeneratedRegex("(?i)(access_?key|secret_?access|client_?secret|account_?key|sas_?token|connection_?string|service_?account_?key|^cloud$|backupCredentials|aws_secret|credentials_?file)")]
    private static partial Regex CredentialName();

    [GeneratedRegex("(?i)(aws_secret_access_key|AccountKey=|SharedAccessSignature=|\"private_key\"|client_secret=)")]
    private static partial Regex CredentialText();
}

/// <summary>What assess sees of the Level 5 access practices on the cluster a stack builds.</summary>
public sealed class Level5AccessEvidenceTests
{
    private static PlatformMaturity.Assess.Rules.Verdict Verdict(IEnumerable<PlatformMaturity.Core.Tests.Assess.SeenObject> objects, string practice)
    {
        var finding = Assess.RoundTripTests.AssessObjects(objects).Practices.Single(p => p.Practice == practice);
        Console.WriteLine($"{practice}: {finding.Verdict} {finding.Why}");
        return finding.Verdict;
    }

    [Fact]
    public void Personas_bound_in_every_tenant_and_federated_service_accounts_are_recognised()
    {
        var config = Azure(5) with
        {
            Tenants = [new("team-a", "0a0a0a0a-0000-4000-8000-00000000000a", TenantTier.Small) { WorkloadIdentities = ["billing-api"] }],
        };
        var objects = Assess.StackCluster.Objects(config);
        Assert.Equal(PlatformMaturity.Assess.Rules.Verdict.Met, Verdict(objects, "Advanced Access Management"));
        Assert.Equal(PlatformMaturity.Assess.Rules.Verdict.NotCheckable, Verdict(objects, "Identity-based Access Control"));
        // The app's service account, as its golden path renders it with --set identity-client-id.
        var account = new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "ServiceAccount",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject
            {
                ["name"] = "billing-api", ["namespace"] = "team-a",
                ["annotations"] = new System.Text.Json.Nodes.JsonObject { [WorkloadIdentity.ClientIdAnnotation] = "0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" },
            },
        };
        Assert.Equal(PlatformMaturity.Assess.Rules.Verdict.Met, Verdict([.. objects, new("app", account)], "Identity-based Access Control"));
        Assert.Equal(PlatformMaturity.Assess.Rules.Verdict.Met, Verdict(objects, "Zero Trust Environment"));
        Assert.Equal(PlatformMaturity.Assess.Rules.Verdict.Partial, Verdict(Assess.StackCluster.Objects(config with { Staged = [Enforcements.MeshDefaultDeny] }), "Zero Trust Environment"));

        // Level 4's plain edit bindings are no personas; without federated service accounts nothing in the cluster shows identities.
        var level4 = Assess.StackCluster.Objects(config with { Level = 4 });
        Assert.Equal(PlatformMaturity.Assess.Rules.Verdict.Missing, Verdict(level4, "Advanced Access Management"));
        Assert.Equal(PlatformMaturity.Assess.Rules.Verdict.NotCheckable, Verdict(level4, "Identity-based Access Control"));
    }
}
