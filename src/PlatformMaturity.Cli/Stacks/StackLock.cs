using PlatformMaturity.Files;

namespace PlatformMaturity.Cli.Stacks;

/// <summary>
/// An exclusive lock on one stack file while an upgrade changes it: an OS lock (flock, which .NET takes for
/// FileShare.None) on a sibling .lock file. The kernel drops the lock when its process ends in any way (Ctrl-C,
/// kill -9, a full disk), so a lock can never outlive its holder; the file's existence alone means nothing, and a
/// file left behind is simply locked again by the next upgrade.
/// </summary>
public sealed class StackLock : IDisposable
{
    private readonly string _path;
    private readonly FileStream _handle;

    private StackLock(string path, FileStream handle)
    {
        _path = path;
        _handle = handle;
    }

    public static string PathFor(string stackFile) =>
        Path.Combine(Path.GetDirectoryName(stackFile)!, $".{Path.GetFileName(stackFile)}.lock");

    /// <summary>Takes the lock, or throws a <see cref="UserError"/> saying who holds it or why the lock file is unusable.</summary>
    public static StackLock Acquire(string stackFile, TimeProvider clock) => Acquire(stackFile, clock, note: null);

    public static StackLock Acquire(string stackFile, TimeProvider clock, Action<string>? note)
    {
        _ = clock;
        var path = PathFor(stackFile);
        var stack = Path.GetFileName(stackFile);
        // A few tries cover the moment when the previous holder deletes the file it had locked.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var existing = UnixFile.LinkStat(path);
            if (existing.Kind is not (FileKind.Missing or FileKind.Regular))
                throw new UserError($"{stack} cannot be locked: {path} is {UnixFile.Describe(existing.Kind)}, not a lock file pmctl wrote; remove it and retry");
            FileStream handle;
            try
            {
                // O_CREAT without O_TRUNC, then flock(LOCK_EX|LOCK_NB): nothing is written into the file.
                handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            }
            catch (IOException e) when (e is not DirectoryNotFoundException)
            {
                var now = UnixFile.LinkStat(path).Kind;
                if (now == FileKind.Regular)
                    throw new UserError($"{stack} is being upgraded by another pmctl process (it holds the lock on {path}); wait for it to finish and run the upgrade again");
                // The holder finished and deleted the file between our open and our look at it: try again.
                if (now == FileKind.Missing)
                    continue;
                throw;
            }
            if (UnixFile.IsSameFile(handle.SafeFileHandle, path))
            {
                if (existing.Kind == FileKind.Regular)
                    note?.Invoke($"{path} was left by an upgrade that did not finish; no process holds it, so this upgrade took it over");
                return new StackLock(path, handle);
            }
            // The holder deleted the file between our open and our lock: the lock is on a file no one else sees.
            handle.Dispose();
        }
        throw new UserError($"{stack} is being upgraded by other pmctl processes right now; run the upgrade again");
    }

    public void Dispose()
    {
        // Delete while still holding the lock, so no one locks a file that is about to disappear unseen.
        try
        {
            File.Delete(_path);
        }
        finally
        {
            _handle.Dispose();
        }
    }
}
