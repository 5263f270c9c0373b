namespace PlatformMaturity.Config;

/// <summary>Validation of the key Level 5's Network Traffic Auditing reads on existing clusters: whether Cilium is their CNI.</summary>
public static partial class PlatformConfigParser
{
    private static PlatformConfig ReadNetworkAuditingKeys(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        if (config.Target != DeploymentTarget.Existing)
            return config;
        var cilium = ReadBoolean(raw, ConfigKeys.Cilium, problem) ?? false;
        return config with { Cilium = cilium };
    }
}
