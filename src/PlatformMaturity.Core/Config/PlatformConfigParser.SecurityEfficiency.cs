using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PlatformMaturity.Config;

/// <summary>Validation of the keys Levels 2 and 3 bring for security and efficiency (access, updates, traffic, registries, secrets, autoscaling).</summary>
public static partial class PlatformConfigParser
{
    private static PlatformConfig ReadSecurityAndEfficiencyKeys(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        config = config with
        {
            AuditorGroup = ReadAuditorGroup(raw, config.Target, problem),
            ElevationGroup = ReadGroup(raw, ConfigKeys.ElevationGroup, config.Target, "cluster administration", "the PIM-eligible group of the platform's operators", problem),
            IngressNamespace = ReadMatching(raw, ConfigKeys.IngressNamespace, DnsLabelPattern(),
                "a namespace name (a DNS-1123 label) such as gateway-system", problem) ?? config.IngressNamespace,
            AllowedRegistries = ReadAllowedRegistries(raw, problem),
            EgressAllowList = ReadStringList(raw, ConfigKeys.EgressAllowList, problem, EgressDestinationProblem),
        };
        config = ReadGatewayTls(raw, config, problem);
        // The gateway's namespace enforces the platform's Pod Security level and admits routes only from tenants: a
        // tenant cannot share it.
        if (config.Tenants.Any(t => t.Name == config.IngressNamespace))
            problem(ConfigKeys.IngressNamespace, $"'{config.IngressNamespace}' is a tenant's namespace; the platform gateway needs a namespace of its own");
        if (config.IsAzure)
        {
            config = config with
            {
                MaintenanceWindow = ReadMaintenanceWindow(raw, problem),
                AdminGroupObjectIds = ReadObjectIds(raw, ConfigKeys.AdminGroupObjectIds, problem),
                ApiServerAuthorizedIpRanges = ReadStringList(raw, ConfigKeys.ApiServerAuthorizedIpRanges, problem, CidrProblem),
                AuditRetentionDays = ReadInteger(raw, ConfigKeys.AuditRetentionDays, min: 4, max: 730, "a number of days from 4 to 730", problem) ?? 90,
                MeshRevision = !raw.Has(ConfigKeys.MeshRevision) ? null : ReadMatching(raw, ConfigKeys.MeshRevision, MeshRevisionPattern(),
                    "an AKS Istio add-on revision such as asm-1-27 (az aks mesh get-revisions --location <region>)", problem),
            };
            config = ReadNodeRange(raw, config, problem);
            config = ReadUserPool(raw, config, problem);
            config = ReadGpuPool(raw, config, problem);
            if (config.Level >= 2)
                CheckTenantGroupsAreObjectIds(config, problem);
            CheckProductionHasAdminGroup(raw, config, problem);
        }
        else
        {
            config = config with { SecretStoreProvider = ReadSecretStore(raw, problem) };
        }
        return config;
    }

    /// <summary>
    /// Production with Entra ID integration (azure, from the level adminGroupObjectIds is read at) needs an Entra ID
    /// admin group: without one only the shared local admin account can administer the cluster, with no per-person
    /// sign-in or audit trail, and nobody can once local accounts are disabled.
    /// </summary>
    private static void CheckProductionHasAdminGroup(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.AdminGroupObjectIds;
        if (config.Environment != EnvironmentKind.Prod || !key.NeededAt(config.Level, config.Target) || !config.AdminGroupObjectIds.IsDefaultOrEmpty)
            return;
        // A malformed value already has its own problem.
        if (raw.Has(key) && raw[key] is not JsonArray { Count: 0 })
            return;
        problem(key, $"is required in prod from Level {key.FromLevel}, where the cluster signs people in with Entra ID: " +
            "give the object id of at least one Entra ID group that administers the cluster, e.g. [00000000-0000-0000-0000-000000000000] " +
            "(az ad group show --group <name> --query id)");
    }

