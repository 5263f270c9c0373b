using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>The platform's resource group (Pulumi.Azure.Core.ResourceGroup), named as the graph names it.</summary>
internal static class ResourceGroupMapper
{
    public static PulumiAzure.Core.ResourceGroup Map(ResourceGroup group, MappingContext context, PlatformComponent parent) =>
        new(group.Name, Args(group), context.Options(group, parent));

    internal static PulumiAzure.Core.ResourceGroupArgs Args(ResourceGroup group) => new()
    {
        Name = group.ResourceGroupName,
        Location = group.Location,
        Tags = In.Map(group.Tags),
    };
}
