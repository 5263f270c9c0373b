using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace PlatformMaturity.Config;

/// <summary>Validation of who uses the platform: tenants, their groups and the auditors' group.</summary>
public static partial class PlatformConfigParser
{
    private static ImmutableArray<Tenant> ReadTenants(RawConfig raw, int? level, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.Tenants;
        if (!raw.Has(key) || raw[key] is null)
            return [];
        if (raw[key] is not JsonArray array)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected a list of tenants such as [{{name: team-a, group: team-a-devs, tier: medium}}]");
            return [];
        }
        var tenants = new List<Tenant>();
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"item {i}";
            if (array[i] is not JsonObject item)
            {
                problem(key, $"{at} '{Shown(array[i])}' is not a tenant; expected {{name, group, tier}}");
                continue;
            }
            foreach (var field in item.Select(p => p.Key).Where(f => f is not ("name" or "group" or "tier" or "repos" or "channel" or WorkloadIdentitiesField)))
                problem(key, $"{at} has unknown field '{field}'; allowed: name, group, tier, repos, channel, {WorkloadIdentitiesField}");

            var name = Scalar(item["name"]);
            if (name is null)
            {
                problem(key, $"{at} has no name; each tenant needs a name (a DNS-1123 label, also its namespace)");
                continue;
            }
            if (!Names.IsDnsLabel(name))
                problem(key, $"{at} name '{Shown(item["name"])}' is not a DNS-1123 label; allowed: 1 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit");
            else if (Names.ReservedNamespaces.Contains(name) || Composition.PlatformNamespaces.IsPlatformNamespace(name))
                problem(key, $"{at} name '{name}' is reserved for Kubernetes or the platform; choose another tenant name");
            else if (tenants.Any(t => t.Name == name))
                problem(key, $"{at} name '{name}' is used twice; tenant names must be unique");

            var group = item.ContainsKey("group") ? Scalar(item["group"]) : null;
            if (item.ContainsKey("group") && string.IsNullOrWhiteSpace(group))
                problem(key, $"{at} ({name}) group '{Shown(item["group"])}' is not allowed; expected the team's group name or Entra ID object id");
            else if (group is null && level >= 2)
                problem(key, $"{at} ({name}) has no group; from Level 2 each tenant needs its team's group (bound to the namespace's edit role)");
            else if (group is not null && IsSystemGroup(group))
            {
                problem(key, $"{at} ({name}) group '{group}' is a Kubernetes system group: {SystemGroupEffect(group)} would get edit rights in {name}; " +
                    "allowed: the team's own group (a group name, or an Entra ID object id on azure), never one starting with system:");
                group = null;
            }

            var tier = TenantTier.Medium;
            if (item.ContainsKey("tier") && (Scalar(item["tier"]) is not { } tierText || !ConfigNames.TryParseTier(tierText, out tier)))
                problem(key, $"{at} ({name}) tier '{Shown(item["tier"])}' is not allowed; allowed: {string.Join(", ", ConfigNames.Tiers)}");

