using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>An Azure Container Registry (Pulumi.Azure.ContainerService.Registry); Pulumi generates its globally unique name.</summary>
internal static class ContainerRegistryMapper
{
    public static PulumiAzure.ContainerService.Registry Map(ContainerRegistry registry, MappingContext context, PlatformComponent parent) =>
        new(registry.Name, Args(registry, context.Refs), context.Options(registry, parent));

    internal static PulumiAzure.ContainerService.RegistryArgs Args(ContainerRegistry registry, AzureOutputs refs)
    {
        var args = new PulumiAzure.ContainerService.RegistryArgs
        {
            ResourceGroupName = refs.NameOf(registry.ResourceGroup),
            Location = registry.Location,
            Sku = registry.Sku,
            AdminEnabled = registry.AdminEnabled,
            RetentionPolicyInDays = registry.RetentionPolicyInDays,
            // Unset rather than false when off: Pulumi's default, so existing registries see no change (it forces a new registry).
            ZoneRedundancyEnabled = registry.ZoneRedundancyEnabled ? true : null,
            Tags = In.Map(registry.Tags),
        };
        // Set only when there are replicas, so registries without them keep exactly the inputs they had.
        if (!registry.Georeplications.IsEmpty)
        {
            args.Georeplications = registry.Georeplications.Select(g => new PulumiAzure.ContainerService.Inputs.RegistryGeoreplicationArgs
            {
                Location = g.Location,
                ZoneRedundancyEnabled = g.ZoneRedundancyEnabled,
            }).ToArray();
        }
        return args;
    }
}
