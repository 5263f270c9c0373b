using System.Text.RegularExpressions;
using PlatformMaturity.GoldenPaths.Manifest;
using PlatformMaturity.GoldenPaths.Parameters;

namespace PlatformMaturity.GoldenPaths;

/// <summary>
/// Validates everything a user gives before any template sees it: the golden path and the level it needs,
/// the app name, the team, and every <c>--set</c> value. Every problem names its input; all are reported at once.
/// </summary>
public static partial class InputValidator
{
    /// <summary>
    /// Longest app name: object names derive from it (a CronJob's Jobs add 11 characters, StatefulSet pods
    /// and controller revisions add a suffix, KEDA adds "keda-hpa-"), and all must stay within 63.
    /// </summary>
    public const int MaxNameLength = 40;

    public static ValidatedApp Validate(AppRequest request, GoldenPathCatalog catalog, PlatformContext platform)
    {
        var goldenPath = catalog.Find(request.Template) ?? throw new GoldenPathInputException([new InputProblem("--template",
            $"'{Shown(request.Template)}' is not a golden path; available: {string.Join(", ", catalog.GoldenPaths.Select(g => g.Name))} (see pmctl templates)")]);
        RefuseBelowMinimumLevel(goldenPath.Manifest, platform);
        RefuseUnmetRequirements(goldenPath.Manifest, platform);

        var problems = new List<InputProblem>();
        var notes = new List<string>();
        NameProblems(request.Name, problems);
        var nameValid = problems.Count == 0;
        var team = Team(request.Team, platform, problems);
        var sets = ParseSets(request.Sets, goldenPath.Manifest, problems);

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var consulted = new List<string>();
        foreach (var spec in goldenPath.Manifest.Parameters)
        {
            var subject = $"--set {spec.Name}";
            if (sets.TryGetValue(spec.Name, out var raw))
            {
                var (value, problem) = ParameterValue.Parse(spec, raw);
                if (problem is not null)
                    problems.Add(new InputProblem(subject, problem));
                values[spec.TemplateName] = value;
                if (spec.Practice is { } practice && !platform.InEffect(practice))
                    notes.Add($"--set {spec.Name} has no effect at Level {platform.Level.Number}: it serves {practice}, in effect from Level {platform.FirstLevelOf(practice)}");
                else if (spec.Practice is { } missing && !platform.Provides(missing) && !spec.RequiredWhen.Any(platform.Provides))
                    notes.Add($"--set {spec.Name} has no effect on stack '{platform.Config.Stack}': it serves {missing}, which {NotProvided(missing, platform)}");
                continue;
            }

            consulted.AddRange(spec.DefaultsWhen.Select(d => d.Practice));
            var fallback = DefaultFor(spec, platform, nameValid ? request.Name : null, team);
            if (fallback.Value is null)
            {
                // A default that cannot be worked out here (no registry on azure, no team) leaves a value the
                // golden path needs; a default that needs the name is left alone when the name is already refused.
                if (fallback.Unavailable is { Length: > 0 } unavailable)
                    problems.Add(new InputProblem(subject, $"has no default here{unavailable}. {spec.Description} Set it with --set {spec.Name}=<value>"));
                else if (fallback.Unavailable is null && Required(spec, platform) is { } why)
                    problems.Add(new InputProblem(subject, $"is required {why}. {spec.Description} Set it with --set {spec.Name}=<value>"));
                values[spec.TemplateName] = spec.Type == ParameterType.DnsLabelList ? System.Collections.Immutable.ImmutableArray<string>.Empty : null;
                continue;
            }
            var (typed, defaultProblem) = ParameterValue.Parse(spec, fallback.Value);
            if (defaultProblem is not null)
                problems.Add(new InputProblem(subject, $"its default {defaultProblem}; set it with --set {spec.Name}=<value>"));
            values[spec.TemplateName] = typed;
        }

        CheckLimits(goldenPath.Manifest, values, problems);
        CheckRegistry(goldenPath.Manifest, values, platform, problems);

        if (problems.Count > 0)
            throw new GoldenPathInputException(problems);
        return new ValidatedApp(request.Name, team, goldenPath, values, notes) { Consulted = [.. consulted.Distinct(StringComparer.Ordinal)] };
    }

    /// <summary>A golden path for a higher level is refused with the seed's reason, before anything else is checked.</summary>
    private static void RefuseBelowMinimumLevel(GoldenPathManifest manifest, PlatformContext platform)
    {
        if (platform.Level.Number >= manifest.MinimumLevel)
            return;
        var needed = platform.Model.Level(manifest.MinimumLevel);
        var reason = manifest.BelowMinimum is { } quote
            ? $" The seed: Level {quote.Level} ({platform.Model.Level(quote.Level).Name}) {SectionWords(quote.Section)} \"{quote.Text}\"."
            : "";
        throw new GoldenPathInputException([new InputProblem("--template",
            $"golden path '{manifest.Name}' needs Level {needed.Number} ({needed.Name}); stack '{platform.Config.Stack}' is at Level {platform.Level.Number} ({platform.Level.Name}).{reason} " +
            $"Upgrade the platform to Level {needed.Number} first, or pick a golden path its level offers (pmctl templates).")]);
    }

