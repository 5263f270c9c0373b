using System.Text.RegularExpressions;

namespace PlatformMaturity.GoldenPaths.Rendering;

/// <summary>
/// Keeps every file a template writes inside the output folder: output names are relative, '/'-separated,
/// made of plain segments (no '..', '.', empty or absolute parts, no drive letters or backslashes).
/// </summary>
public static partial class OutputPaths
{
    public const int MaxLength = 200;

    /// <summary>Null when the relative path is safe to write under the output folder, else why not.</summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0)
            return "is empty";
        if (path.Length > MaxLength)
            return $"is longer than {MaxLength} characters";
        if (path.StartsWith('/') || path.StartsWith('\\') || Path.IsPathRooted(path) || DriveLetter().IsMatch(path))
            return "is an absolute path; output names are relative to the output folder";
        if (path.Contains('\\', StringComparison.Ordinal))
            return "contains '\\'; separate folders with '/'";
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or "." or "..")
                return $"has a '{segment}' segment; output names may not leave or re-enter folders";
            if (segment.Equals(".git", StringComparison.OrdinalIgnoreCase))
                return "writes into .git; Git runs what its folder holds (hooks, config), so pmctl never writes there";
            if (!Segment().IsMatch(segment))
                return $"segment '{segment}' has characters other than letters, digits, '.', '_' and '-'";
        }
        return null;
    }

    /// <summary>The full path of a relative output under a root, after checking it stays there.</summary>
    public static string Resolve(string root, string path)
    {
        if (Problem(path) is { } problem)
            throw new InvalidOperationException($"output '{path}' {problem}");
        var fullRoot = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(fullRoot, path));
        return full.StartsWith(fullRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new InvalidOperationException($"output '{path}' resolves outside {fullRoot}");
    }

    [GeneratedRegex("^[A-Za-z]:")]
    private static partial Regex DriveLetter();

    [GeneratedRegex("^[A-Za-z0-9._-]+\\z")]
    private static partial Regex Segment();
}
