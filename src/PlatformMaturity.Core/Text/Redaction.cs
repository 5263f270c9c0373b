using System.Text.RegularExpressions;
using PlatformMaturity.Files;

namespace PlatformMaturity.Text;

/// <summary>
/// What a message may show of a value the user gave: credentials in URLs (scheme://user:password@host, and
/// user:password@host without a scheme, as registries and Docker write it) and secret-looking assignments
/// (password=, token=, secret=, as in query strings or --token=...) are masked, and long values are cut to <see cref="InputLimits.EchoChars"/> characters with a note of their length.
/// </summary>
public static partial class Redaction
{
    public const string Mask = "***";

    /// <summary>The text with every URL password replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text)
    {
        if (text.Contains('@', StringComparison.Ordinal))
        {
            text = UrlCredentials().Replace(text, $"${{scheme}}${{user}}:{Mask}@");
            text = BareCredentials().Replace(text, $"${{user}}:{Mask}@");
        }
        return text.Contains('=', StringComparison.Ordinal) ? SecretAssignments().Replace(text, $"${{name}}={Mask}") : text;
    }

    /// <summary>A value as a message quotes it: redacted, cut when long, on one line with invisible characters shown.</summary>
    public static string Echo(string value)
    {
        var redacted = Visible(Redact(value), lineBreaks: true);
        return redacted.Length <= InputLimits.EchoChars ? redacted : $"{redacted[..InputLimits.EchoChars]}… ({redacted.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters)";
    }

    /// <summary>
    /// Control characters (an escape sequence would drive the terminal: retitle it, hide text) and invisible format
    /// characters (a right-to-left override makes "abc.yaml" read as "lmay.cba") as \n, \u001B, \u202E.
    /// Line feeds and tabs stay unless <paramref name="lineBreaks"/> (a value quoted inside a message is one line).
    /// </summary>
    public static string Visible(string text, bool lineBreaks = false)
    {
        if (!text.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
            return text;
        var result = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!lineBreaks && c is '\n' or '\t')
                result.Append(c);
            else if (c == '\n')
                result.Append("\\n");
            else if (c == '\t')
                result.Append("\\t");
            else if (c == '\r')
                result.Append("\\r");
            else if (char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
                result.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            else
                result.Append(c);
        }
        return result.ToString();
    }

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?<user>[^/\s:@'""]*):(?<password>[^/\s@'""]+)@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentials();

    // user:password@host with no scheme; the user starts the token (after a space, quote or line start) so that
    // host:port/path@digest references are left alone.
    [GeneratedRegex(@"(?<=^|[\s'""(=,\[])(?<user>[A-Za-z0-9._~%+\-]+):(?<password>(?!\*\*\*@)[^/\s:@'""]+)@(?!sha\d+:)(?=[A-Za-z0-9\[])", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex BareCredentials();

    [GeneratedRegex(@"(?<name>\b(?:password|passwd|pwd|token|secret|api[_-]?key|access[_-]?key|client[_-]?secret))=(?<value>(?!\*\*\*)[^&\s'""/]+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretAssignments();
}
