namespace PlatformMaturity.Config;

/// <summary>Validation of the existing cluster's ReadWriteMany StorageClass (Advanced Volume Management).</summary>
public static partial class PlatformConfigParser
{
    private static PlatformConfig ReadRwxStorageClass(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.RwxStorageClass;
        // Set on an azure stack, the key is refused by its target (azure has its own zone-redundant share class).
        if (!raw.Has(key) || raw[key] is null || config.Target != DeploymentTarget.Existing
            || RefusedBelowItsLevel(key, config, "Advanced Volume Management", problem))
            return config;
        var name = ReadMatching(raw, key, DnsSubdomainPattern(),
            "the name of a StorageClass of the cluster that provisions ReadWriteMany volumes: a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most 253 characters), e.g. nfs-client or efs-sc", problem);
        // The platform's own classes sit on platform:storageProvisioner, a block driver: ReadWriteOnce only.
        if (name is Practices.Efficiency.AdvancedVolumeManagement.StandardClass or Practices.Efficiency.AdvancedVolumeManagement.DataClass)
        {
            problem(key, $"'{name}' is not allowed: it is one of the platform's own StorageClasses, on the block driver of {ConfigKeys.StorageProvisioner.FullName} (ReadWriteOnce); name a class of the cluster that provisions ReadWriteMany volumes");
            return config;
        }
        return name is null ? config : config with { RwxStorageClass = name };
    }
}
