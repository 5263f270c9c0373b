using System.Text;

namespace PlatformMaturity.Files;

/// <summary>
/// The one way pmctl reads a file a user gave it: only a regular file (a symbolic link that resolves to one
/// is fine), never more than a limit, strictly UTF-8. A FIFO would block the read forever and /dev/zero
/// never ends, so the kind is checked before the file is opened and the read stops at the limit anyway.
/// </summary>
public static class InputFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads <paramref name="path"/>; <paramref name="display"/> names it in messages, <paramref name="what"/> says what it is ("stack file").</summary>
    public static string ReadText(string path, string display, string what, long maxBytes)
    {
        var bytes = ReadBytes(path, display, what, maxBytes);
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            var offset = FirstInvalidByte(bytes);
            var line = 1 + bytes.AsSpan(0, offset).Count((byte)'\n');
            throw new InputException($"{display}: line {line}: byte 0x{bytes[offset]:X2} is not UTF-8; the {what} must be UTF-8 " +
                "(a Latin-1 or Windows-1252 file would be changed by a rewrite; convert it, e.g. iconv -f latin1 -t utf-8)");
        }
    }

    /// <summary>Checks that <paramref name="path"/> can be read as a <paramref name="what"/>: exists, is a regular file, is within the limit.</summary>
    public static FileFacts Check(string path, string display, string what, long maxBytes)
    {
        var facts = UnixFile.Stat(path);
        if (facts.Kind == FileKind.Missing)
        {
            var link = UnixFile.LinkStat(path);
            throw new InputException(link.Kind == FileKind.SymbolicLink
                ? $"{display}: is a symbolic link to {new FileInfo(path).LinkTarget}, which does not exist; the {what} must be a regular file"
                : $"{display}: does not exist");
        }
        if (facts.Kind != FileKind.Regular)
        {
            var link = UnixFile.LinkStat(path).Kind == FileKind.SymbolicLink ? $"a symbolic link to {new FileInfo(path).LinkTarget}, which is " : "";
            throw new InputException($"{display}: is {link}{UnixFile.Describe(facts.Kind)}, not a regular file; pmctl reads the {what} only from a regular file");
        }
        if (facts.Size > maxBytes)
            throw new InputException($"{display}: is {InputLimits.Size(facts.Size)}, over the limit of {InputLimits.Size(maxBytes)} for a {what}");
        return facts;
    }

    public static byte[] ReadBytes(string path, string display, string what, long maxBytes)
    {
        var facts = Check(path, display, what, maxBytes);
        using var stream = Open(path, display, what, facts);
        // The file may have grown since it was checked: read one byte past the limit, never more.
        var buffer = new byte[Math.Min(maxBytes + 1, Math.Max(stream.Length + 1, 4096))];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (buffer.Length > maxBytes)
                    throw new InputException($"{display}: is over the limit of {InputLimits.Size(maxBytes)} for a {what}");
                Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, (long)buffer.Length * 2));
            }
            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
                break;
            total += read;
        }
        return buffer[..total];
    }

    private static FileStream Open(string path, string display, string what, FileFacts facts)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException($"{display}: the {what} cannot be read: permission denied for user {UnixFile.EffectiveUserId} ({FileErrors.Describe(facts)}); " +
                "make it readable for you (chmod u+r, or g+r for your group), or run pmctl as a user who may read it");
        }
    }

    /// <summary>The offset of the first byte that is not valid UTF-8.</summary>
    private static int FirstInvalidByte(byte[] bytes)
    {
        var chars = new char[bytes.Length];
        System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var valid, out _, replaceInvalidSequences: false);
        return Math.Min(valid, bytes.Length - 1);
    }
}
