using System.Text.Json.Nodes;
using k8s;
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
    public static K8s.Yaml.V2.ConfigGroup Map(KubernetesResource resource, MappingContext context, PlatformComponent parent) =>
        new(resource.Name, Args(resource), new ComponentResourceOptions
        {
            Parent = parent,
            DependsOn = context.Resources.DependenciesOf(resource),
            Provider = context.Providers.For(resource.Cluster),
        });

    internal static K8s.Types.Inputs.Yaml.V2.ConfigGroupArgs Args(KubernetesResource resource) => new()
    {
        // An array, not a collection initializer: `Objs = { obj }` is an ambiguous Add call (CS0121).
        Objs = new object[] { Object(resource) },
    };

    /// <summary>The object as plain nested dictionaries of its JSON.</summary>
    internal static Dictionary<string, object> Object(KubernetesResource resource) =>
        PulumiValues.Of(JsonNode.Parse(KubernetesJson.Serialize(resource.Object))!.AsObject());
}
