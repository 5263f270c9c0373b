using PlatformMaturity.Graph;
using PlatformMaturity.Graph.Azure;
using Pulumi;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// Maps a platform graph to Pulumi resources: one ComponentResource per component, every resource a child of its
/// component, then a Kubernetes provider for every cluster. It decides nothing about the platform; every value
/// comes from the graph.
/// </summary>
internal sealed class GraphMapper(PlatformGraph graph, ISecretSource secrets)
{
    public MappedPlatform Map()
    {
        var context = new MappingContext(graph, secrets);
        var components = graph.Components.ToDictionary(
            c => c.Id, c => new PlatformComponent(c, ComponentAliases.For(c, graph)), StringComparer.Ordinal);

        // Resources in dependency order across the whole graph: a resource refers to the Pulumi outputs of what it
        // depends on (a resource group's name, a cluster's kubeconfig), and those may live in another component.
        foreach (var (resource, owner) in InDependencyOrder())
            context.Resources.Add(resource, Map(resource, context, components[owner.Id]), components[owner.Id]);

        foreach (var component in components.Values)
            component.Complete();
        context.Providers.CompleteAll();
        return new MappedPlatform(graph, components, context.Resources, context.Providers);
    }

    /// <summary>Graph order, except that a resource waits for its dependencies (stable, so deterministic).</summary>
    private List<(GraphResource Resource, GraphComponent Owner)> InDependencyOrder()
    {
        // From Level 4 Argo CD applies what the GitOps tree holds; Pulumi maps only the rest (one graph decides both).
        var remaining = graph.Components.SelectMany(c => c.Resources.Where(r => GitOps.GitOpsDelivery.ByPulumi(graph, r)).Select(r => (Resource: r, Owner: c))).ToList();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<(GraphResource, GraphComponent)>(remaining.Count);
        while (remaining.Count > 0)
        {
            var index = remaining.FindIndex(e => e.Resource.DependsOn.All(d => done.Contains(d) || !GitOps.GitOpsDelivery.ByPulumi(graph, graph.Resource(d))));
            if (index < 0)
                throw new InvalidOperationException(
                    $"the graph's resources depend on each other in a cycle or on resources it does not hold: {string.Join(", ", remaining.Select(e => e.Resource.Name))}");
            var next = remaining[index];
            remaining.RemoveAt(index);
            done.Add(next.Resource.Name);
            ordered.Add(next);
        }
        return ordered;
    }

    private static Resource Map(GraphResource resource, MappingContext context, PlatformComponent parent) => resource switch
    {
        AzureResource azure => AzureMapper.Map(azure, context, parent),
        HelmRelease release => HelmReleaseMapper.Map(release, context, parent),
        KubernetesResource kubernetes => KubernetesObjectMapper.Map(kubernetes, context, parent),
        ConfigSecret secret => ConfigSecretMapper.Map(secret, context, parent),
        _ => throw new NotSupportedException(
            $"the Pulumi program cannot map graph resource '{resource.Name}' of kind {resource.Kind}; add a mapper in src/PlatformMaturity.Pulumi/Mapping"),
    };
}
