namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>What every hostile case checks: an exit code that means what README says, a message, no crash.</summary>
public static class HostileAssert
{
    /// <summary>
    /// Exit code <paramref name="exit"/> (1: input or stack problem, 2: usage), a message on stderr holding each of
    /// <paramref name="mentions"/>, and no sign of a crash: no stack trace, no unhandled exception, no internal error.
    /// </summary>
    public static void Refused(ProcessResult result, int exit, params string[] mentions)
    {
        Assert.True(result.ExitCode == exit, $"expected exit {exit}\n{result}");
        Assert.DoesNotContain("Unhandled exception", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("internal error", result.Error);
        Assert.StartsWith("pmctl: ", result.Error);
        foreach (var mention in mentions)
            Assert.True(result.Error.Contains(mention, StringComparison.Ordinal), $"stderr should mention '{mention}'\n{result}");
    }

    /// <summary>Every file under <paramref name="root"/> is as it was: bytes, mode, owner, links; nothing added or removed.</summary>
    public static void Unchanged(IReadOnlyDictionary<string, string> before, string root) =>
        Assert.Equal(before, FileTree.Snapshot(root));
}
