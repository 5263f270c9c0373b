using PlatformMaturity.Graph;
using Pulumi;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>What the resource mappers share while one graph is mapped.</summary>
internal sealed class MappingContext
{
    public MappingContext(PlatformGraph graph, ISecretSource secrets)
    {
        Graph = graph;
        Secrets = secrets;
        Refs = new AzureOutputs(Resources);
        Providers = new KubernetesProviders(graph, Resources);
    }

    public PlatformGraph Graph { get; }

    public ISecretSource Secrets { get; }

    public MappedResources Resources { get; } = new();

    /// <summary>Outputs of mapped Azure resources that graph records refer to.</summary>
    public AzureOutputs Refs { get; }

    public KubernetesProviders Providers { get; }

    /// <summary>Options of a custom resource: child of its component, after what the graph says it depends on.</summary>
    public CustomResourceOptions Options(GraphResource resource, PlatformComponent parent, ProviderResource? provider = null) => new()
    {
        Parent = parent,
        DependsOn = Resources.DependenciesOf(resource),
        Provider = provider,
    };
}
