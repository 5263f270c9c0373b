namespace PlatformMaturity.Config;

/// <summary>Validation of the keys Level 5's Zero Trust Environment brings: who may reach the AKS API server.</summary>
public static partial class PlatformConfigParser
{
    /// <summary>The level of Zero Trust Environment.</summary>
    private const int ZeroTrustLevel = 5;

    private static PlatformConfig ReadZeroTrustKeys(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        if (!config.IsAzure)
            return config;
        var key = ConfigKeys.PrivateCluster;
        var isPrivate = ReadBoolean(raw, key, problem) ?? false;
        if (isPrivate && config.Level < ZeroTrustLevel)
            problem(key, $"needs Level {ZeroTrustLevel} (Zero Trust Environment); remove it or upgrade");
        if (isPrivate && !config.ApiServerAuthorizedIpRanges.IsDefaultOrEmpty)
            problem(key, $"a private API server has no public address for {ConfigKeys.ApiServerAuthorizedIpRanges.FullName} to filter; set one of the two");
        return config with { PrivateCluster = isPrivate };
    }
}
