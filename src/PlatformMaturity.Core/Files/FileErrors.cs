using System.Globalization;
using System.Text.RegularExpressions;

namespace PlatformMaturity.Files;

/// <summary>
/// Says what went wrong with a file in the user's words: which file, what was wrong, what to do. .NET's own
/// messages ("Access to the path '/x/.Pulumi.s.yaml.3f…pmctl-tmp' is denied.") name a temporary file the user never
/// asked for and say nothing of why or what would help.
/// </summary>
public static partial class FileErrors
{
    /// <summary>
    /// The message for an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>; <paramref name="shown"/>
    /// turns a full path into the one messages show (relative to the working folder where it is under it).
    /// </summary>
    public static string Describe(Exception e, Func<string, string> shown)
    {
        var path = QuotedPath().Match(e.Message) is { Success: true } m ? m.Groups[1].Value : null;
        if (path is null)
            return e.Message;
        var folder = Path.GetDirectoryName(path) ?? path;
        // A temporary sibling (.name.<id>.pmctl-tmp, .name.<pid>.<id>.staging), or a file inside one, stands for what it becomes.
        var parts = path.Split(Path.DirectorySeparatorChar);
        var temporaryAt = Array.FindIndex(parts, p => TemporarySibling().IsMatch(p));
        var temporary = temporaryAt == parts.Length - 1;
        var target = temporaryAt < 0 ? path
            : string.Join(Path.DirectorySeparatorChar, parts.Select((p, i) => i == temporaryAt ? TemporarySibling().Match(p).Groups[1].Value : p));
        if (temporaryAt >= 0 && !temporary)
            folder = string.Join(Path.DirectorySeparatorChar, parts.Take(temporaryAt));
        shown = Shorten(shown);
        var user = UnixFile.EffectiveUserId.ToString(CultureInfo.InvariantCulture);
        var reason = ErrnoReason().Match(e.Message) is { Success: true } r ? r.Groups[1].Value.Trim() : null;

        if (DanglingLink(path) is { } dangling)
            return $"{shown(path)}: {dangling}";
        if (e is PathTooLongException)
            return $"{shown(target)}: the path or one of its names is longer than the file system allows (pmctl writes beside it under a name about 50 characters longer); choose a shorter path";
        if (e is UnauthorizedAccessException || reason is "Permission denied" or "Operation not permitted")
        {
            var facts = UnixFile.Stat(path);
            if (facts.Kind == FileKind.Missing || temporaryAt >= 0)
                return $"{shown(target)}: cannot be created: the folder {shown(folder)} does not let user {user} create files in it ({Describe(UnixFile.Stat(folder))}); " +
                    "choose a folder you may write to, or make this one writable for you (chmod u+w, or change its owner)";
            return $"{shown(path)}: permission denied for user {user} ({Describe(facts)}); make it readable and writable for you (chmod u+rw, or change its owner), or run pmctl as a user who may use it";
        }
        var advice = reason switch
        {
            "Read-only file system" => "the file system is mounted read-only; choose a folder on a writable one",
            "No space left on device" => "the disk is full; free some space and run the command again",
            "Disk quota exceeded" => "your disk quota is used up; free some space and run the command again",
            "File name too long" => "the name is longer than the file system allows; choose a shorter path",
            "Not a directory" => "a part of the path is a file, not a folder; choose another path",
            "Is a directory" => "it is a folder, where pmctl expects a file; choose another path",
            "Too many levels of symbolic links" => "its symbolic links form a loop; fix the links or choose another path",
            "Invalid cross-device link" => "pmctl renames within one file system, and this path spans two; choose a folder on one file system",
            _ when e is DirectoryNotFoundException => $"the folder {shown(folder)} does not exist or cannot hold files; create it, or choose another path",
            _ when e is FileNotFoundException => $"it cannot be created in {shown(folder)} (the folder does not exist or does not hold ordinary files); choose another path",
            _ => null,
        };
        return advice is null ? $"{shown(target)}: {reason ?? e.Message}" : $"{shown(target)}: {(reason is null ? "" : reason.ToLowerInvariant() + ": ")}{advice}";
    }

    /// <summary>"is a symbolic link to X, which does not exist" for a link that leads nowhere (or in a loop); else null.</summary>
    public static string? DanglingLink(string path)
    {
        if (UnixFile.LinkStat(path).Kind != FileKind.SymbolicLink || UnixFile.Stat(path).Kind != FileKind.Missing)
            return null;
        return $"is a symbolic link to {Text.Redaction.Echo(new FileInfo(path).LinkTarget ?? "?")}, which does not exist or links back in a loop; create what it should point to, or remove the link";
    }

    private static Func<string, string> Shorten(Func<string, string> shown) => path => Text.Redaction.Echo(shown(path));

    /// <summary>"its mode and owner" for a message about a path the user may not use.</summary>
    public static string Describe(FileFacts facts) => facts.Kind == FileKind.Missing
        ? "it cannot be looked up"
        : $"mode {Convert.ToString((int)facts.Mode, 8).PadLeft(4, '0')}, owner {facts.Uid}:{facts.Gid}";

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedPath();

    /// <summary>.NET's Unix errors read "&lt;strerror&gt; : '&lt;path&gt;'".</summary>
    [GeneratedRegex("^([A-Za-z][A-Za-z ]+) : '")]
    private static partial Regex ErrnoReason();

    [GeneratedRegex(@"^\.(.+?)\.(?:[0-9]+\.)?[0-9a-f]{32}\.(?:pmctl-tmp|staging|previous)$")]
    private static partial Regex TemporarySibling();
}
