using k8s.Models;
using PlatformMaturity.Composition;
using PlatformMaturity.Graph.Azure;

namespace PlatformMaturity.Practices.Delivery;

/// <summary>Levels 1–2: a registry to push images to by hand; no build automation (the seed's Level 1 don't).</summary>
public sealed class BasicBuildProcesses : PracticeComponent
{
    public const string RegistryName = "registry";
    public const string PullAssignmentName = "registry-acrpull";

    /// <summary>The practice's name, for practices that rely on the registry it creates.</summary>
    public const string PracticeName = "Basic Build Processes";

    public override string Practice => PracticeName;

    public override Implementation Implementation => new(
        Existing: "The configured registry (platform:registry), published in the kube-public/local-registry-hosting ConfigMap (KEP-1755); images built and pushed by hand",
        Azure: "Azure Container Registry (Basic, admin user off) with AcrPull for the cluster's kubelet identity; images built and pushed by hand");

    public override void Build(ComponentBuilder component)
    {
        if (component.IsAzure)
            AddAzureRegistry(component);
        else
            PublishRegistry(component, component.Config.Registry!);
        component.Note("No build automation at this level: docker build -t <registry>/<app>:<version> . && docker push <registry>/<app>:<version>");
    }

    /// <summary>The registry and the kubelet's pull access; Advanced Build Processes takes them over under the same names.</summary>
    internal static void AddAzureRegistry(ComponentBuilder component)
    {
        var tags = StandardLabels.AzureTags(component.Config, component.Provenance);
        component.Add(new ContainerRegistry
        {
            Name = RegistryName,
            Provenance = component.Provenance,
            ResourceGroup = Foundation.ResourceGroupName,
            Location = component.Config.PrimaryRegion,
            Tags = tags,
        });
        component.Add(new RoleAssignment
        {
            Name = PullAssignmentName,
            Provenance = component.Provenance,
            Scope = new AzureRef(RegistryName, AzureOutput.Id),
            RoleDefinitionName = "AcrPull",
            PrincipalId = new AzureRef(Foundation.ClusterName, AzureOutput.KubeletIdentityObjectId),
        });
        component.Note("Log in before pushing: az acr login --name <registry>");
    }

    /// <summary>The standard way to tell people and tools which registry a cluster uses (KEP-1755).</summary>
    internal static void PublishRegistry(ComponentBuilder component, string registry) =>
        component.AddObject(new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = "local-registry-hosting", NamespaceProperty = PlatformNamespaces.KubePublic },
            Data = new Dictionary<string, string>
            {
                ["localRegistryHosting.v1"] =
                    $"host: \"{registry}\"\nhelp: \"Push images by hand: docker push {registry}/<app>:<version>\"\n",
            },
        });
}
