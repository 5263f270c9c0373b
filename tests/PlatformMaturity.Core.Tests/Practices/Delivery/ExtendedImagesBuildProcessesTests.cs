using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Planning;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Core.Tests.Planning;
using Xunit;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Delivery;

/// <summary>Level 4 image signing: Kyverno verifies keyless signatures, staged; the azure registry becomes Premium.</summary>
public class ExtendedImagesBuildProcessesTests
{
    private static PlatformConfig WithRepos(PlatformConfig config) => config with
    {
        Tenants = [new Tenant("team-a", config.IsAzure ? "00000000-0000-0000-0000-00000000000a" : "team-a-devs", TenantTier.Small) { Repos = ["https://github.com/acme/shop.git"] }],
        ImageSigning = ImageSigningConfig.Default with { Identities = ["https://github.com/acme/base/.github/workflows/build.yaml@refs/heads/main"] },
    };

    private static CustomObject Policy(PlatformGraph graph) =>
        Assert.IsType<CustomObject>(graph.Object("ImageValidatingPolicy", null, ExtendedImagesBuildProcesses.PolicyName).Object);

    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void Signatures_are_audited_while_staged_and_refused_once_promoted(DeploymentTarget target)
    {
        var config = WithRepos(For(target, 4));
        var staged = Policy(Compose(config with { Staged = [Enforcements.ImageSignatures] }));
        var promoted = Policy(Compose(config));
        Assert.Equal(["Audit"], staged.Spec!["validationActions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(["Deny"], promoted.Spec!["validationActions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Empty(Compose(config).SchemaErrors());
    }

    [Fact]
    public void Signers_come_from_config_and_the_tenants_repositories()
    {
        var spec = Policy(Compose(WithRepos(Existing(4)))).Spec!;
        var identities = spec["attestors"]![0]!["cosign"]!["keyless"]!["identities"]!.AsArray();
        Assert.All(identities, i => Assert.Equal(ImageSigningConfig.GitHubActionsIssuer, i!["issuer"]!.GetValue<string>()));
        Assert.Contains(identities, i => i!["subject"]?.GetValue<string>() == "https://github.com/acme/base/.github/workflows/build.yaml@refs/heads/main");
        var pattern = identities.Select(i => i!["subjectRegExp"]?.GetValue<string>()).Single(p => p is not null)!;
        Assert.Matches(pattern, "https://github.com/acme/shop/.github/workflows/shop.yaml@refs/heads/main");
        Assert.DoesNotMatch(pattern, "https://github.com/evil/shop/.github/workflows/shop.yaml@refs/heads/main");
        Assert.DoesNotMatch(pattern, "https://github.com/acme/shop/.github/workflows/shop.yaml@refs/heads/feature");
        Assert.Equal("localhost:5001/*", spec["matchImageReferences"]![0]!["glob"]!.GetValue<string>());
    }

    [Fact]
    public void Without_a_signer_no_policy_is_created_that_would_refuse_every_image()
    {
        var graph = Compose(Existing(4));
        Assert.DoesNotContain(graph.Resources.OfType<KubernetesResource>(), r => r.Kind == "ImageValidatingPolicy");
        Assert.Contains(graph.Resources.OfType<HelmRelease>(), r => r.ReleaseName == ExtendedImagesBuildProcesses.ReleaseName);
    }

    [Fact]
    public void Kyverno_reads_signatures_from_acr_with_its_own_identity()
    {
        var graph = Compose(WithRepos(Azure(4)));
        var kyverno = graph.Resources.OfType<HelmRelease>().Single(r => r.ReleaseName == ExtendedImagesBuildProcesses.ReleaseName);
        Assert.Equal(new AzureRef(ExtendedImagesBuildProcesses.IdentityName, AzureOutput.ClientId), Assert.Single(kyverno.ValuesFromAzure).Value);
        Assert.Equal(false, kyverno.Values.Get("backgroundController.enabled"));
        var pull = Assert.IsType<RoleAssignment>(graph.Resource(ExtendedImagesBuildProcesses.PullAssignmentName));
        Assert.Equal("AcrPull", pull.RoleDefinitionName);
        Assert.Equal(["azure"], Policy(graph).Spec!["credentials"]!["providers"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Contains(graph.Object("ImageValidatingPolicy", null, ExtendedImagesBuildProcesses.PolicyName).TextFromAzure, r => r.Output == AzureOutput.LoginServer);
    }

    [Fact]
    public void The_registry_goes_premium_with_retention_and_geo_replication_and_zone_redundancy_only_when_new()
    {
        var created = Assert.IsType<ContainerRegistry>(Compose(Azure(4)).Resource("registry"));
        Assert.Equal("Premium", created.Sku);
        Assert.Equal(ExtendedImagesBuildProcesses.RetentionDays, created.RetentionPolicyInDays);
        Assert.True(created.ZoneRedundancyEnabled);
        Assert.Equal(new[] { new RegistryGeoreplication("northeurope", true) }, created.Georeplications.ToArray());

        var upgraded = Assert.IsType<ContainerRegistry>(Compose(Azure(4) with { RegistryZoneRedundancy = false }).Resource("registry"));
        Assert.False(upgraded.ZoneRedundancyEnabled);
        Assert.All(upgraded.Georeplications, g => Assert.False(g.ZoneRedundancyEnabled));
        Assert.NotEqual("Premium", Assert.IsType<ContainerRegistry>(Compose(Azure(3)).Resource("registry")).Sku);
    }

    [Fact]
    public void An_upgrade_to_4_keeps_the_existing_registry_instead_of_replacing_it()
    {
        var raw = PlanTestStacks.Raw(DeploymentTarget.Azure, 3, attested: true, resilient: true);
        var (_, writes) = UpgradePlanner.Default.Plan(raw, new PlanRequest(4));
        var write = Assert.Single(writes, w => w.Key == ConfigKeys.RegistryZoneRedundancy);
        Assert.False(write.Value!.GetValue<bool>());
        Assert.False(PlatformConfigParser.ParseOrThrow(LevelChange.Apply(raw, writes), "test").RegistryZoneRedundancy);
    }
}
