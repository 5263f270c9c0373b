using System.Text;
using PlatformMaturity.Text;

namespace PlatformMaturity.Cli.Output;

/// <summary>
/// stderr as pmctl writes it: every message passes through <see cref="Redaction.Redact"/>, so a password in a URL
/// the user gave (a registry, a repository) is never echoed, whichever command or library wrote the message, and no
/// control or bidirectional-override character the user typed reaches the terminal (<see cref="Redaction.Visible"/>).
/// </summary>
public sealed class RedactingWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(Redaction.Visible(value.ToString()));

    public override void Write(string? value) => inner.Write(value is null ? null : Redaction.Visible(Redaction.Redact(value)));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Redaction.Visible(Redaction.Redact(value)));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush() => inner.Flush();

    public override string ToString() => inner.ToString() ?? "";
}