    /// <summary>
    /// An IPv4 or IPv6 range in CIDR notation (parsed by System.Net.IPNetwork) with no host bits set, as AKS takes it;
    /// a single address is written /32 (or /128). 203.0.113.7/24 is refused: it reads as one address but admits 256.
    /// </summary>
    private static string? EgressDestinationProblem(string destination, string at) =>
        destination.Contains('/', StringComparison.Ordinal) ? CidrProblem(destination, at)
        : DnsSubdomainPattern().IsMatch(destination) && destination.Contains('.', StringComparison.Ordinal) ? null
        : $"{at} '{destination}' is neither a CIDR range (203.0.113.0/24) nor a host name (api.example.com)";

    private static string? CidrProblem(string range, string at)
    {
        var slash = range.IndexOf('/');
        var valid = slash > 0
            && System.Net.IPNetwork.TryParse(range, out var network)
            && System.Net.IPAddress.TryParse(range[..slash], out var address)
            && HostBitsAreZero(address.GetAddressBytes(), network.PrefixLength);
        return valid
            ? null
            : $"{at} '{range}' is not a CIDR range; expected address/prefix with no host bits set, such as 203.0.113.0/24 or 198.51.100.7/32";
    }

    private static bool HostBitsAreZero(byte[] address, int prefixLength)
    {
        for (var bit = prefixLength; bit < address.Length * 8; bit++)
        {
            if ((address[bit / 8] & (0x80 >> (bit % 8))) != 0)
                return false;
        }
        return true;
    }

    /// <summary>The gateway's HTTPS listener needs both a hostname (cert-manager names the certificate after it) and an issuer.</summary>
    private static PlatformConfig ReadGatewayTls(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        var hostname = !raw.Has(ConfigKeys.GatewayHostname) ? null : ReadMatching(raw, ConfigKeys.GatewayHostname, GatewayHostnamePattern(),
            "a DNS hostname or wildcard such as apps.example.com or *.apps.example.com (lowercase)", problem);
        var issuer = !raw.Has(ConfigKeys.GatewayClusterIssuer) ? null : ReadMatching(raw, ConfigKeys.GatewayClusterIssuer, DnsSubdomainPattern(),
            "a ClusterIssuer name (a DNS-1123 subdomain) such as letsencrypt-prod", problem);
        if (raw.Has(ConfigKeys.GatewayHostname) != raw.Has(ConfigKeys.GatewayClusterIssuer))
        {
            var (missing, set) = raw.Has(ConfigKeys.GatewayHostname)
                ? (ConfigKeys.GatewayClusterIssuer, ConfigKeys.GatewayHostname)
                : (ConfigKeys.GatewayHostname, ConfigKeys.GatewayClusterIssuer);
            problem(missing, $"is needed with {set.FullName}: the gateway's HTTPS listener needs both a hostname and a cert-manager ClusterIssuer");
        }
        return config with { GatewayHostname = hostname, GatewayClusterIssuer = issuer };
    }

