using PlatformMaturity.GoldenPaths.Rendering;

namespace PlatformMaturity.GoldenPaths.Output;

/// <summary>What happened to one output file.</summary>
public enum WriteOutcome
{
    Created,
    Overwritten,
    Unchanged,
}

/// <summary>One written file, relative to the output folder.</summary>
public sealed record WrittenFile(string Path, WriteOutcome Outcome);

/// <summary>
/// Writes a rendered app into a folder as one step. Everything is checked first (paths stay inside the folder,
/// no symbolic links on the way, existing files only with force); files are staged beside their targets and
/// moved into place; if any step fails, every file is put back as it was and created folders are removed.
/// A file whose content is already identical is left alone (not an overwrite).
/// </summary>
public static class AppWriter
{
    public static IReadOnlyList<WrittenFile> Write(RenderedApp app, string outputDirectory, bool force)
    {
        var root = Path.GetFullPath(outputDirectory);
        if (File.Exists(root))
            throw new GoldenPathInputException([new InputProblem("--out", $"{outputDirectory} is a file; give a folder")]);

        var plan = app.Files.Select(f => Plan(root, f)).ToList();
        var conflicts = plan.Where(p => p.Exists && !p.Identical).Select(p => p.File.Path).ToList();
        if (conflicts.Count > 0 && !force)
            throw new GoldenPathInputException([new InputProblem("--out",
                $"{conflicts.Count} file{(conflicts.Count == 1 ? "" : "s")} already exist{(conflicts.Count == 1 ? "s" : "")} with other content: {string.Join(", ", conflicts)}; " +
                "nothing was written. Pass --force to overwrite them, or choose another --out folder")]);

        var transaction = new Transaction();
        try
        {
            foreach (var step in plan.Where(p => !p.Identical))
                transaction.Stage(step.FullPath, step.File.Content);
            transaction.Commit();
        }
        catch
        {
            transaction.Rollback();
            throw;
        }
        transaction.Cleanup();

        return [.. plan.Select(p => new WrittenFile(p.File.Path,
            p.Identical ? WriteOutcome.Unchanged : p.Exists ? WriteOutcome.Overwritten : WriteOutcome.Created))];
    }

    private sealed record Step(RenderedAppFile File, string FullPath, bool Exists, bool Identical);

    private static Step Plan(string root, RenderedAppFile file)
    {
        string full;
        try
        {
            full = OutputPaths.Resolve(root, file.Path);
        }
        catch (InvalidOperationException e)
        {
            throw new TemplateDefinitionException(e.Message);
        }
        RefuseLinks(root, full, file.Path);
        if (Directory.Exists(full))
            throw new GoldenPathInputException([new InputProblem("--out", $"{file.Path} is a folder in {root}; the golden path writes a file there")]);
        var exists = File.Exists(full);
        return new Step(file, full, exists, exists && File.ReadAllText(full) == file.Content);
    }

    /// <summary>A symbolic link inside the output folder could redirect a write outside it; refuse rather than follow.</summary>
    private static void RefuseLinks(string root, string full, string relative)
    {
        for (var path = full; path.Length > root.Length; path = Path.GetDirectoryName(path)!)
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            if (info.Exists && info.LinkTarget is not null)
                throw new GoldenPathInputException([new InputProblem("--out", $"{Path.GetRelativePath(root, path)} is a symbolic link; pmctl does not write through links (writing {relative})")]);
        }
    }

    /// <summary>Staged writes that are either all moved into place or all undone.</summary>
    private sealed class Transaction
    {
        private readonly List<string> _createdDirectories = [];
        private readonly List<(string Target, string Temp)> _staged = [];
        private readonly List<(string Target, string? Backup)> _placed = [];

        public void Stage(string target, string content)
        {
            CreateDirectories(Path.GetDirectoryName(target)!);
            var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.pmctl-tmp");
            _staged.Add((target, temp));
            File.WriteAllText(temp, content);
        }

        public void Commit()
        {
            foreach (var (target, temp) in _staged)
            {
                string? backup = null;
                if (File.Exists(target))
                {
                    backup = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.pmctl-bak");
                    File.Move(target, backup);
                }
                _placed.Add((target, backup));
                File.Move(temp, target);
            }
        }

        public void Rollback()
        {
            foreach (var (target, backup) in Enumerable.Reverse(_placed))
            {
                Try(() =>
                {
                    if (File.Exists(target))
                        File.Delete(target);
                    if (backup is not null && File.Exists(backup))
                        File.Move(backup, target);
                });
            }
            foreach (var (_, temp) in _staged)
                Try(() => File.Delete(temp));
            foreach (var directory in Enumerable.Reverse(_createdDirectories))
                Try(() => Directory.Delete(directory));
        }

        public void Cleanup()
        {
            foreach (var (_, backup) in _placed)
            {
                if (backup is not null)
                    Try(() => File.Delete(backup));
            }
        }

        private void CreateDirectories(string directory)
        {
            var missing = new Stack<string>();
            for (var dir = directory; !Directory.Exists(dir); dir = Path.GetDirectoryName(dir)!)
                missing.Push(dir);
            while (missing.Count > 0)
            {
                var dir = missing.Pop();
                Directory.CreateDirectory(dir);
                _createdDirectories.Add(dir);
            }
        }

        // Undo is best effort per file: one failure must not stop the others from being restored.
        private static void Try(Action action)
        {
            try
            {
                action();
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
