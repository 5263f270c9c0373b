using System.Diagnostics;
using PlatformMaturity.Files;
using PlatformMaturity.Rendering;

namespace PlatformMaturity.Cli.Output;

/// <summary>
/// Writes a rendered tree into a folder as one step: files go to a sibling staging folder, which then replaces
/// the output (rename), so a reader or a killed render sees the old tree or the new one. The marker file lists
/// every file the render wrote; a later render replaces the folder only when it holds nothing else, so files the
/// user added (or a .git) are never deleted. Debris of an interrupted render is cleaned up by the next one.
/// </summary>
public static class RenderedTreeWriter
{
    /// <summary>Marks a folder as pmctl's render output and lists the files it wrote, one per line after the first.</summary>
    public const string Marker = ".pmctl-render";

    private const string MarkerHeader = "Rendered by pmctl render; the next render replaces this folder. Files it wrote:";

    /// <summary>Writes <paramref name="files"/>; returns notes for the user (debris cleaned up).</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<RenderedFile> files, string outputDirectory, string? shown = null)
    {
        shown ??= outputDirectory;
        // "out/l1/" and "out/l1" are the same folder.
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory));
        if (Path.GetDirectoryName(target) is not { } parent)
            throw new UserError($"--out {outputDirectory} is the root folder; give a folder to render into");
        RefuseGit(target, shown);
        var kind = UnixFile.LinkStat(target).Kind;
        if (kind is not (FileKind.Missing or FileKind.Directory))
            throw new UserError($"--out {shown} is {UnixFile.Describe(kind)}; give a folder (a new one, or one pmctl render wrote)");
        var notes = CleanDebris(parent, Path.GetFileName(target));
        if (kind == FileKind.Directory)
            CheckReplaceable(target, shown);

        Directory.CreateDirectory(parent);
        var stem = $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}";
        var staging = Path.Combine(parent, stem + ".staging");
        var previous = Path.Combine(parent, stem + ".previous");
        try
        {
            var paths = files.Select(file =>
            {
                var path = Path.GetFullPath(Path.Combine(staging, file.Path));
                if (!path.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new InvalidOperationException($"rendered path '{file.Path}' leaves the output folder");
                return (path, file.Content);
            }).ToList();
            foreach (var folder in paths.Select(p => Path.GetDirectoryName(p.path)!).Distinct(StringComparer.Ordinal))
                Directory.CreateDirectory(folder);
            // A Level 5 tree is about a thousand small files: opening and writing them is most of a render, and the
            // kernel does it in parallel. The staging folder is renamed into place only once every write has ended.
            try
            {
                Parallel.ForEach(paths, file => File.WriteAllText(file.path, file.Content));
            }
            catch (AggregateException e)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
            File.WriteAllText(Path.Combine(staging, Marker), string.Join('\n', [MarkerHeader, .. files.Select(f => f.Path).Order(StringComparer.Ordinal)]) + "\n");

            if (Directory.Exists(target))
                Directory.Move(target, previous);
            Directory.Move(staging, target);
        }
        catch
        {
            if (!Directory.Exists(target) && Directory.Exists(previous))
                Directory.Move(previous, target);
            throw;
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
            if (Directory.Exists(previous))
                Directory.Delete(previous, recursive: true);
        }
        return notes;
    }

    /// <summary>Writing into a Git folder could plant hooks or config that Git runs; never.</summary>
    private static void RefuseGit(string target, string shown)
    {
        if (GitFolder.Contains(target))
            throw new UserError($"--out {shown} is inside a .git folder (as spelled or through a symbolic link); pmctl never writes there");
    }

    /// <summary>A folder may be replaced when it is empty, or when the marker lists every file in it (nothing the user added).</summary>
    private static void CheckReplaceable(string target, string shown)
    {
        var entries = Directory.EnumerateFileSystemEntries(target, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).ToList();
        if (entries.Count == 0)
            return;
        var marker = Path.Combine(target, Marker);
        if (UnixFile.LinkStat(marker).Kind != FileKind.Regular)
            throw new UserError($"--out {shown} is not empty and was not written by pmctl render ({Marker} is missing); give an empty or new folder — nothing was written");
        var lines = InputFile.ReadText(marker, Path.Combine(shown, Marker), "render marker", InputLimits.RenderMarkerBytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // A marker of an older pmctl holds only the header: it listed nothing, so every file counts as rendered.
        var written = lines.Length <= 1 ? null : lines.Skip(1).ToHashSet(StringComparer.Ordinal);
        if (written is null)
            return;
        var foreign = entries
            .Where(e => UnixFile.LinkStat(e).Kind != FileKind.Directory)
            .Select(e => Path.GetRelativePath(target, e).Replace('\\', '/'))
            .Where(p => p != Marker && !written.Contains(p))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (foreign.Count > 0)
            throw new UserError($"--out {shown} holds {foreign.Count} file{(foreign.Count == 1 ? "" : "s")} pmctl render did not write ({string.Join(", ", foreign.Take(5))}{(foreign.Count > 5 ? ", …" : "")}); " +
                "a render replaces the whole folder, so move them away or render elsewhere — nothing was written");
    }

    /// <summary>Staging and previous folders of renders that were killed (their process is gone): the old tree is put back if it was moved aside, the rest removed.</summary>
    private static List<string> CleanDebris(string parent, string name)
    {
        var notes = new List<string>();
        if (!Directory.Exists(parent))
            return notes;
        var target = Path.Combine(parent, name);
        foreach (var debris in Directory.EnumerateDirectories(parent, $".{name}.*").Order(StringComparer.Ordinal))
        {
            var parts = Path.GetFileName(debris)[(name.Length + 2)..].Split('.');
            if (parts.Length != 3 || parts[2] is not ("staging" or "previous") || !int.TryParse(parts[0], out var pid) || IsRunning(pid))
                continue;
            if (parts[2] == "previous" && !Directory.Exists(target))
            {
                Directory.Move(debris, target);
                notes.Add($"{name}: an interrupted render had moved it aside; it was put back before this render");
                continue;
            }
            Directory.Delete(debris, recursive: true);
            notes.Add($"removed {Path.GetFileName(debris)}, left by an interrupted render");
        }
        return notes;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
