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

    /// <summary>
    /// Options of a custom resource: child of its component, after what the graph says it depends on, retained when
    /// the graph says its deletion loses data (<see cref="Graph.Azure.AzureResource.RetainOnDelete"/>). Recorded in
    /// <see cref="MappedResources"/>, since Pulumi's mocks do not see resource options.
    /// </summary>
    public CustomResourceOptions Options(GraphResource resource, PlatformComponent parent, ProviderResource? provider = null)
    {
        var options = new CustomResourceOptions
        {
            Parent = parent,
            DependsOn = Resources.DependenciesOf(resource),
            Provider = provider,
            // Unset rather than false when not retained: Pulumi's default, so existing stacks see no option change.
            // Also while the GitOps hand-over is staged: Pulumi then drops what Argo CD adopted without deleting it.
            RetainOnDelete = resource is Graph.Azure.AzureResource { RetainOnDelete: true } || GitOps.GitOpsDelivery.RetainedForHandOver(Graph, resource) ? true : null,
        };
        Resources.AddOptions(resource, options);
        return options;
    }
}
