namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>A golden path template that never ends, or writes without end, is stopped by a named limit; nothing is written.</summary>
public sealed class TemplateLimitTests
{
    [Theory]
    [InlineData("{{ func again(x); ret again(x); end; again 1 }}", "recursive")]
    [InlineData("{{ while true; end }}", "limit")]
    [InlineData("{{ for i in 1..9999 }}0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890{{ end }}", "OutputLimit `1048576`")]
    public void A_runaway_template_is_stopped_by_a_named_limit(string body, string mention)
    {
        using var ws = new Workspace();
        var templates = ws.CopyTemplates();
        File.WriteAllText(Path.Combine(templates, "worker", "runaway.yaml.sbn"), body);
        var before = ws.Snapshot();

        var result = ws.Run("app", "new", "jobs", "--template", "worker", "--stack", Workspace.Stack, "--out", "app", "--template-dir", templates);

        HostileAssert.Refused(result, 1, "worker/runaway.yaml.sbn", mention, "Nothing was written");
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20), result.ToString());
        HostileAssert.Unchanged(before, ws.Root);
    }
}