    internal static string SectionWords(string section) => section switch
    {
        "dont" => "says don't:",
        "benefits" => "lists the benefit",
        "forWhom" => "is for",
        _ => "says",
    };

    /// <summary>
    /// A golden path that cannot work without a practice the platform does not provide, or without CRDs it does not
    /// install, is refused, saying what is missing and what it is for.
    /// </summary>
    private static void RefuseUnmetRequirements(GoldenPathManifest manifest, PlatformContext platform)
    {
        var unmet = manifest.Requires
            .Where(r => !r.IsMetBy(platform.Provides, platform.Installs))
            .Select(r => r.Practice is { } practice
                ? $"{practice} {NotProvided(practice, platform)} (it needs it for {r.For})"
                : $"no practice of the platform installs the API group {r.ApiGroup} (it needs it for {r.For})")
            .ToList();
        if (unmet.Count == 0)
            return;
        throw new GoldenPathInputException([new InputProblem("--template",
            $"golden path '{manifest.Name}' cannot run on stack '{platform.Config.Stack}' ({platform.Level.Title}, target {Config.ConfigNames.Of(platform.Config.Target)}): " +
            $"{string.Join("; ", unmet)}. pmctl status {platform.Config.Stack} shows what the platform implements; pick a golden path it supports (pmctl templates).")]);
    }

    /// <summary>"is not implemented by the platform yet" or "does not apply to target existing (why)", for a practice in effect that the platform does not provide.</summary>
    internal static string NotProvided(string practice, PlatformContext platform) =>
        platform.Status(practice) is { State: Graph.PracticeState.NotApplicable } status
            ? $"does not apply to target {Config.ConfigNames.Of(platform.Config.Target)} ({status.Detail})"
            : "is not implemented by the platform yet";

    private static void NameProblems(string name, List<InputProblem> problems)
    {
        if (name.Length == 0)
            problems.Add(new InputProblem("name", "is empty; give the app a name such as shop or order-api"));
        else if (name.Length > MaxNameLength)
            problems.Add(new InputProblem("name", $"{ParameterValue.Shown(name)} is too long; at most {MaxNameLength} characters, because object names are derived from it (Jobs of a CronJob, StatefulSet pods, KEDA's HPA) and Kubernetes allows 63"));
        else if (!AppName().IsMatch(name))
            problems.Add(new InputProblem("name", $"{ParameterValue.Shown(name)} is not allowed; expected lowercase letters, digits and '-', starting with a letter and ending with a letter or digit (a DNS-1035 label: it names the Service, and it never holds '/', '.' or '..')"));
    }

    private static string? Team(string? team, PlatformContext platform, List<InputProblem> problems)
    {
        var tenants = platform.Config.Tenants.Select(t => t.Name).ToList();
        var tenancy = platform.Provides("Hard multi-tenancy");
        if (team is null)
        {
            if (tenancy)
                problems.Add(new InputProblem("--team", $"is required at Level {platform.Level.Number}: Hard multi-tenancy puts every app in its team's namespace; " +
                    (tenants.Count > 0 ? $"tenants of stack '{platform.Config.Stack}': {string.Join(", ", tenants)}" : $"stack '{platform.Config.Stack}' has no tenants yet (add one to platform:tenants)")));
            return null;
        }
        if (tenants.Contains(team))
            return team;
        problems.Add(new InputProblem("--team", tenants.Count > 0
            ? $"{ParameterValue.Shown(team)} is not a tenant of stack '{platform.Config.Stack}'; tenants: {string.Join(", ", tenants)}"
            : $"{ParameterValue.Shown(team)} is not a tenant: stack '{platform.Config.Stack}' has none (add one to platform:tenants, or leave --team out at Level {platform.Level.Number})"));
        return null;
    }

