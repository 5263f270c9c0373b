namespace PlatformMaturity.Files;

/// <summary>
/// Whether a path lies in a Git folder (<c>.git</c>, any case: case-insensitive file systems and Git itself treat
/// <c>.GIT</c> alike). Git runs what that folder holds (hooks, config), so pmctl never writes there. The path is
/// checked as spelled and as resolved: a symbolic link named <c>g</c> pointing at <c>.git</c> leads there too.
/// </summary>
public static class GitFolder
{
    /// <summary>How many symbolic links one path may pass through; the kernel's own limit (ELOOP) is 40.</summary>
    private const int MaxLinks = 40;

    public static bool Contains(string fullPath) =>
        Segments(fullPath).Any(IsGit) || Segments(Resolve(fullPath)).Any(IsGit);

    private static bool IsGit(string segment) => segment.Equals(".git", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Segments(string path) =>
        path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The path with every symbolic link on it replaced by its target, as far as the path exists.</summary>
    private static string Resolve(string fullPath)
    {
        var current = Path.GetPathRoot(fullPath) ?? "/";
        var pending = new Queue<string>(Segments(fullPath));
        var links = 0;
        while (pending.TryDequeue(out var segment))
        {
            var next = Path.GetFullPath(Path.Combine(current, segment));
            string? target = null;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
            if (target is null || ++links > MaxLinks)
            {
                current = next;
                continue;
            }
            // Follow the link: its target's segments come before what is left of the path.
            var resolved = Path.GetFullPath(Path.Combine(current, target));
            var rest = pending.ToList();
            pending = new Queue<string>(Segments(resolved).Concat(rest));
            current = Path.GetPathRoot(resolved) ?? "/";
        }
        return current;
    }
}
