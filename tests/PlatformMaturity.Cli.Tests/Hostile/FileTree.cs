using System.Security.Cryptography;
using PlatformMaturity.Files;

namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>
/// Every entry under a folder with what a user would miss if it changed: the bytes of regular files, the
/// target of links, the kind of special files, and mode, owner and group of each. Never opens a FIFO or device.
/// </summary>
public static class FileTree
{
    public static IReadOnlyDictionary<string, string> Snapshot(string root)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var facts = UnixFile.LinkStat(path);
            var content = facts.Kind switch
            {
                FileKind.Regular => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))),
                FileKind.SymbolicLink => "-> " + new FileInfo(path).LinkTarget,
                _ => "",
            };
            entries[Path.GetRelativePath(root, path)] = $"{facts.Kind} {Convert.ToString((int)facts.Mode, 8)} {facts.Uid}:{facts.Gid} {content}";
        }
        return entries;
    }
}