    private static MaintenanceWindowConfig ReadMaintenanceWindow(RawConfig raw, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.MaintenanceWindow;
        var window = MaintenanceWindowConfig.Default;
        if (!raw.Has(key))
            return window;
        if (raw[key] is not JsonObject obj)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected {{dayOfWeek: Sunday, startTime: \"02:00\", durationHours: 4, utcOffset: \"+00:00\"}}");
            return window;
        }
        foreach (var field in obj.Select(p => p.Key).Where(f => f is not ("dayOfWeek" or "startTime" or "durationHours" or "utcOffset")))
            problem(key, $"has unknown field '{field}'; allowed: dayOfWeek, startTime, durationHours, utcOffset");

        if (obj.ContainsKey("dayOfWeek"))
        {
            if (Scalar(obj["dayOfWeek"]) is { } day && MaintenanceWindowConfig.Days.Contains(day))
                window = window with { DayOfWeek = day };
            else
                problem(key, $"dayOfWeek '{Shown(obj["dayOfWeek"])}' is not allowed; allowed: {string.Join(", ", MaintenanceWindowConfig.Days)}");
        }
        if (obj.ContainsKey("startTime"))
        {
            if (Scalar(obj["startTime"]) is { } start && StartTimePattern().IsMatch(start))
                window = window with { StartTime = start };
            else
                problem(key, $"startTime '{Shown(obj["startTime"])}' is not allowed; expected a 24-hour time \"HH:mm\" such as \"02:00\"");
        }
        if (obj.ContainsKey("durationHours"))
        {
            if (int.TryParse(Scalar(obj["durationHours"]), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
                && hours is >= MaintenanceWindowConfig.MinDurationHours and <= MaintenanceWindowConfig.MaxDurationHours)
                window = window with { DurationHours = hours };
            else
                problem(key, $"durationHours '{Shown(obj["durationHours"])}' is not allowed; expected {MaintenanceWindowConfig.MinDurationHours} to {MaintenanceWindowConfig.MaxDurationHours} (AKS' limits)");
        }
        if (obj.ContainsKey("utcOffset"))
        {
            if (Scalar(obj["utcOffset"]) is { } offset && UtcOffsetPattern().IsMatch(offset))
                window = window with { UtcOffset = offset };
            else
                problem(key, $"utcOffset '{Shown(obj["utcOffset"])}' is not allowed; expected \"+HH:MM\" or \"-HH:MM\" such as \"+01:00\"");
        }
        return window;
    }

    private static ImmutableArray<string> ReadObjectIds(RawConfig raw, ConfigKey key, Action<ConfigKey, string> problem)
    {
        if (!raw.Has(key) || raw[key] is null)
            return [];
        if (raw[key] is not JsonArray array)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected a list of Entra ID group object ids such as [00000000-0000-0000-0000-000000000000]");
            return [];
        }
        var ids = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var id = Scalar(array[i]);
            if (id is null || !Guid.TryParseExact(id, "D", out _))
                problem(key, $"item {i} '{Shown(array[i])}' is not an Entra ID object id; expected a GUID such as 00000000-0000-0000-0000-000000000000 (az ad group show --group <name> --query id)");
            else if (ids.Contains(id, StringComparer.OrdinalIgnoreCase))
                problem(key, $"item {i} '{id}' is listed twice; each group once");
            else
                ids.Add(id);
        }
        return [.. ids];
    }

    private static PlatformConfig ReadNodeRange(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        var min = ReadInteger(raw, ConfigKeys.NodeMinCount, min: 2, max: 1000,
            "at least 2 nodes (Kubernetes Built-in Resiliency) and at most 1000", problem);
        var max = ReadInteger(raw, ConfigKeys.NodeMaxCount, min: 2, max: 1000, "2 to 1000 nodes", problem);
        if (min is null || max is null)
            return config;
        if (max < min)
        {
            problem(ConfigKeys.NodeMaxCount, $"'{max}' is less than platform:nodeMinCount ({min}); set it to at least {min}");
            return config;
        }
        // From Level 3 the pool autoscales, and AKS requires its initial size to lie within the range.
        if (config.Level >= 3 && (config.NodeCount < min || config.NodeCount > max))
            problem(ConfigKeys.NodeCount, $"'{config.NodeCount}' is outside the autoscaler's range {min} to {max} (platform:nodeMinCount, platform:nodeMaxCount); set it within the range");
        return config with { NodeMinCount = min.Value, NodeMaxCount = max.Value };
    }

    /// <summary>The user node pool tenant workloads run on: size, count and, from Level 3, the autoscaler's range.</summary>
    private static PlatformConfig ReadUserPool(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        var vmSize = ReadMatching(raw, ConfigKeys.UserNodeVmSize, VmSizePattern(), "an Azure VM size such as Standard_D4ds_v5", problem);
        var count = ReadInteger(raw, ConfigKeys.UserNodeCount, min: 2, max: 1000,
            "at least 2 nodes (Kubernetes Built-in Resiliency) and at most 1000", problem);
        var min = ReadInteger(raw, ConfigKeys.UserNodeMinCount, min: 2, max: 1000,
            "at least 2 nodes (Kubernetes Built-in Resiliency) and at most 1000", problem);
        var max = ReadInteger(raw, ConfigKeys.UserNodeMaxCount, min: 2, max: 1000, "2 to 1000 nodes", problem);
        config = config with { UserNodeVmSize = vmSize ?? config.UserNodeVmSize, UserNodeCount = count ?? config.UserNodeCount };
        if (min is null || max is null)
            return config;
        if (max < min)
        {
            problem(ConfigKeys.UserNodeMaxCount, $"'{max}' is less than {ConfigKeys.UserNodeMinCount.FullName} ({min}); set it to at least {min}");
            return config;
        }
        // From Level 3 the pool autoscales, and AKS requires its initial size to lie within the range.
        if (config.Level >= ConfigKeys.UserNodeMinCount.FromLevel && count is { } initial && (initial < min || initial > max))
            problem(ConfigKeys.UserNodeCount, $"'{initial}' is outside the autoscaler's range {min} to {max} ({ConfigKeys.UserNodeMinCount.FullName}, {ConfigKeys.UserNodeMaxCount.FullName}); set it within the range");
        return config with { UserNodeMinCount = min.Value, UserNodeMaxCount = max.Value };
    }

    /// <summary>The Level 5 GPU node pool: VM size and the autoscaler's maximum (its minimum is always zero).</summary>
    private static PlatformConfig ReadGpuPool(RawConfig raw, PlatformConfig config, Action<ConfigKey, string> problem)
    {
        var vmSize = ReadMatching(raw, ConfigKeys.GpuNodeVmSize, VmSizePattern(), "an Azure VM size with NVIDIA GPUs such as Standard_NC4as_T4_v3", problem);
        var max = ReadInteger(raw, ConfigKeys.GpuNodeMaxCount, min: 1, max: 100, "1 to 100 nodes", problem);
        return config with { GpuNodeVmSize = vmSize ?? config.GpuNodeVmSize, GpuNodeMaxCount = max ?? config.GpuNodeMaxCount };
    }

    private static ImmutableArray<string> ReadAllowedRegistries(RawConfig raw, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.AllowedRegistries;
        if (!raw.Has(key) || raw[key] is null)
            return [];
        if (raw[key] is not JsonArray array || array.Count == 0)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected a non-empty list of registries such as [registry.example.com, \"*.registry.example.com\"] (an empty list would refuse every tenant pod)");
            return [];
        }
        var registries = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var registry = Scalar(array[i]);
            if (registry is null || !(RegistryPattern().IsMatch(registry) || WildcardRegistryPattern().IsMatch(registry)))
                problem(key, $"item {i} '{Shown(array[i])}' is not a registry; expected host[:port][/path] such as registry.example.com/team, or *.domain such as *.registry.example.com; note that *.azurecr.io would admit every registry in Azure, anyone's");
            else if (registries.Contains(registry))
                problem(key, $"item {i} '{registry}' is listed twice; each registry once");
            else
                registries.Add(registry);
        }
        return [.. registries];
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?\\z")]
    private static partial Regex DnsLabelPattern();

    // The add-on's revision names: asm-<major>-<minor> (Microsoft Learn, Istio add-on upgrade).
    [GeneratedRegex("^asm-1-[0-9]{1,3}$")]
    private static partial Regex MeshRevisionPattern();

    // Gateway API's Hostname pattern (a wildcard only as the first label), at most 253 characters.
    [GeneratedRegex(@"^(?=.{1,253}\z)(\*\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*\z")]
    private static partial Regex GatewayHostnamePattern();

    [GeneratedRegex(@"^(?=.{1,253}\z)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex DnsSubdomainPattern();

    [GeneratedRegex("^([01][0-9]|2[0-3]):[0-5][0-9]\\z")]
    private static partial Regex StartTimePattern();

    [GeneratedRegex("^[+-](0[0-9]|1[0-4]):[0-5][0-9]\\z")]
    private static partial Regex UtcOffsetPattern();

    [GeneratedRegex(@"^\*\.[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+\z")]
    private static partial Regex WildcardRegistryPattern();
}
