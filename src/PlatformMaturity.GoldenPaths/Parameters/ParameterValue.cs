using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using PlatformMaturity.Config;
using PlatformMaturity.GoldenPaths.Manifest;

namespace PlatformMaturity.GoldenPaths.Parameters;

/// <summary>
/// Checks one raw value against its parameter's type and returns it typed for templates (string, int, bool
/// or a list of strings), or says what is wrong in words that name what would be accepted.
/// </summary>
public static partial class ParameterValue
{
    /// <summary>The longest raw value looked at; nothing a golden path takes is longer.</summary>
    public const int MaxRawLength = 512;

    public const int DefaultTextLength = 200;

    /// <summary>The typed value, or the reason the text is not one (without the parameter's name: callers add where it came from).</summary>
    public static (object? Value, string? Problem) Parse(ParameterSpec spec, string raw)
    {
        if (GeneralProblem(raw) is { } general)
            return (null, general);
        return spec.Type switch
        {
            ParameterType.DnsLabel => Check(raw, Names.IsDnsLabel(raw), "a DNS-1123 label: 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit"),
            ParameterType.DnsLabelList => DnsLabelList(raw),
            ParameterType.Hostname => Check(raw, IsHostname(raw), "a DNS-1123 hostname such as shop.team-a.example.com: dot-separated labels of lowercase letters, digits and '-', at most 253 characters"),
            ParameterType.Port => Integer(raw, 1, 65535, "a port: a whole number from 1 to 65535"),
            ParameterType.Integer => Integer(raw, spec.Min ?? long.MinValue, spec.Max ?? long.MaxValue, $"a whole number from {spec.Min} to {spec.Max}"),
            ParameterType.Boolean => raw switch
            {
                "true" => (true, null),
                "false" => (false, null),
                _ => (null, $"{Shown(raw)} is not allowed; expected true or false"),
            },
            ParameterType.Cpu => Quantity(raw, CpuPattern(), "a CPU quantity such as 250m (millicores) or 0.5 or 2 (cores)"),
            ParameterType.Memory => Quantity(raw, MemoryPattern(), "a byte quantity such as 256Mi, 1Gi or 500M"),
            ParameterType.ImageRepository => ImageRepository(raw),
            ParameterType.ImageTag => ImageTag(raw),
            ParameterType.Enum => Check(raw, spec.Allowed.Contains(raw), $"one of: {string.Join(", ", spec.Allowed)}"),
            ParameterType.Percent => Percent(raw),
            // One validator with the stack's schedules (platform:backupSchedule): both feed robfig/cron (CronJob, Velero).
            ParameterType.Cron => Schedules.KubernetesCron.Problem(raw) is { } cronProblem ? (null, $"{Shown(raw)} is not allowed: {cronProblem}") : (raw, null),
            ParameterType.LabelValue => Check(raw, raw.Length <= 63 && LabelValuePattern().IsMatch(raw), "a Kubernetes label value: 1 to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit"),
            ParameterType.GitHubRepository => Check(raw, GitHubRepositoryPattern().IsMatch(raw) && !raw.EndsWith("/.", StringComparison.Ordinal) && !raw.EndsWith("/..", StringComparison.Ordinal), "a GitHub repository as owner/name, e.g. my-org/shop"),
            ParameterType.Text => Text(raw, spec.MaxLength ?? DefaultTextLength),
            ParameterType.Uuid => Check(raw, Guid.TryParseExact(raw, "D", out _), "a UUID such as 00000000-0000-0000-0000-000000000000"),
            ParameterType.AbsolutePath => Check(raw, raw.Length <= 200 && AbsolutePathPattern().IsMatch(raw) && !raw.Split('/').Any(s => s is "." or ".."), "an absolute path such as /healthz or /var/lib/data: '/' then letters, digits and . _ ~ / - (no '.' or '..' segments)"),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Type, "unknown parameter type"),
        };
    }

    /// <summary>A value as messages show it: quoted, control characters escaped, long values cut.</summary>
    public static string Shown(string raw)
    {
        raw = PlatformMaturity.Text.Redaction.Redact(raw);
        var escaped = string.Concat(raw.Take(60).Select(c => c switch
        {
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ when char.IsControl(c) => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        }));
        return raw.Length > 60 ? $"'{escaped}…' ({raw.Length} characters)" : $"'{escaped}'";
    }

    /// <summary>Problems every value has whatever its type: too long, line breaks, template syntax.</summary>
    private static string? GeneralProblem(string raw)
    {
        if (raw.Length > MaxRawLength)
            return $"{Shown(raw)} is too long; values are at most {MaxRawLength} characters";
        if (raw.Any(char.IsControl))
            return $"{Shown(raw)} contains a line break or control character; values are one line of text";
        foreach (var syntax in TemplateSyntax)
        {
            if (raw.Contains(syntax, StringComparison.Ordinal))
                return $"{Shown(raw)} contains '{syntax}', which is template syntax (Scriban, Go templates in Sloth, GitHub Actions expressions); values may not contain it";
        }
        return null;
    }

    private static readonly string[] TemplateSyntax = ["{{", "}}", "{%", "%}", "${"];

    private static (object?, string?) Check(string raw, bool ok, string expected) =>
        ok ? (raw, null) : (null, $"{Shown(raw)} is not allowed; expected {expected}");

    private static (object?, string?) Integer(string raw, long min, long max, string expected) =>
        long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value is >= int.MinValue and <= int.MaxValue ? (int)value : value, null)
            : (null, $"{Shown(raw)} is not allowed; expected {expected}");

    private static (object?, string?) DnsLabelList(string raw)
    {
        if (raw.Length == 0)
            return (ImmutableArray<string>.Empty, null);
        var items = raw.Split(',').Select(s => s.Trim()).ToList();
        var bad = items.Where(i => !Names.IsDnsLabel(i)).ToList();
        if (bad.Count > 0)
            return (null, $"{Shown(raw)} is not allowed: {string.Join(", ", bad.Select(Shown))} {(bad.Count == 1 ? "is not a DNS-1123 label" : "are not DNS-1123 labels")}; expected comma-separated app names such as 'orders,payments'");
        var duplicates = items.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            return (null, $"{Shown(raw)} names {string.Join(", ", duplicates)} more than once; name each app once");
        if (items.Count > 20)
            return (null, $"{Shown(raw)} names {items.Count} apps; at most 20");
        return (items.ToImmutableArray(), null);
    }

    private static bool IsHostname(string raw) =>
        raw.Length <= 253 && raw.Split('.').All(label => Names.IsDnsLabel(label));

    private static (object?, string?) Quantity(string raw, Regex pattern, string expected)
    {
        if (!pattern.IsMatch(raw))
            return (null, $"{Shown(raw)} is not allowed; expected {expected}");
        if (!Quantities.TryParse(raw, out var amount))
            return (null, $"{Shown(raw)} is out of range; expected {expected}");
        if (amount <= 0)
            return (null, $"{Shown(raw)} is not allowed; expected a quantity above zero");
        return (raw, null);
    }

    private static (object?, string?) ImageRepository(string raw)
    {
        if (raw.Contains('@', StringComparison.Ordinal))
            return (null, $"{Shown(raw)} has a digest; give the repository only (e.g. registry.example.com/team-a/shop) and the version with --set tag=<tag>");
        // A ':' and a tag after the last '/' is a tag (a ':' before it is the registry's port).
        var last = raw[(raw.LastIndexOf('/') + 1)..];
        if (last.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 && ImageTagPattern().IsMatch(last[(colon + 1)..]))
            return (null, $"{Shown(raw)} has a tag; give the repository only (e.g. registry.example.com/team-a/shop) and the version with --set tag=<tag>");
        if (raw.Length > 255 || !ImageRepositoryPattern().IsMatch(raw))
            return (null, $"{Shown(raw)} is not an image repository; expected [registry[:port]/]path such as registry.example.com/team-a/shop or localhost:5001/shop (lowercase path components separated by '/')");
        return (raw, null);
    }

    private static (object?, string?) ImageTag(string raw)
    {
        if (string.Equals(raw, "latest", StringComparison.OrdinalIgnoreCase))
            return (null, $"{Shown(raw)} is not allowed: the platform refuses the latest tag (it names a different image over time, so rollouts and rollbacks are not reproducible); use a version such as 1.4.2 or a commit SHA");
        return Check(raw, ImageTagPattern().IsMatch(raw), "an image tag: 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
    }

    private static (object?, string?) Percent(string raw)
    {
        if (!PercentPattern().IsMatch(raw) || !decimal.TryParse(raw, CultureInfo.InvariantCulture, out var percent) || percent <= 0)
            return (null, $"{Shown(raw)} is not allowed; expected a percentage above 0 and below 100 with at most three decimals, such as 99.9");
        return (raw, null);
    }

    private static (object?, string?) Text(string raw, int maxLength)
    {
        if (raw.Length == 0 || raw.Length > maxLength)
            return (null, $"{Shown(raw)} is not allowed; expected 1 to {maxLength} characters of text");
        var bad = raw.Where(c => ForbiddenInText.Contains(c)).Distinct().ToList();
        if (bad.Count > 0)
            return (null, $"{Shown(raw)} contains {string.Join(" ", bad.Select(c => $"'{c}'"))}; text values may not contain quotes, backslashes or backticks, which break YAML, shell and workflow syntax");
        if (raw != raw.Trim())
            return (null, $"{Shown(raw)} starts or ends with spaces; remove them");
        return (raw, null);
    }

    private static readonly HashSet<char> ForbiddenInText = ['"', '\'', '\\', '`'];

    [GeneratedRegex("^([0-9]+(\\.[0-9]{1,3})?|[0-9]+m)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CpuPattern();

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex MemoryPattern();

    // The distribution reference grammar for a repository name: an optional registry (host with a dot or
    // a port, or localhost), then lowercase path components joined by separators.
    [GeneratedRegex(@"^((([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(:[0-9]{1,5})?/)?[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex ImageRepositoryPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ImageTagPattern();

    [GeneratedRegex("^[0-9]{1,2}(\\.[0-9]{1,3})?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValuePattern();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubRepositoryPattern();

    [GeneratedRegex("^/[A-Za-z0-9._~/-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AbsolutePathPattern();
}
