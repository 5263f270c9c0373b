using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformMaturity.Model;

namespace PlatformMaturity.Config;

/// <summary>The outcome of validating a stack's config: the config when it is usable, and every problem found.</summary>
public sealed record ConfigParseResult(PlatformConfig? Config, ImmutableArray<ConfigProblem> Problems)
{
    public bool IsValid => Config is not null;
}

/// <summary>Validates raw stack config into a <see cref="PlatformConfig"/>, naming key, value and what is allowed.</summary>
public static partial class PlatformConfigParser
{
    public static ConfigParseResult Parse(RawConfig raw, MaturityModel? model = null)
    {
        model ??= MaturityModel.Default;
        var problems = new List<ConfigProblem>();
        void Problem(ConfigKey key, string message) => problems.Add(new ConfigProblem(key.FullName, message));

        foreach (var key in raw.PlatformKeys.Where(k => ConfigKeys.Find(k) is null))
            problems.Add(new ConfigProblem(key, UnknownKeyMessage(key)));
        foreach (var key in raw.Values.Keys.Where(LooksLikeMisspeltNamespace))
            problems.Add(new ConfigProblem(key, $"the namespace '{key[..key.IndexOf(':')]}' looks like a misspelling of '{ConfigKey.Namespace}', so the key is ignored; write {ConfigKey.Namespace}:{key[(key.IndexOf(':') + 1)..]}"));

        raw = RefuseInlineCredentials(raw, Problem);

        var level = ReadLevel(raw, model, Problem);
        var target = ReadEnum<DeploymentTarget>(raw, ConfigKeys.Target, ConfigNames.TryParseTarget, Problem);
        var environment = ReadEnum<EnvironmentKind>(raw, ConfigKeys.Environment, ConfigNames.TryParseEnvironment, Problem) ?? EnvironmentKind.NonProd;

        var nameProblems = problems.Count;
        var name = ReadString(raw, ConfigKeys.Name, Problem) ?? raw.Stack;
        if (problems.Count == nameProblems && !Names.IsDnsLabel(name, Names.MaxStackLength))
            Problem(ConfigKeys.Name, raw.Has(ConfigKeys.Name)
                ? $"'{name}' is not a valid platform name; allowed: 1 to {Names.MaxStackLength} lowercase letters, digits and hyphens, starting and ending with a letter or digit"
                : $"not set, and the stack name '{raw.Stack}' cannot serve as the platform name; set it to 1 to {Names.MaxStackLength} lowercase letters, digits and hyphens");

        if (target is { } requiredOn && level is { } requiredAt)
        {
            foreach (var key in ConfigKeys.All.Where(k => k.Required && k.NeededAt(requiredAt, requiredOn) && !raw.Has(k) && k != ConfigKeys.Regions))
                Problem(key, $"is required from Level {key.FromLevel}: {key.Description}");
        }

        if (target is { } t)
        {
            foreach (var key in ConfigKeys.All.Where(k => !k.AppliesTo(t) && raw.Has(k)))
                Problem(key, $"applies to target '{ConfigNames.Of(key.Target!.Value)}' only; this stack's target is '{ConfigNames.Of(t)}' (remove the key)");
        }

        var tenants = ReadTenants(raw, level, Problem);
        // A control the stack file does not record (introduced by a newer pmctl) arrives staged, like one an upgrade brings.
        var staged = Enforcements.StagedGiven(ReadEnforcementIds(raw, ConfigKeys.Staged, Problem),
            raw.Has(ConfigKeys.Enforced) ? ReadEnforcementIds(raw, ConfigKeys.Enforced, Problem) : null);
        var attestations = ReadAttestations(raw, model, Problem);
        var config = new PlatformConfig
        {
            Stack = raw.Stack,
            Name = name,
            Level = level ?? 0,
            Target = target ?? DeploymentTarget.Existing,
            Environment = environment,
            Tenants = tenants,
            Staged = staged,
            Attestations = attestations,
            SecretsSet = ReadSecrets(raw, Problem),
            AlertReceiver = ReadEnum<AlertReceiverKind>(raw, ConfigKeys.AlertReceiver, ConfigNames.TryParseAlertReceiver, Problem) ?? AlertReceiverKind.Webhook,
            MetricsRetention = ReadMatching(raw, ConfigKeys.MetricsRetention, DurationPattern(), "a duration such as 15d, 4w or 720h", Problem) ?? "15d",
            MetricsStorageSize = ReadMatching(raw, ConfigKeys.MetricsStorageSize, StorageSizePattern(), "a volume size such as 50Gi or 1Ti", Problem) ?? "50Gi",
            BackupSchedule = ReadKubernetesSchedule(raw, ConfigKeys.BackupSchedule, Problem) ?? "0 2 * * *",
            BackupRetentionDays = ReadInteger(raw, ConfigKeys.BackupRetentionDays, min: 1, max: 3650, "a number of days from 1 to 3650", Problem) ?? 30,
            TracesEndpoint = ReadOptionalMatching(raw, ConfigKeys.TracesEndpoint, EndpointPattern(), "an OTLP gRPC endpoint host:port such as tempo.example.com:4317", Problem),
            GitOps = ReadGitOps(raw, Problem),
            ImageSigning = ReadImageSigning(raw, Problem),
        };

        if (target == DeploymentTarget.Azure)
        {
            config = config with
            {
                // platform:clusters names the regions when platform:regions is left out.
                Regions = raw.Has(ConfigKeys.Clusters) && !raw.Has(ConfigKeys.Regions) ? [] : ReadRegions(raw, Problem),
                KubernetesVersion = ReadKubernetesVersion(raw, Problem),
                NodeVmSize = ReadMatching(raw, ConfigKeys.NodeVmSize, VmSizePattern(), "an Azure VM size such as Standard_D4ds_v5", Problem),
                NodeCount = ReadInteger(raw, ConfigKeys.NodeCount, min: 2, max: 1000,
                    "at least 2 nodes (Kubernetes Built-in Resiliency) and at most 1000", Problem) ?? 2,
                SkuTier = ReadAllowed(raw, ConfigKeys.SkuTier, Problem),
                Zones = ReadZones(raw, Problem),
                CiRepositories = ReadRepositories(raw, Problem),
                RegistryZoneRedundancy = ReadBoolean(raw, ConfigKeys.RegistryZoneRedundancy, Problem) ?? true,
            };
        }
        else if (target == DeploymentTarget.Existing)
        {
            config = config with
            {
                KubeContext = ReadString(raw, ConfigKeys.KubeContext, Problem),
                Registry = ReadMatching(raw, ConfigKeys.Registry, RegistryPattern(), "a registry host[:port][/path] such as localhost:5001 or registry.example.com/team", Problem),
                BackupLocation = ReadBackupLocation(raw, name, level, Problem),
            };
        }

        if (target is not null)
            config = ReadTopology(raw, config, Problem);
        if (target is not null)
            config = ReadSecurityAndEfficiencyKeys(raw, config, Problem);
        if (level is not null)
            RefuseTenantPrefixClaims(config, model, Problem);
        if (target is not null && level is not null)
            config = ReadLevel4ClusterKeys(raw, config, model, Problem);
        if (target is not null && level is not null)
            config = ReadSla(raw, config, model, Problem);
        config = config with { ProductionChaos = ReadProductionChaos(raw, config, Problem) };
        config = ReadZeroTrustKeys(raw, config, Problem);
        config = ReadNetworkAuditingKeys(raw, config, Problem);
        config = ReadTenantBudgets(raw, config, Problem);
        config = ReadRwxStorageClass(raw, config, Problem);
        config = ReadWorkingHours(raw, config, Problem);
        if (target is not null && level is not null)
            config = ReadPortalKeys(raw, config, Problem);

        return problems.Count == 0
            ? new ConfigParseResult(config, [])
            : new ConfigParseResult(null, [.. problems]);
    }

