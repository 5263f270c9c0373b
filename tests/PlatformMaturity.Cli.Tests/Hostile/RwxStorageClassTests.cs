namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>platform:rwxStorageClass that is no StorageClass name: every command refuses it with the key, the value and what is allowed; nothing changes.</summary>
public sealed class RwxStorageClassTests
{
    [Theory]
    [InlineData("\"Nfs;rm -rf /\"", "Nfs;rm -rf /")]
    [InlineData("\"nfs_client\"", "nfs_client")]
    [InlineData("\"platform-data-retain\"", "platform-data-retain")]
    public void A_value_that_is_no_readwritemany_class_name_is_refused(string yaml, string shown)
    {
        using var ws = new Workspace("l5-existing");
        var text = File.ReadAllText(ws.StackFile);
        Assert.Contains("# platform:rwxStorageClass: nfs-client", text, StringComparison.Ordinal);
        ws.WriteStack(text.Replace("# platform:rwxStorageClass: nfs-client", $"platform:rwxStorageClass: {yaml}", StringComparison.Ordinal));
        var before = ws.Snapshot();

        foreach (var command in new[] { new[] { "status", Workspace.Stack }, ["render", Workspace.Stack, "--out", "out"] })
        {
            var result = ws.Run(command);
            HostileAssert.Refused(result, 1, "platform:rwxStorageClass", $"'{shown}' is not allowed");
            Assert.Contains(shown == "platform-data-retain" ? "ReadWriteMany" : "DNS-1123 subdomain", result.Error, StringComparison.Ordinal);
            HostileAssert.Unchanged(before, ws.Root);
        }
    }
}
