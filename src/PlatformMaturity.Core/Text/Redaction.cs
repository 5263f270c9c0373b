using System.Text.RegularExpressions;
using PlatformMaturity.Files;

namespace PlatformMaturity.Text;

/// <summary>
/// What a message may show of a value the user gave: credentials in URLs (scheme://user:password@host) are masked,
/// and long values are cut to <see cref="InputLimits.EchoChars"/> characters with a note of their length.
/// </summary>
public static partial class Redaction
{
    public const string Mask = "***";

    /// <summary>The text with every URL password replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text) =>
        text.Contains("://", StringComparison.Ordinal) ? UrlCredentials().Replace(text, $"${{scheme}}${{user}}:{Mask}@") : text;

    /// <summary>A value as a message quotes it: redacted, and cut when long.</summary>
    public static string Echo(string value)
    {
        var redacted = Redact(value);
        return redacted.Length <= InputLimits.EchoChars ? redacted : $"{redacted[..InputLimits.EchoChars]}… ({redacted.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters)";
    }

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?<user>[^/\s:@'""]*):(?<password>[^/\s@'""]+)@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentials();
}
