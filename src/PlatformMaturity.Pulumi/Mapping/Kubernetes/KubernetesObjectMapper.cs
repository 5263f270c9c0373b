using PlatformMaturity.Graph;
using Pulumi;
using K8s = Pulumi.Kubernetes;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// A graph Kubernetes object (typed k8s.Models object or CRD instance) as a Yaml.V2.ConfigGroup of that one
/// object, serialised exactly as pmctl render writes it. One group per object keeps the graph's names and
/// dependencies one to one in Pulumi.
/// </summary>
internal static class KubernetesObjectMapper
{
    public static K8s.Yaml.V2.ConfigGroup Map(KubernetesResource resource, MappingContext context, PlatformComponent parent)
    {
        var options = new ComponentResourceOptions
        {
            Parent = parent,
            DependsOn = context.Resources.DependenciesOf(resource),
            Provider = context.Providers.For(resource.Cluster),
            // While the GitOps hand-over is staged Pulumi holds what Argo CD adopts on promote; the group's objects (a
            // Namespace among them) inherit retention from it, so dropping the group then deletes nothing in the cluster.
            RetainOnDelete = GitOps.GitOpsDelivery.RetainedForHandOver(context.Graph, resource) ? true : null,
        };
        context.Resources.AddOptions(resource, options);
        return new(resource.Name, Args(resource, context.Refs), options);
    }

    internal static K8s.Types.Inputs.Yaml.V2.ConfigGroupArgs Args(KubernetesResource resource, AzureOutputs refs)
    {
        var args = new K8s.Types.Inputs.Yaml.V2.ConfigGroupArgs();
        if (resource.TextFromAzure.IsDefaultOrEmpty)
        {
            // An array, not a collection initializer: `Objs = { obj }` is an ambiguous Add call (CS0121).
            args.Objs = new object[] { Object(resource) };
        }
        else
        {
            // The Azure outputs the object names by placeholder (e.g. the registry's login server), filled in once known.
            var fromAzure = resource.TextFromAzure.Select(refs.Resolve).ToList();
            args.Objs = Output.All(fromAzure).Apply(values => new object[] { PulumiValues.Of(resource.ToJson(values)) });
        }
        return args;
    }

    /// <summary>The object as plain nested dictionaries of its JSON.</summary>
    internal static Dictionary<string, object> Object(KubernetesResource resource) => PulumiValues.Of(resource.ToJson());
}
