using PlatformMaturity.Rendering;

namespace PlatformMaturity.Cli.Output;

/// <summary>
/// Writes a rendered tree into a folder as one step: files go to a sibling staging folder, which then
/// replaces the output. A folder pmctl did not render is never touched.
/// </summary>
public static class RenderedTreeWriter
{
    /// <summary>Marks a folder as pmctl's render output, which a later render may replace.</summary>
    public const string Marker = ".pmctl-render";

    public static void Write(IReadOnlyList<RenderedFile> files, string outputDirectory)
    {
        var target = Path.GetFullPath(outputDirectory);
        if (File.Exists(target))
            throw new UserError($"--out {outputDirectory} is a file; give a folder");
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !File.Exists(Path.Combine(target, Marker)))
            throw new UserError($"--out {outputDirectory} is not empty and was not written by pmctl render; give an empty or new folder");

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.staging");
        var previous = Path.Combine(parent, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.previous");
        try
        {
            foreach (var file in files)
            {
                var path = Path.GetFullPath(Path.Combine(staging, file.Path));
                if (!path.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new InvalidOperationException($"rendered path '{file.Path}' leaves the output folder");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Content);
            }
            File.WriteAllText(Path.Combine(staging, Marker), "Rendered by pmctl render; the next render replaces this folder.\n");

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
    }
}
