using PlatformMaturity.Graph.Azure;
using PulumiAzure = Pulumi.Azure;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>An Azure Container Registry (Pulumi.Azure.ContainerService.Registry); Pulumi generates its globally unique name.</summary>
internal static class ContainerRegistryMapper
{
    public static PulumiAzure.ContainerService.Registry Map(ContainerRegistry registry, MappingContext context, PlatformComponent parent) =>
        new(registry.Name, Args(registry, context.Refs), context.Options(registry, parent));

    internal static PulumiAzure.ContainerService.RegistryArgs Args(ContainerRegistry registry, AzureOutputs refs) => new()
    {
        ResourceGroupName = refs.NameOf(registry.ResourceGroup),
        Location = registry.Location,
        Sku = registry.Sku,
        AdminEnabled = registry.AdminEnabled,
        RetentionPolicyInDays = registry.RetentionPolicyInDays,
        // Unset rather than false when off: Pulumi's default, so existing registries see no change (it forces replacement).
        ZoneRedundancyEnabled = registry.ZoneRedundancyEnabled ? true : null,
        Georeplications = registry.Georeplications.Select(g => new PulumiAzure.ContainerService.Inputs.RegistryGeoreplicationArgs
        {
            Location = g.Location,
            ZoneRedundancyEnabled = g.ZoneRedundancyEnabled,
        }).ToArray(),
        Tags = In.Map(registry.Tags),
    };
}
