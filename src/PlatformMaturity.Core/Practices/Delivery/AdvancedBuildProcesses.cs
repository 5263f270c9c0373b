using PlatformMaturity.Composition;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>
/// Levels 3–5 (supersedes Basic Build Processes): images are built by CI — cached, tagged with the commit SHA, with
/// an SBOM — and pushed without stored credentials. The platform keeps the registry and, on azure, gives the
/// configured repositories' workflows an identity they reach through GitHub's OIDC tokens.
/// </summary>
public sealed class AdvancedBuildProcesses : PracticeComponent
{
    public const string CiIdentityName = "ci-push-identity";
    public const string PushAssignmentName = "registry-acrpush";

    /// <summary>Issuer of GitHub Actions' OIDC tokens.</summary>
    public const string GitHubIssuer = "https://token.actions.githubusercontent.com";

    /// <summary>The practice's name, for practices that rely on the registry it creates.</summary>
    public const string PracticeName = "Advanced Build Processes";

    public override string Practice => PracticeName;

    public override Implementation Implementation => new(
        Existing: "The configured registry (platform:registry, published per KEP-1755); golden-path CI workflows build with cache, tag by commit SHA, produce an SBOM and push with the registry's own short-lived credentials",
        Azure: "Azure Container Registry with AcrPull for the kubelet, plus a CI identity with AcrPush federated with the main branch of each repository in platform:ciRepositories (GitHub OIDC, no stored credentials); CI workflows build with cache, tag by commit SHA and produce an SBOM");

    public override void Build(ComponentBuilder component)
    {
        if (component.IsAzure)
        {
            BasicBuildProcesses.AddAzureRegistry(component);
            AddCiIdentity(component);
        }
        else
        {
            BasicBuildProcesses.PublishRegistry(component, component.Config.Registry!);
            component.Note("Give CI short-lived push credentials from your registry (OIDC or a robot account with an expiry), never a personal password.");
        }
        component.Note("CI tags every image with the commit SHA (never latest), builds with a layer cache and attaches an SBOM; golden paths (pmctl app new) write the workflow.");
    }

    private static void AddCiIdentity(ComponentBuilder component)
    {
        var repositories = component.Config.CiRepositories;
        if (repositories.IsEmpty)
        {
            component.Note("No repository may push yet: list owner/repo entries in platform:ciRepositories to federate their main-branch workflows with the registry.");
            return;
        }
        component.Add(new UserAssignedIdentity
        {
            Name = CiIdentityName,
            Provenance = component.Provenance,
            ResourceGroup = Foundation.ResourceGroupName,
            Location = component.Config.PrimaryRegion,
            Tags = StandardLabels.AzureTags(component.Config, component.Provenance),
        });
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var repository in repositories)
        {
            var slug = string.Concat(repository.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
            var name = $"ci-federation-{slug}";
            for (var i = 2; !names.Add(name); i++)
                name = $"ci-federation-{slug}-{i}";
            component.Add(new FederatedIdentityCredential
            {
                Name = name,
                Provenance = component.Provenance,
                Identity = CiIdentityName,
                Issuer = GitHubIssuer,
                Subject = $"repo:{repository}:ref:refs/heads/main",
            });
        }
        component.Add(new RoleAssignment
        {
            Name = PushAssignmentName,
            Provenance = component.Provenance,
            Scope = new AzureRef(BasicBuildProcesses.RegistryName, AzureOutput.Id),
            RoleDefinitionName = "AcrPush",
            PrincipalId = new AzureRef(CiIdentityName, AzureOutput.PrincipalId),
        });
        component.Note("In the workflow: permissions id-token: write, azure/login with the CI identity's client id and the tenant id, then az acr login --name <registry>.");
    }
}
