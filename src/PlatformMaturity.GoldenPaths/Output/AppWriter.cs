using PlatformMaturity.GoldenPaths.Rendering;

namespace PlatformMaturity.GoldenPaths.Output;

/// <summary>What happened to one output file.</summary>
public enum WriteOutcome
{
    Created,
    Overwritten,
    Unchanged,

    /// <summary>An earlier render wrote it and this one does not produce it: removed (with --force).</summary>
    Removed,

    /// <summary>An earlier render wrote it and this one does not produce it: left in place (no --force).</summary>
    Kept,
}

/// <summary>
/// One file, relative to the output folder (to the repository's root when <paramref name="AtRepositoryRoot"/>), and what
/// happened to it; <paramref name="EditedSince"/> when it differs from what pmctl wrote.
/// </summary>
public sealed record WrittenFile(string Path, WriteOutcome Outcome, bool EditedSince = false, bool AtRepositoryRoot = false);

/// <summary>
/// Writes a rendered app into a folder as one step. Everything is checked first (paths stay inside the folder,
/// no symbolic links on the way, existing files only with force); files are staged beside their targets and
/// moved into place; if any step fails, every file is put back as it was and created folders are removed.
/// A file whose content is already identical is left alone (not an overwrite). The folder's <see cref="AppRecord"/>
/// lists what pmctl wrote: with force, files an earlier render wrote that this one no longer produces are removed.
/// </summary>
public static class AppWriter
{
    /// <summary>The rendered files in the app's order, then the files of earlier renders it no longer produces (removed or kept).</summary>
    /// <param name="repositoryRoot">
    /// The app repository's root when the output folder is a folder inside it (e.g. deploy/dev): the repository files
    /// (<see cref="RepositoryFiles.AtRepositoryRoot"/>) go there, checked like the others, in the same transaction, and
    /// outside the output folder's record. Null or the output folder itself: everything goes into the output folder.
    /// </param>
    public static IReadOnlyList<WrittenFile> Write(RenderedApp app, string outputDirectory, bool force, Action<string>? note = null, string? repositoryRoot = null)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory));
        if (File.Exists(root))
            throw new GoldenPathInputException([new InputProblem("--out", $"{outputDirectory} is a file; give a folder")]);
        var repository = repositoryRoot is null ? root : Path.TrimEndingDirectorySeparator(Path.GetFullPath(repositoryRoot));
        if (repository != root && RepositoryFiles.FolderOf(repository, root) is null)
            throw new GoldenPathInputException([new InputProblem("--out", $"{outputDirectory} is not inside the repository {repository}")]);
        // The workflow names the folder as Git stores it: a symbolic link on the way would make it another folder in CI.
        if (repository != root)
            RefuseLinks(repository, root, RepositoryFiles.FolderOf(repository, root)!);
        bool AtRoot(string path) => repository != root && RepositoryFiles.AtRepositoryRoot(path);
        CleanDebris(root, repository, app, AtRoot, note ?? (_ => { }));

        var plan = app.Files.Select(f => Plan(AtRoot(f.Path) ? repository : root, f, AtRoot(f.Path))).ToList();
        var conflicts = plan.Where(p => p.Exists && !p.Identical).Select(p => p.File.Path).ToList();
        if (conflicts.Count > 0 && !force)
            throw new GoldenPathInputException([new InputProblem("--out",
                $"{conflicts.Count} file{(conflicts.Count == 1 ? "" : "s")} already exist{(conflicts.Count == 1 ? "s" : "")} with other content: {string.Join(", ", conflicts)}; " +
                "nothing was written. Pass --force to overwrite them, or choose another --out folder")]);

        RefuseLinks(root, Path.Combine(root, AppRecord.FileName), AppRecord.FileName);
        var previous = AppRecord.Read(root);
        // Repository files written at the root are not the output folder's: an earlier render's copy inside it is stale.
        var stale = Stale(root, previous, app.Files.Where(f => !AtRoot(f.Path)).Select(f => f.Path));

        // The record lists what pmctl wrote that is still there: this render's files, and old ones kept without --force.
        var record = app.Files.Where(f => !AtRoot(f.Path)).Select(f => KeyValuePair.Create(f.Path, AppRecord.Hash(f.Content)))
            .Concat(force ? [] : stale.Select(s => KeyValuePair.Create(s.Path, s.RecordedHash)));
        var recordText = AppRecord.Format(app, record);
        var recordPath = Path.Combine(root, AppRecord.FileName);

        var transaction = new Transaction();
        try
        {
            foreach (var step in plan.Where(p => !p.Identical))
                transaction.Stage(step.FullPath, step.File.Content);
            if (!File.Exists(recordPath) || File.ReadAllText(recordPath) != recordText)
                transaction.Stage(recordPath, recordText);
            if (force)
            {
                foreach (var old in stale)
                    transaction.StageRemoval(old.FullPath);
            }
            transaction.Commit();
        }
        catch
        {
            transaction.Rollback();
            throw;
        }
        transaction.Cleanup();
        if (force)
            RemoveEmptyFolders(root, stale.Select(s => s.FullPath));

        return [.. plan.Select(p => new WrittenFile(p.File.Path,
                p.Identical ? WriteOutcome.Unchanged : p.Exists ? WriteOutcome.Overwritten : WriteOutcome.Created, AtRepositoryRoot: p.AtRepositoryRoot)),
            .. stale.Select(s => new WrittenFile(s.Path, force ? WriteOutcome.Removed : WriteOutcome.Kept, s.EditedSince))];
    }

    /// <summary>
    /// What a killed app new left beside the files it writes: staged copies (.pmctl-tmp) are removed, and a file
    /// moved aside (.pmctl-bak) whose place is empty is put back; a backup whose file was already replaced is removed,
    /// since the new file is in place. Only debris of processes that no longer run is touched.
    /// </summary>
    private static void CleanDebris(string root, string repository, RenderedApp app, Func<string, bool> atRoot, Action<string> note)
    {
        var folders = app.Files.Select(f => Path.GetDirectoryName(Path.Combine(atRoot(f.Path) ? repository : root, f.Path.Replace('/', Path.DirectorySeparatorChar)))!)
            .Append(root).Distinct(StringComparer.Ordinal)
            .Where(d => (d == root || d.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || d.StartsWith(repository + Path.DirectorySeparatorChar, StringComparison.Ordinal)) && Directory.Exists(d));
        foreach (var folder in folders)
        {
            foreach (var debris in Directory.EnumerateFiles(folder, ".*.pmctl-*").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(debris);
                var parts = name.Split('.');
                // .<file>.<pid>.<guid>.pmctl-tmp|bak; <file> may itself hold dots.
                if (parts.Length < 5 || parts[^1] is not ("pmctl-tmp" or "pmctl-bak") || !int.TryParse(parts[^3], out var pid) || IsRunning(pid))
                    continue;
                var target = Path.Combine(folder, string.Join('.', parts[1..^3]));
                var shown = Path.GetRelativePath(root, debris).Replace('\\', '/');
                if (parts[^1] == "pmctl-bak" && !File.Exists(target))
                {
                    File.Move(debris, target);
                    note($"{Path.GetRelativePath(root, target).Replace('\\', '/')} was put back from {shown}, left by an interrupted pmctl app new");
                }
                else
                {
                    File.Delete(debris);
                    note($"removed {shown}, left by an interrupted pmctl app new");
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
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

    private sealed record StaleFile(string Path, string FullPath, string RecordedHash, bool EditedSince);

    /// <summary>Files the record says pmctl wrote, that this render does not produce and that are still there as files.</summary>
    private static List<StaleFile> Stale(string root, IReadOnlyDictionary<string, string> previous, IEnumerable<string> producedPaths)
    {
        var produced = producedPaths.ToHashSet(StringComparer.Ordinal);
        var stale = new List<StaleFile>();
        foreach (var (path, hash) in previous)
        {
            if (produced.Contains(path))
                continue;
            var full = OutputPaths.Resolve(root, path);
            RefuseLinks(root, full, path);
            if (!File.Exists(full))
                continue;
            stale.Add(new StaleFile(path, full, hash, AppRecord.Hash(File.ReadAllBytes(full)) != hash));
        }
        return stale;
    }

    /// <summary>Folders emptied by removing old files go too (up to the output folder), so no empty gitops/ stays behind.</summary>
    private static void RemoveEmptyFolders(string root, IEnumerable<string> removed)
    {
        foreach (var file in removed)
        {
            for (var dir = Path.GetDirectoryName(file)!; dir.Length > root.Length && Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any(); dir = Path.GetDirectoryName(dir)!)
                Directory.Delete(dir);
        }
    }

    private sealed record Step(RenderedAppFile File, string FullPath, bool Exists, bool Identical, bool AtRepositoryRoot);

    private static Step Plan(string root, RenderedAppFile file, bool atRepositoryRoot)
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
        return new Step(file, full, exists, exists && File.ReadAllText(full) == file.Content, atRepositoryRoot);
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
        private readonly List<string> _removals = [];

        public void Stage(string target, string content)
        {
            CreateDirectories(Path.GetDirectoryName(target)!);
            var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.pmctl-tmp");
            _staged.Add((target, temp));
            File.WriteAllText(temp, content);
        }

        /// <summary>A file to remove on commit: it is moved aside, so a rollback can put it back.</summary>
        public void StageRemoval(string target) => _removals.Add(target);

        public void Commit()
        {
            foreach (var (target, temp) in _staged)
            {
                var backup = MoveAside(target);
                _placed.Add((target, backup));
                File.Move(temp, target);
            }
            foreach (var target in _removals)
                _placed.Add((target, MoveAside(target)));
        }

        private static string? MoveAside(string target)
        {
            if (!File.Exists(target))
                return null;
            var backup = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.pmctl-bak");
            File.Move(target, backup);
            return backup;
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