            tenants.Add(new Tenant(name, group, tier)
            {
                Repos = ReadTenantRepos(item, at, name, problem),
                Channel = ReadTenantChannel(item, at, name, problem),
                WorkloadIdentities = ReadWorkloadIdentities(item, at, name, level, problem),
            });
        }
        return [.. tenants];
    }

    /// <summary>
    /// From the level where teams create their own namespaces (Kubernetes Landing Zone), a tenant's namespaces are its
    /// name and <see cref="TenantNamespaces.Glob"/>, and the objects that cannot select by label follow that glob. A
    /// tenant whose name followed by '-' begins another tenant's name or a platform namespace would be handed that
    /// namespace (and, for a tenant, every namespace it creates): refused, on the later of two tenants.
    /// </summary>
    private static void RefuseTenantPrefixClaims(PlatformConfig config, Model.MaturityModel model, Action<ConfigKey, string> problem)
    {
        var landingZone = model.TryGetPractice(Practices.Delivery.KubernetesLandingZone.PracticeName, out var practice) ? practice.FirstLevel : (int?)null;
        if (landingZone is null || config.Level < landingZone)
            return;
        var why = $"from Level {landingZone} a tenant's namespaces are its name and <name>{TenantNamespaces.Separator}* (Capsule's forceTenantPrefix), " +
                  "and its Argo CD destinations, backups and metrics follow that pattern";
        var platform = Composition.PlatformNamespaces.WithKubeSystem.Concat(Names.ReservedNamespaces).Append(config.IngressNamespace).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < config.Tenants.Length; i++)
        {
            var name = config.Tenants[i].Name;
            var at = $"item {i}";
            foreach (var earlier in config.Tenants.Take(i).Select(t => t.Name))
            {
                var (shorter, longer) = TenantNamespaces.PrefixClaim(name, [earlier]) is not null ? (name, earlier)
                    : TenantNamespaces.PrefixClaim(earlier, [name]) is not null ? (earlier, name) : (null, null);
                if (shorter is null)
                    continue;
                problem(ConfigKeys.Tenants, (shorter == name
                        ? $"{at} name '{name}' would claim tenant '{earlier}': "
                        : $"{at} name '{name}' starts with '{TenantNamespaces.Prefix(earlier)}', so it is a namespace tenant '{earlier}' may create: ") +
                    $"{why}, so {TenantNamespaces.Glob(shorter)} would give tenant '{shorter}' the namespaces of tenant '{longer}'; " +
                    "allowed: names where no tenant's name followed by '-' begins another's (rename one of the two)");
            }
            if (TenantNamespaces.PrefixClaim(name, platform) is { } claimed)
                problem(ConfigKeys.Tenants, $"{at} name '{name}' would claim the platform namespace '{claimed}': {why}, so {TenantNamespaces.Glob(name)} " +
                    $"would give tenant '{name}' '{claimed}'; allowed: a name that, followed by '-', begins no platform namespace (kube-*, {string.Join(", ", platform.Where(p => !p.StartsWith("kube-", StringComparison.Ordinal)).Order(StringComparer.Ordinal))})");
        }
    }

    /// <summary>A tenant's Git repositories: https URLs without credentials (Argo CD's AppProject sourceRepos).</summary>
    private static ImmutableArray<string> ReadTenantRepos(JsonObject item, string at, string name, Action<ConfigKey, string> problem)
    {
        if (!item.ContainsKey("repos"))
            return [];
        if (item["repos"] is not JsonArray repos)
        {
            problem(ConfigKeys.Tenants, $"{at} ({name}) repos '{Shown(item["repos"])}' is not allowed; expected a list of https Git URLs such as [https://github.com/acme/shop.git]");
            return [];
        }
        var result = new List<string>();
        foreach (var repo in repos)
        {
            if (Scalar(repo) is { } url && GitUrlPattern().IsMatch(url) && !result.Contains(url))
                result.Add(url);
            else
                problem(ConfigKeys.Tenants, $"{at} ({name}) repo '{Shown(repo)}' is not allowed; expected an https Git URL without credentials, listed once, such as https://github.com/acme/shop.git");
        }
        return [.. result];
    }

    private static string? ReadTenantChannel(JsonObject item, string at, string name, Action<ConfigKey, string> problem)
    {
        if (!item.ContainsKey("channel"))
            return null;
        if (Scalar(item["channel"]) is { } channel && ChannelPattern().IsMatch(channel))
            return channel;
        problem(ConfigKeys.Tenants, $"{at} ({name}) channel '{Shown(item["channel"])}' is not allowed; expected a channel name such as team-a-deploys (letters, digits, '-', '_', '.', at most 80)");
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._~-]+)+$")]
    internal static partial System.Text.RegularExpressions.Regex GitUrlPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")]
    private static partial System.Text.RegularExpressions.Regex ChannelPattern();

    /// <summary>Tenant field listing the service accounts that get a cloud identity (Level 5).</summary>
    public const string WorkloadIdentitiesField = "workloadIdentities";

    private static ImmutableArray<string> ReadWorkloadIdentities(JsonObject item, string at, string tenant, int? level, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.Tenants;
        if (!item.ContainsKey(WorkloadIdentitiesField) || item[WorkloadIdentitiesField] is null)
            return [];
        if (item[WorkloadIdentitiesField] is not JsonArray array)
        {
            problem(key, $"{at} ({tenant}) {WorkloadIdentitiesField} '{Shown(item[WorkloadIdentitiesField])}' is not allowed; expected a list of service account names such as [billing-api]");
            return [];
        }
        if (level < IdentityFromLevel)
            problem(key, $"{at} ({tenant}) {WorkloadIdentitiesField} needs Level {IdentityFromLevel} (Identity-based Access Control); remove it or upgrade");
        var names = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var sa = Scalar(array[i]);
            if (sa is null || !Names.IsDnsLabel(sa))
                problem(key, $"{at} ({tenant}) {WorkloadIdentitiesField} item {i} '{Shown(array[i])}' is not a service account name; allowed: a DNS-1123 label");
            else if (tenant.Length + sa.Length > MaxIdentityNameLength)
                problem(key, $"{at} ({tenant}) {WorkloadIdentitiesField} item '{sa}': tenant and service account names together exceed {MaxIdentityNameLength} characters, too long for the Azure names of its identity and federated credential");
            else if (names.Contains(sa))
                problem(key, $"{at} ({tenant}) {WorkloadIdentitiesField} lists '{sa}' twice");
            else
                names.Add(sa);
        }
        return [.. names];
    }

    /// <summary>Federated credential names allow 120 characters: wi-, the separators, -federation and Pulumi's 8-character suffix take 24.</summary>
    private const int MaxIdentityNameLength = 96;

    /// <summary>The level of Identity-based Access Control, which brings tenant workload identities.</summary>
    private const int IdentityFromLevel = 5;

    private static string? ReadAuditorGroup(RawConfig raw, DeploymentTarget target, Action<ConfigKey, string> problem) =>
        ReadGroup(raw, ConfigKeys.AuditorGroup, target, "read access to the whole cluster", "the auditors' own group", problem);

    private static string? ReadGroup(RawConfig raw, ConfigKey key, DeploymentTarget target, string grants, string expected, Action<ConfigKey, string> problem)
    {
        var group = ReadString(raw, key, problem);
        if (group is not null && IsSystemGroup(group))
        {
            problem(key, $"'{group}' is a Kubernetes system group: {SystemGroupEffect(group)} would get {grants}; " +
                $"allowed: {expected} (a group name, or an Entra ID object id on azure), never one starting with system:");
            return null;
        }
        if (group is not null && target == DeploymentTarget.Azure && !Guid.TryParseExact(group, "D", out _))
        {
            problem(key, $"'{group}' is not an Entra ID object id; on azure RBAC binds groups by object id, " +
                "e.g. 00000000-0000-0000-0000-000000000000 (az ad group show --group <name> --query id)");
            return null;
        }
        return group;
    }

    /// <summary>
    /// Groups Kubernetes itself assigns (system:authenticated, system:serviceaccounts, system:masters, ...): binding one
    /// gives a role to everyone the API server puts in it, not to a team. The prefix is reserved by Kubernetes.
    /// </summary>
    private static bool IsSystemGroup(string group) => group.StartsWith("system:", StringComparison.OrdinalIgnoreCase);

    private static string SystemGroupEffect(string group) => group.ToLowerInvariant() switch
    {
        "system:authenticated" => "every signed-in user",
        "system:unauthenticated" => "every anonymous request",
        "system:serviceaccounts" => "every service account of every namespace",
        "system:masters" => "the cluster administrators (who need nothing more)",
        _ when group.StartsWith("system:serviceaccounts:", StringComparison.OrdinalIgnoreCase) => $"every service account of namespace {group["system:serviceaccounts:".Length..]}",
        _ => "every identity Kubernetes puts in that group",
    };

    /// <summary>With Entra ID integration, RoleBindings name groups by object id, so a group name would bind nobody.</summary>
    private static void CheckTenantGroupsAreObjectIds(PlatformConfig config, Action<ConfigKey, string> problem)
    {
        foreach (var tenant in config.Tenants.Where(t => t.Group is not null && !Guid.TryParseExact(t.Group, "D", out _)))
            problem(ConfigKeys.Tenants, $"tenant '{tenant.Name}' group '{tenant.Group}' is not an Entra ID object id; on azure RoleBindings name groups by object id " +
                "(az ad group show --group <name> --query id)");
    }
}