    /// <summary>Validates and throws <see cref="StackConfigException"/> with every problem.</summary>
    public static PlatformConfig ParseOrThrow(RawConfig raw, string origin, MaturityModel? model = null)
    {
        var result = Parse(raw, model);
        return result.Config ?? throw new StackConfigException(origin, result.Problems);
    }

    private static int? ReadLevel(RawConfig raw, MaturityModel model, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.Level;
        var allowed = string.Join(", ", model.Levels.Select(l => l.Number));
        if (!raw.Has(key))
        {
            problem(key, $"is required; allowed: {allowed}");
            return null;
        }
        var text = Scalar(raw[key]);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var level) || !model.IsLevel(level))
        {
            problem(key, $"'{Shown(raw[key])}' is not a maturity level; allowed: {allowed}");
            return null;
        }
        return level;
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static T? ReadEnum<T>(RawConfig raw, ConfigKey key, TryParse<T> parse, Action<ConfigKey, string> problem)
        where T : struct
    {
        var allowed = string.Join(", ", key.Allowed);
        if (!raw.Has(key))
        {
            if (key.Required)
                problem(key, $"is required; allowed: {allowed}");
            return null;
        }
        if (Scalar(raw[key]) is { } text && parse(text, out var value))
            return value;
        var hint = Scalar(raw[key]) is { } given && Text.DidYouMean.Closest(given, key.Allowed, maxDistance: 2) is { } closest ? $"; did you mean {closest}?" : "";
        problem(key, $"'{Shown(raw[key])}' is not allowed; allowed: {allowed}{hint}");
        return null;
    }

    private static string? ReadString(RawConfig raw, ConfigKey key, Action<ConfigKey, string> problem)
    {
        if (!raw.Has(key))
            return null;
        var text = Scalar(raw[key]);
        if (string.IsNullOrWhiteSpace(text))
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected a non-empty string");
            return null;
        }
        return text;
    }

    private static string? ReadMatching(RawConfig raw, ConfigKey key, Regex pattern, string expected, Action<ConfigKey, string> problem)
    {
        var text = raw.Has(key) ? Scalar(raw[key]) : key.Default?.GetValue<string>();
        if (text is not null && pattern.IsMatch(text))
            return text;
        problem(key, $"'{Shown(raw[key])}' is not allowed; expected {expected}");
        return null;
    }

    private static string? ReadKubernetesVersion(RawConfig raw, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.KubernetesVersion;
        var version = ReadMatching(raw, key, KubernetesVersionPattern(), "a Kubernetes version such as 1.34 or 1.34.2", problem);
        if (version is null)
            return version;
        // Each part must fit an int: 1.99999999999 matches the pattern but is no version.
        if (!Version.TryParse(string.Join('.', version.Split('.').Take(2)), out var parsed) || version.Split('.').Any(p => !int.TryParse(p, CultureInfo.InvariantCulture, out _)))
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed: a number in it is out of range; expected a Kubernetes version such as 1.34 or 1.34.2");
            return null;
        }
        if (parsed >= Version.Parse(Versions.Pins.AksMinimumKubernetesVersion))
            return version;
        problem(key, $"'{version}' is older than AKS supports; use {Versions.Pins.AksMinimumKubernetesVersion} or newer (default {Versions.Pins.AksKubernetesVersion})");
        return null;
    }

    private static int? ReadInteger(RawConfig raw, ConfigKey key, int min, int max, string expected, Action<ConfigKey, string> problem)
    {
        if (!raw.Has(key))
            return key.Default?.GetValue<int>();
        if (int.TryParse(Scalar(raw[key]), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
            return value;
        problem(key, $"'{Shown(raw[key])}' is not allowed; expected {expected}");
        return null;
    }

    private static string? ReadAllowed(RawConfig raw, ConfigKey key, Action<ConfigKey, string> problem)
    {
        var text = raw.Has(key) ? Scalar(raw[key]) : key.Default?.GetValue<string>();
        if (text is not null && key.Allowed.Contains(text))
            return text;
        problem(key, $"'{Shown(raw[key])}' is not allowed; allowed: {string.Join(", ", key.Allowed)}");
        return null;
    }

    private static ImmutableArray<string> ReadZones(RawConfig raw, Action<ConfigKey, string> problem) =>
        ReadStringList(raw, ConfigKeys.Zones, problem, (zone, at) =>
            zone is "1" or "2" or "3" ? null : $"{at} '{zone}' is not an availability zone; allowed: 1, 2, 3");

    /// <summary>Enforcement ids; a retired id reads as the control it was merged into (staged stays staged).</summary>
    private static ImmutableArray<string> ReadEnforcementIds(RawConfig raw, ConfigKey key, Action<ConfigKey, string> problem) =>
        [.. ReadStringList(raw, key, problem, (id, at) => Enforcements.Find(Enforcements.Current(id)) is null
            ? $"{at} '{id}' is not an enforcement; allowed: {string.Join(", ", Enforcements.All.Select(e => e.Id))}"
            : null).Select(Enforcements.Current).Distinct(StringComparer.Ordinal)];

    /// <summary>A list of distinct strings, each checked by <paramref name="check"/> (null when fine, else the problem).</summary>
    private static ImmutableArray<string> ReadStringList(RawConfig raw, ConfigKey key, Action<ConfigKey, string> problem, Func<string, string, string?> check)
    {
        if (!raw.Has(key) || raw[key] is null)
            return [];
        if (raw[key] is not JsonArray array)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected a list");
            return [];
        }
        var items = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"item {i}";
            var text = Scalar(array[i]);
            var issue = text is null ? $"{at} '{Shown(array[i])}' is not a string" : check(text, at) ?? (items.Contains(text) ? $"{at} '{text}' is listed twice" : null);
            if (issue is null)
                items.Add(text!);
            else
                problem(key, issue);
        }
        return [.. items];
    }

    private static ImmutableArray<Attestation> ReadAttestations(RawConfig raw, MaturityModel model, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.Attestations;
        if (!raw.Has(key) || raw[key] is null)
            return [];
        if (raw[key] is not JsonArray array)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected a list of {{id, by, at}}");
            return [];
        }
        var known = model.Levels.SelectMany(l => l.Requirements).Select(r => r.Id)
            .Concat(Planning.AvailabilityModel.AttestationIds(model)).ToHashSet();
        var attestations = new List<Attestation>();
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"item {i}";
            if (array[i] is not JsonObject item || Scalar(item["id"]) is not { } id)
            {
                problem(key, $"{at} '{Shown(array[i])}' is not an attestation; expected {{id, by, at}}");
                continue;
            }
            if (!known.Contains(id))
                problem(key, $"{at} id '{id}' is not a requirement of any level; see the ids in pmctl describe <level>");
            else if (attestations.Any(a => a.Id == id))
                problem(key, $"{at} id '{id}' is attested twice");
            var by = Scalar(item["by"]);
            var when = Scalar(item["at"]);
            if (string.IsNullOrWhiteSpace(by))
                problem(key, $"{at} ({id}) has no 'by': who attests it");
            if (when is null || !DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
                problem(key, $"{at} ({id}) 'at' '{Shown(item["at"])}' is not a timestamp; expected ISO 8601 such as 2026-11-24T09:00:00Z");
            attestations.Add(new Attestation(id, by ?? "", when ?? ""));
        }
        return [.. attestations];
    }

    private static string? ReadOptionalMatching(RawConfig raw, ConfigKey key, Regex pattern, string expected, Action<ConfigKey, string> problem) =>
        raw.Has(key) ? ReadMatching(raw, key, pattern, expected, problem) : null;

    private static BackupLocation ReadBackupLocation(RawConfig raw, string platformName, int? level, Action<ConfigKey, string> problem)
    {
        var roleArn = ReadOptionalMatching(raw, ConfigKeys.BackupRoleArn, RoleArnPattern(), "an IAM role ARN such as arn:aws:iam::123456789012:role/velero", problem);
        if (roleArn is not null && level < ConfigKeys.BackupRoleArn.FromLevel)
            problem(ConfigKeys.BackupRoleArn, $"needs Level {ConfigKeys.BackupRoleArn.FromLevel} (Identity-based Access Control); below it Velero uses {ConfigKeys.BackupCredentials.FullName}");
        var fallback = BackupLocation.DefaultFor(platformName);
        var bucket = ReadOptionalMatching(raw, ConfigKeys.BackupBucket, BucketPattern(), "an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens", problem);
        var region = ReadOptionalMatching(raw, ConfigKeys.BackupRegion, BucketRegionPattern(), "a region such as us-east-1 (S3-compatible stores accept any short name)", problem);
        var url = ReadOptionalMatching(raw, ConfigKeys.BackupS3Url, S3UrlPattern(), "an http(s) URL such as https://minio.example.com:9000", problem);
        return new BackupLocation(bucket ?? fallback.Bucket, region ?? fallback.Region, url, roleArn);
    }

    private static ImmutableArray<string> ReadRepositories(RawConfig raw, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.CiRepositories;
        if (!raw.Has(key) || raw[key] is null)
            return [];
        if (raw[key] is not JsonArray array)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected a list of GitHub repositories such as [my-org/my-app]");
            return [];
        }
        // Azure allows at most 20 federated credentials on one identity.
        if (array.Count > 20)
            problem(key, $"lists {array.Count} repositories; at most 20 (Azure's limit of federated credentials per identity)");
        var repositories = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var repository = Scalar(array[i]);
            if (repository is null || !RepositoryPattern().IsMatch(repository))
                problem(key, $"item {i} '{Shown(array[i])}' is not a GitHub repository; expected owner/repo such as my-org/my-app");
            else if (repositories.Contains(repository, StringComparer.OrdinalIgnoreCase))
                problem(key, $"item {i} '{repository}' is listed twice; each repository once");
            else
                repositories.Add(repository);
        }
        return [.. repositories];
    }

    /// <summary>Keys of other namespaces are Pulumi's or providers' (azure:location); one a typo away from ours is a mistake.</summary>
    private static bool LooksLikeMisspeltNamespace(string key)
    {
        var colon = key.IndexOf(':');
        if (colon <= 0)
            return false;
        var ns = key[..colon];
        return ns != ConfigKey.Namespace && Text.DidYouMean.Closest(ns.ToLowerInvariant(), [ConfigKey.Namespace], maxDistance: 2) is not null;
    }

    private static string UnknownKeyMessage(string key)
    {
        var known = string.Join(", ", ConfigKeys.All.Select(k => k.FullName));
        return Text.DidYouMean.Closest(key, ConfigKeys.All.Select(k => k.FullName)) is { } closest
            ? $"is not a known key; did you mean {closest}? Known keys: {known}"
            : $"is not a known key; known keys: {known}";
    }


    /// <summary>The text of a scalar node, or null for arrays, objects and missing values.</summary>
    /// <summary>
    /// Refuses a key set below the level it starts at (<see cref="ConfigKey.FromLevel"/>), naming the practice that
    /// brings it; true when refused.
    /// </summary>
    private static bool RefusedBelowItsLevel(ConfigKey key, PlatformConfig config, string practice, Action<ConfigKey, string> problem)
    {
        if (config.Level >= key.FromLevel)
            return false;
        problem(key, $"needs Level {key.FromLevel} ({practice}); remove it or upgrade");
        return true;
    }

    private static string? Scalar(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        }
        : null;

    /// <summary>A value as the error message shows it: scalars as text, structures as compact JSON, long ones cut.</summary>
    private static string Shown(JsonNode? node)
    {
        // Redacted before it is cut, so a cut never leaves half a password behind.
        var text = Text.Redaction.Visible(Text.Redaction.Redact(node is null ? "null" : Scalar(node) ?? node.ToJsonString()), lineBreaks: true);
        return text.Length > 60 ? text[..60] + "…" : text;
    }

    [GeneratedRegex("^[1-9][0-9]*(h|d|w|y)\\z")]
    private static partial Regex DurationPattern();

    [GeneratedRegex("^[1-9][0-9]{0,5}(Mi|Gi|Ti)\\z")]
    private static partial Regex StorageSizePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\\z")]
    private static partial Regex BucketPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,30}[a-z0-9]\\z")]
    private static partial Regex BucketRegionPattern();

    [GeneratedRegex(@"^https?://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?\z")]
    private static partial Regex S3UrlPattern();

    /// <summary>An IAM role ARN (AWS, or an S3-compatible store's STS such as MinIO's arn:minio:iam:::role/...).</summary>
    [GeneratedRegex(@"^arn:[a-z0-9-]+:iam:[a-z0-9-]*:[0-9]*:role/[A-Za-z0-9+=,.@_/-]{1,512}\z")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?:[0-9]{1,5}\\z")]
    private static partial Regex EndpointPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}\\z")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^\d+\.\d+(\.\d+)?\z")]
    private static partial Regex KubernetesVersionPattern();

    [GeneratedRegex("^Standard_[A-Za-z0-9_]+\\z")]
    private static partial Regex VmSizePattern();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9._-]+)*\z")]
    private static partial Regex RegistryPattern();
}
