using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PlatformMaturity.Config;

/// <summary>Validation of the Level 4 delivery keys: platform:gitops and platform:imageSigning.</summary>
public static partial class PlatformConfigParser
{
    private static readonly string[] GitOpsFields = ["repoUrl", "path", "revision", "repoUsername", "oidc", "syncWindows", "notificationService"];

    private static GitOpsConfig ReadGitOps(RawConfig raw, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.GitOps;
        var defaults = GitOpsConfig.Default;
        if (!raw.Has(key) || raw[key] is null)
            return defaults;
        if (raw[key] is not JsonObject obj)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected {{repoUrl: https://github.com/acme/platform.git, path: platform, revision: main}}");
            return defaults;
        }
        foreach (var field in obj.Select(p => p.Key).Where(f => !GitOpsFields.Contains(f)))
            problem(key, $"has unknown field '{field}'; allowed: {string.Join(", ", GitOpsFields)}");

        string? Field(string name, Regex pattern, string expected)
        {
            if (!obj.ContainsKey(name))
                return null;
            if (Scalar(obj[name]) is { } text && pattern.IsMatch(text))
                return text;
            problem(key, $"{name} '{Shown(obj[name])}' is not allowed; expected {expected}");
            return null;
        }

        var repoUrl = Field("repoUrl", RepoUrlPattern(), "an https or ssh Git URL without credentials, such as https://github.com/acme/platform.git or git@github.com:acme/platform.git");
        var path = Field("path", GitPathPattern(), "a relative folder such as platform or clusters/prod (no '..', no leading '/')") ?? defaults.Path;
        if (path.Split('/').Contains(".."))
        {
            problem(key, $"path '{path}' is not allowed; '..' would leave the repository");
            path = defaults.Path;
        }
        var revision = Field("revision", RevisionPattern(), "a branch, tag or commit such as main or v1.2.0") ?? defaults.Revision;
        var user = Field("repoUsername", UserNamePattern(), "a user name such as git or x-access-token");
        var service = NotificationServiceKind.Slack;
        if (obj.ContainsKey("notificationService") && (Scalar(obj["notificationService"]) is not { } serviceText || !TryService(serviceText, out service)))
            problem(key, $"notificationService '{Shown(obj["notificationService"])}' is not allowed; allowed: slack, teams, webhook");

        return new GitOpsConfig(repoUrl, path, revision, user, ReadOidc(obj, problem), ReadSyncWindows(obj, problem), service);
    }

    private static bool TryService(string text, out NotificationServiceKind service)
    {
        service = text switch { "slack" => NotificationServiceKind.Slack, "teams" => NotificationServiceKind.Teams, "webhook" => NotificationServiceKind.Webhook, _ => (NotificationServiceKind)(-1) };
        return Enum.IsDefined(service);
    }

    private static OidcConfig? ReadOidc(JsonObject gitops, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.GitOps;
        if (!gitops.ContainsKey("oidc") || gitops["oidc"] is null)
            return null;
        if (gitops["oidc"] is not JsonObject oidc || Scalar(oidc["issuer"]) is not { } issuer || Scalar(oidc["clientId"]) is not { } clientId
            || !IssuerPattern().IsMatch(issuer) || !ClientIdPattern().IsMatch(clientId) || oidc.Any(p => p.Key is not ("issuer" or "clientId" or "adminGroup")))
        {
            problem(key, $"oidc '{Shown(gitops["oidc"])}' is not allowed; expected {{issuer: https://login.microsoftonline.com/<tenant-id>/v2.0, clientId: <application id>, adminGroup: <group>}}");
            return null;
        }
        var adminGroup = oidc.ContainsKey("adminGroup") ? Scalar(oidc["adminGroup"]) : null;
        if (adminGroup is not null && !ClientIdPattern().IsMatch(adminGroup))
        {
            problem(key, $"oidc.adminGroup '{Shown(oidc["adminGroup"])}' is not allowed; expected a group name or object id");
            return null;
        }
        return new OidcConfig(issuer, clientId, adminGroup);
    }

    private static ImmutableArray<SyncWindowConfig> ReadSyncWindows(JsonObject gitops, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.GitOps;
        if (!gitops.ContainsKey("syncWindows") || gitops["syncWindows"] is null)
            return [];
        if (gitops["syncWindows"] is not JsonArray windows)
        {
            problem(key, $"syncWindows '{Shown(gitops["syncWindows"])}' is not allowed; expected a list such as [{{kind: allow, schedule: \"0 8 * * 1-4\", duration: 8h, timeZone: Europe/Amsterdam}}]");
            return [];
        }
        var result = new List<SyncWindowConfig>();
        for (var i = 0; i < windows.Count; i++)
        {
            var at = $"syncWindows item {i}";
            if (windows[i] is not JsonObject w || w.Any(p => p.Key is not ("kind" or "schedule" or "duration" or "timeZone")))
            {
                problem(key, $"{at} '{Shown(windows[i])}' is not allowed; expected {{kind, schedule, duration, timeZone}}");
                continue;
            }
            var kind = Scalar(w["kind"]);
            var schedule = Scalar(w["schedule"]);
            var duration = Scalar(w["duration"]);
            var zone = w.ContainsKey("timeZone") ? Scalar(w["timeZone"]) : "UTC";
            if (kind is not ("allow" or "deny"))
                problem(key, $"{at} kind '{Shown(w["kind"])}' is not allowed; allowed: allow, deny");
            else if (schedule is null || !Schedules.KubernetesCron.IsValid(schedule))
                problem(key, $"{at} schedule '{Shown(w["schedule"])}' is not allowed; expected a five-field cron such as \"0 8 * * 1-4\"");
            else if (duration is null || !WindowDurationPattern().IsMatch(duration))
                problem(key, $"{at} duration '{Shown(w["duration"])}' is not allowed; expected a duration such as 30m or 8h");
            else if (zone is null || !TimeZonePattern().IsMatch(zone))
                problem(key, $"{at} timeZone '{Shown(w["timeZone"])}' is not allowed; expected an IANA time zone such as UTC or Europe/Amsterdam");
            else
                result.Add(new SyncWindowConfig(kind, schedule, duration, zone));
        }
        return [.. result];
    }

    private static ImageSigningConfig ReadImageSigning(RawConfig raw, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.ImageSigning;
        if (!raw.Has(key) || raw[key] is null)
            return ImageSigningConfig.Default;
        if (raw[key] is not JsonObject obj || obj.Any(p => p.Key is not ("issuer" or "identities")))
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected {{issuer: {ImageSigningConfig.GitHubActionsIssuer}, identities: [https://github.com/acme/shop/.github/workflows/ci.yaml@refs/heads/main]}}");
            return ImageSigningConfig.Default;
        }
        var issuer = ImageSigningConfig.GitHubActionsIssuer;
        if (obj.ContainsKey("issuer"))
        {
            if (Scalar(obj["issuer"]) is { } text && IssuerPattern().IsMatch(text))
                issuer = text;
            else
                problem(key, $"issuer '{Shown(obj["issuer"])}' is not allowed; expected an https OIDC issuer URL such as {ImageSigningConfig.GitHubActionsIssuer}");
        }
        var identities = new List<string>();
        if (obj["identities"] is JsonArray list)
        {
            foreach (var item in list)
            {
                if (Scalar(item) is { } subject && SubjectPattern().IsMatch(subject))
                    identities.Add(subject);
                else
                    problem(key, $"identity '{Shown(item)}' is not allowed; expected an exact certificate subject such as an https workflow URL or an e-mail address");
            }
        }
        else if (obj.ContainsKey("identities") && obj["identities"] is not null)
            problem(key, $"identities '{Shown(obj["identities"])}' is not allowed; expected a list of certificate subjects");
        return new ImageSigningConfig(issuer, [.. identities.Distinct(StringComparer.Ordinal)]);
    }

    [GeneratedRegex(@"^(https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._~-]+)+|git@[a-z0-9]([a-z0-9.-]*[a-z0-9])?:[A-Za-z0-9._~/-]+)$")]
    private static partial Regex RepoUrlPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")]
    private static partial Regex GitPathPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/-]{0,254}$")]
    private static partial Regex RevisionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._~-]*)*$")]
    private static partial Regex IssuerPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex ClientIdPattern();

    [GeneratedRegex(@"^[1-9][0-9]{0,3}(m|h)$")]
    private static partial Regex WindowDurationPattern();

    [GeneratedRegex(@"^[A-Za-z_]+(/[A-Za-z0-9_+-]+){0,2}$")]
    private static partial Regex TimeZonePattern();

    [GeneratedRegex(@"^[A-Za-z0-9@:/._~+-]{3,512}$")]
    private static partial Regex SubjectPattern();
}
