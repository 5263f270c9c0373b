using System.Diagnostics;
using System.Text.Json;

namespace PlatformMaturity.Cli.Stacks;

/// <summary>
/// An exclusive lock on one stack file while an upgrade changes it: a sibling .lock file created
/// atomically. A lock left by a process that no longer runs is reported as stale, never silently taken over.
/// </summary>
public sealed class StackLock : IDisposable
{
    private readonly string _path;

    private StackLock(string path) => _path = path;

    public static string PathFor(string stackFile) =>
        Path.Combine(Path.GetDirectoryName(stackFile)!, $".{Path.GetFileName(stackFile)}.lock");

    public static StackLock Acquire(string stackFile, TimeProvider clock)
    {
        var path = PathFor(stackFile);
        var owner = new LockOwner(Environment.ProcessId, Environment.MachineName, clock.GetUtcNow().ToString("O"));
        // CreateNew is O_CREAT|O_EXCL: of two processes exactly one creates the file. (File.Move without
        // overwrite is not atomic on Linux, so it cannot serve as a lock.)
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            JsonSerializer.Serialize(stream, owner);
        }
        catch (IOException e) when (e is not DirectoryNotFoundException && Directory.Exists(Path.GetDirectoryName(path)))
        {
            // The lock exists (or existed a moment ago, if its holder has just finished): say who holds it.
            throw new UserError(Describe(path, stackFile));
        }
        return new StackLock(path);
    }

    public void Dispose() => File.Delete(_path);

    private static string Describe(string path, string stackFile)
    {
        var owner = ReadOwner(path);
        var stack = Path.GetFileName(stackFile);
        if (owner is null && !File.Exists(path))
            return $"{stack} was being upgraded by another process, which has just finished; run the upgrade again against the stack's new state";
        if (owner is null)
            return $"{stack} is locked by {path}, which cannot be read; if no pmctl upgrade is running, delete it and retry";
        if (owner.Host == Environment.MachineName && !IsRunning(owner.Pid))
            return $"{stack} has a stale lock: {path} was left by process {owner.Pid} (started {owner.Since}), which is no longer running. " +
                   $"No upgrade holds it; check the stack file, delete the lock and retry";
        return $"{stack} is being upgraded by process {owner.Pid} on {owner.Host} since {owner.Since}; wait for it to finish (lock: {path})";
    }

    /// <summary>The lock's owner; a lock just created may not hold its content yet, so a few short retries.</summary>
    private static LockOwner? ReadOwner(string path)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                return JsonSerializer.Deserialize<LockOwner>(File.ReadAllText(path));
            }
            catch (FileNotFoundException)
            {
                return null;
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                Thread.Sleep(10);
            }
        }
        return null;
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
    }

    /// <summary>Who holds a lock: what the lock file records.</summary>
    public sealed record LockOwner(int Pid, string Host, string Since);
}
