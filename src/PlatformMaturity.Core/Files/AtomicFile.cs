using System.Text;

namespace PlatformMaturity.Files;

/// <summary>
/// Replaces a file the user owns without losing anything they had: the new content goes to a temporary sibling
/// that gets the old file's mode, owner and group, and is renamed over it (readers see the old or the new file,
/// never half of one). A symbolic link is written through to its target (a rename would replace the link). A
/// read-only file, and one whose owner pmctl could not keep, is refused before anything is written.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Where a write to <paramref name="path"/> lands: the final target of a symbolic link, else the path.</summary>
    public static string Target(string path) =>
        UnixFile.LinkStat(path).Kind == FileKind.SymbolicLink && File.ResolveLinkTarget(path, returnFinalTarget: true) is { } target
            ? target.FullName
            : path;

    /// <summary>Throws an <see cref="InputException"/> when <paramref name="path"/> exists and cannot be replaced keeping what it is.</summary>
    public static FileFacts? CheckReplaceable(string path, string display)
    {
        var target = Target(path);
        var facts = UnixFile.Stat(target);
        if (facts.Kind == FileKind.Missing)
            return null;
        if (facts.Kind != FileKind.Regular)
            throw new InputException($"{display}: is {UnixFile.Describe(facts.Kind)}, not a regular file; nothing was written");
        if (!OperatingSystem.IsWindows() && (facts.Mode & UnixFileMode.UserWrite) == 0)
            throw new InputException($"{display}: is read-only (mode {Convert.ToString((int)facts.Mode, 8).PadLeft(4, '0')}); pmctl does not overwrite read-only files — make it writable (chmod u+w) if it should change; nothing was written");
        var me = UnixFile.EffectiveUserId;
        if (!OperatingSystem.IsWindows() && me != 0 && facts.Uid != me)
            throw new InputException($"{display}: is owned by user {facts.Uid}, and pmctl runs as user {me}: a rewrite would change its owner, so nothing was written (run as its owner)");
        return facts;
    }

    /// <summary>Replaces (or creates) <paramref name="path"/> with <paramref name="content"/>, UTF-8 without BOM.</summary>
    public static void Write(string path, string content, string display) => Write(path, Utf8.GetBytes(content), display);

    public static void Write(string path, byte[] content, string display)
    {
        var facts = CheckReplaceable(path, display);
        var target = Target(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(target))!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.pmctl-tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = facts?.Mode ?? (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            if (facts is not null && !OperatingSystem.IsWindows())
            {
                // The umask narrows UnixCreateMode; set the mode exactly, then the owner (only root may give a file away).
                File.SetUnixFileMode(temp, facts.Mode);
                var created = UnixFile.Stat(temp);
                if ((created.Uid != facts.Uid || created.Gid != facts.Gid) && !UnixFile.TryChown(temp, facts.Uid, facts.Gid))
                    throw new InputException($"{display}: its owner and group ({facts.Uid}:{facts.Gid}) could not be kept, so nothing was written");
                if ((facts.Mode & (UnixFileMode.SetUser | UnixFileMode.SetGroup)) != 0)
                    File.SetUnixFileMode(temp, facts.Mode); // chown clears set-id bits
            }
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
