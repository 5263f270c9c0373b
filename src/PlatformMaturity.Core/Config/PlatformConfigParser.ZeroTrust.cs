namespace PlatformMaturity.Config;

/// <summary>Validation of the keys Level 5's Zero Trust Environment brings: who may reach the AKS API server.</summary>
public static partial class PlatformConfigParser
{
    private static PlatformConfig ReadZeroTrustKeys(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        if (!config.IsAzure)
            return config;
        var key = ConfigKeys.PrivateCluster;
        var isPrivate = ReadBoolean(raw, key, problem) ?? false;
        if (isPrivate)
            RefusedBelowItsLevel(key, config, "Zero Trust Environment", problem);
        if (isPrivate && !config.ApiServerAuthorizedIpRanges.IsDefaultOrEmpty)
            problem(key, $"a private API server has no public address for {ConfigKeys.ApiServerAuthorizedIpRanges.FullName} to filter; set one of the two");
        return config with { PrivateCluster = isPrivate };
    }
}