    private static Dictionary<string, string> ParseSets(IReadOnlyList<string> sets, GoldenPathManifest manifest, List<InputProblem> problems)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var known = string.Join(", ", manifest.Parameters.Select(p => p.Name));
        foreach (var set in sets)
        {
            var eq = set.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                problems.Add(new InputProblem("--set", $"{ParameterValue.Shown(set)} is not key=value; e.g. --set port=8080"));
                continue;
            }
            var key = set[..eq];
            var value = set[(eq + 1)..];
            if (manifest.Parameter(key) is null)
            {
                var closest = Text.DidYouMean.Closest(key, manifest.Parameters.Select(p => p.Name));
                var hint = closest is not null ? $"did you mean {closest}? " : "";
                problems.Add(new InputProblem($"--set {ParameterValue.Shown(key).Trim('\'')}", $"is not a parameter of golden path '{manifest.Name}'; {hint}parameters: {known}"));
                continue;
            }
            if (!result.TryAdd(key, value))
                problems.Add(new InputProblem($"--set {key}", "is given more than once; set each parameter once"));
        }
        return result;
    }

    /// <summary>
    /// The default that applies at the platform's level with its placeholders filled, or why there is none:
    /// Unavailable is null when the parameter has no default (or it needs a name that was refused), and
    /// the reason when it has one this stack cannot fill in.
    /// </summary>
    private static (string? Value, string? Unavailable) DefaultFor(ParameterSpec spec, PlatformContext platform, string? name, string? team)
    {
        var value = spec.DefaultsWhen.LastOrDefault(d => platform.Provides(d.Practice))?.Value ?? spec.Default;
        if (value is null)
            return (null, null);
        if (value.Contains("{name}", StringComparison.Ordinal) && name is null)
            return (null, "");
        var registry = platform.Config.Registry;
        if (value.Contains("{registry}", StringComparison.Ordinal) && registry is null)
            return (null, platform.Config.IsAzure
                ? " (its default is in the platform's registry, whose login server Azure generates when the platform is provisioned; find it with: az acr list --query \"[].loginServer\" -o tsv)"
                : " (its default is in the platform's registry, and the stack sets no platform:registry)");
        if (value.Contains("{team}", StringComparison.Ordinal) && team is null)
            return (null, " (its default needs --team)");
        return (value.Replace("{name}", name, StringComparison.Ordinal)
            .Replace("{team}", team, StringComparison.Ordinal)
            .Replace("{registry}", registry, StringComparison.Ordinal), null);
    }

    /// <summary>
    /// Why a parameter is required on this platform ("at every level", "at Level 4 (GitOps ...)"), or null. A practice
    /// requires it only where the platform provides it: a value nothing uses is not asked for.
    /// </summary>
    private static string? Required(ParameterSpec spec, PlatformContext platform)
    {
        if (spec.Required)
            return "at every level";
        if (spec.RequiredOn.Contains(Config.ConfigNames.Of(platform.Config.Target)))
            return $"on {Config.ConfigNames.Of(platform.Config.Target)}";
        if (spec.RequiredWhen.FirstOrDefault(platform.Provides) is { } practice)
            return $"at Level {platform.Level.Number} ({practice}, from Level {platform.FirstLevelOf(practice)})";
        return null;
    }

    /// <summary>A request must not exceed its limit (the API server rejects such pods).</summary>
    private static void CheckLimits(GoldenPathManifest manifest, Dictionary<string, object?> values, List<InputProblem> problems)
    {
        foreach (var spec in manifest.Parameters.Where(p => p.AtMost is not null))
        {
            var limit = manifest.Parameter(spec.AtMost!)!;
            if (values.GetValueOrDefault(spec.TemplateName) is not { } low || values.GetValueOrDefault(limit.TemplateName) is not { } high)
                continue;
            var exceeds = spec.Type == ParameterType.Integer
                ? Convert.ToInt64(low, System.Globalization.CultureInfo.InvariantCulture) > Convert.ToInt64(high, System.Globalization.CultureInfo.InvariantCulture)
                : Quantities.Parse((string)low) > Quantities.Parse((string)high);
            if (exceeds)
                problems.Add(new InputProblem($"--set {spec.Name}", $"'{low}' is more than {limit.Name} '{high}'; it must be at most {limit.Name}"));
        }
    }

    /// <summary>
    /// From Level 3 the platform admits images from its own registry only (Advanced Vulnerabilities
    /// Management: registry allow-list), so an image from elsewhere is refused here rather than at deploy time.
    /// </summary>
    private static void CheckRegistry(GoldenPathManifest manifest, Dictionary<string, object?> values, PlatformContext platform, List<InputProblem> problems)
    {
        const string practice = "Advanced Vulnerabilities Management";
        if (platform.Config.Registry is not { } registry || !platform.Provides(practice))
            return;
        foreach (var spec in manifest.Parameters.Where(p => p.Type == ParameterType.ImageRepository))
        {
            if (values.GetValueOrDefault(spec.TemplateName) is string image && !image.StartsWith(registry + "/", StringComparison.Ordinal))
                problems.Add(new InputProblem($"--set {spec.Name}", $"'{image}' is not in the platform's registry {registry}; from Level {platform.FirstLevelOf(practice)} ({practice}) the platform admits images from its registry only: push it there and use {registry}/<path>"));
        }
    }

    private static string Shown(string value) => ParameterValue.Shown(value).Trim('\'');


    [GeneratedRegex("^[a-z]([a-z0-9-]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AppName();
}
