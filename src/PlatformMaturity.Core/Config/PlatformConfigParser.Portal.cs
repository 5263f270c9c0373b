using System.Text.RegularExpressions;

namespace PlatformMaturity.Config;

/// <summary>Validation of the key Level 5's Internal Developer Platform brings: the developer portal's image.</summary>
public static partial class PlatformConfigParser
{
    private static PlatformConfig ReadPortalKeys(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.BackstageImage;
        if (!raw.Has(key))
            return config;
        var image = Scalar(raw[key]);
        if (image is null || !DigestReferencePattern().IsMatch(image))
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected an image by digest with its registry, such as registry.example.com/platform/backstage@sha256:<64 hex digits> (a tag can move; a digest cannot)");
            return config;
        }
        RefusedBelowItsLevel(key, config, Practices.Delivery.InternalDeveloperPlatform.PracticeName, problem);
        // The portal's pods are held to the registries the platform admits (Advanced Vulnerabilities Management).
        if (!Practices.Security.AllowedRegistries.Admits(config, image))
            problem(key, $"'{image}' is not from an allowed registry ({string.Join(", ", Practices.Security.AllowedRegistries.For(config))}); push the image there or add its registry to {ConfigKeys.AllowedRegistries.FullName}");
        return config with { BackstageImage = image };
    }

    /// <summary>
    /// registry[:port]/repository@sha256:digest, the registry a host with a dot or port (or localhost), repository path
    /// components as the OCI distribution spec writes them.
    /// </summary>
    [GeneratedRegex(@"^(localhost|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+)(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)+@sha256:[0-9a-f]{64}\z")]
    private static partial Regex DigestReferencePattern();
}
