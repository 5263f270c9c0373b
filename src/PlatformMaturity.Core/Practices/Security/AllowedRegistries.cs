using System.Collections.Immutable;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Delivery;
using PlatformMaturity.Versions;

namespace PlatformMaturity.Practices.Security;

/// <summary>
/// The registries tenant pods may pull from: platform:allowedRegistries when set, else the defaults below. This is the
/// one place that decides the defaults; the allowed-registries admission policy and anything checking images against
/// it use it.
/// </summary>
public static class AllowedRegistries
{
    /// <summary>The platform registry's login server on azure, which Azure generates when it creates the registry.</summary>
    public static readonly AzureRef AzureLoginServer = new(BasicBuildProcesses.RegistryName, AzureOutput.LoginServer);

    /// <summary>The configured list, or the defaults when platform:allowedRegistries is unset.</summary>
    public static ImmutableArray<string> For(PlatformConfig config) =>
        config.AllowedRegistries.IsDefaultOrEmpty ? Defaults(config) : config.AllowedRegistries;

    /// <summary>
    /// The default: the platform's own registry, never a wildcard such as *.azurecr.io (which admits every registry in
    /// Azure, anyone's).
    /// </summary>
    public static ImmutableArray<string> Defaults(PlatformConfig config) => [PlatformRegistry(config)];

    /// <summary>
    /// What the allowed-registries policy admits in tenant pods: the apps' registries (<see cref="For"/>) plus the exact
    /// repositories of the images the platform itself injects (<see cref="TenantPodImages"/>), whether or not the
    /// stack sets platform:allowedRegistries, so the platform's own injections always pass its admission policy.
    /// </summary>
    public static ImmutableArray<string> ImageSources(PlatformConfig config)
    {
        var registries = For(config);
        return [.. registries, .. TenantPodImages.Repositories.Where(r => !registries.Contains(r))];
    }

    /// <summary>
    /// On azure the platform's Azure Container Registry, as its login server's <see cref="AzureRef.Placeholder"/> (the
    /// Pulumi host fills it in); on existing platform:registry.
    /// </summary>
    public static string PlatformRegistry(PlatformConfig config) => config.IsAzure
        ? AzureLoginServer.Placeholder
        : config.Registry ?? ConfigKeys.Registry.Default!.GetValue<string>();

    /// <summary>
    /// Whether an image the platform runs from config (e.g. its developer portal) comes from an allowed registry, with
    /// the admission policy's matching: under a host[/path] entry, or under any host of a *.domain entry. The platform's
    /// Azure Container Registry is known by its generated login server only after pulumi up, so on azure the default
    /// admits Azure Container Registry hosts (*.azurecr.io); set platform:allowedRegistries to name it exactly.
    /// </summary>
    public static bool Admits(PlatformConfig config, string image)
    {
        var host = image.Split('/')[0];
        return For(config).Any(entry =>
            entry.Contains(AzureLoginServer.Placeholder, StringComparison.Ordinal)
                ? host.EndsWith(".azurecr.io", StringComparison.Ordinal)
                : entry.StartsWith("*.", StringComparison.Ordinal)
                    ? host.EndsWith(entry[1..], StringComparison.Ordinal)
                    : image.StartsWith(entry + "/", StringComparison.Ordinal));
    }

    /// <summary>Whether the platform's Azure Container Registry is in the graph: a build-processes practice creates it.</summary>
    public static bool HasAzureRegistry(ComponentBuilder component) =>
        component.IsAzure && (component.Implements(BasicBuildProcesses.PracticeName) || component.Implements(AdvancedBuildProcesses.PracticeName));

    /// <summary>The Azure outputs a list of registries names through placeholders (the platform registry's login server).</summary>
    public static ImmutableArray<AzureRef> AzureValuesIn(IEnumerable<string> registries) =>
        registries.Any(r => r.Contains(AzureLoginServer.Placeholder, StringComparison.Ordinal)) ? [AzureLoginServer] : [];
}
