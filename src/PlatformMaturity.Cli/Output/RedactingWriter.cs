using System.Text;
using System.Text.RegularExpressions;
using PlatformMaturity.Files;
using PlatformMaturity.Text;

namespace PlatformMaturity.Cli.Output;

/// <summary>
/// stderr as pmctl writes it: every message passes through <see cref="Redaction.Redact"/>, so a password in a URL
/// the user gave (a registry, a repository) is never echoed, whichever command or library wrote the message; no
/// control or bidirectional-override character the user typed reaches the terminal (<see cref="Redaction.Visible"/>);
/// and a value or path of thousands of characters (a 100 KB --stacks-dir) is cut like <see cref="Redaction.Echo"/>
/// cuts it, wherever a message quoted it whole.
/// </summary>
public sealed partial class RedactingWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(Redaction.Visible(value.ToString()));

    public override void Write(string? value) => inner.Write(value is null ? null : Clean(value));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Clean(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush() => inner.Flush();

    public override string ToString() => inner.ToString() ?? "";

    private static string Clean(string text) =>
        LongRun().Replace(Redaction.Visible(Redaction.Redact(text)), m =>
            $"{m.Value[..InputLimits.EchoChars]}… ({m.Value.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters)");

    /// <summary>No word of a real message comes near this; a quoted value or path that long is cut.</summary>
    [GeneratedRegex(@"\S{1000,}")]
    private static partial Regex LongRun();
}
