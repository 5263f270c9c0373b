using PlatformMaturity.Cli;
using PlatformMaturity.Cli.Stacks;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests;

public sealed class StackLockTests
{
    // The holder deletes its lock file as it lets go; a contender that failed to lock in that instant once
    // surfaced the raw "The process cannot access the file" error instead of retrying or naming the holder.
    [Fact]
    public void A_contender_racing_a_holder_that_lets_go_gets_the_lock_or_a_clear_message()
    {
        using var dir = new TempDirectory();
        var stackFile = dir.Combine("Pulumi.dev.yaml");
        File.WriteAllText(stackFile, "config: {}\n");
        var stop = DateTime.UtcNow.AddSeconds(2);
        var unexpected = new List<Exception>();
        var holder = new Thread(() =>
        {
            while (DateTime.UtcNow < stop)
            {
                try { using var _ = StackLock.Acquire(stackFile, TimeProvider.System); }
                catch (UserError) { }
                catch (Exception e) { lock (unexpected) unexpected.Add(e); }
            }
        });
        holder.Start();
        while (DateTime.UtcNow < stop)
        {
            try { using var _ = StackLock.Acquire(stackFile, TimeProvider.System); }
            catch (UserError e) { Assert.Contains("being upgraded by", e.Message); }
            catch (Exception e) { lock (unexpected) unexpected.Add(e); }
        }
        holder.Join();
        Assert.Empty(unexpected);
    }
}
