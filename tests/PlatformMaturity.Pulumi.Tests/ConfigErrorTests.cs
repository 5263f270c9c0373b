using PlatformMaturity.Cli;
using PlatformMaturity.Config;
using PlatformMaturity.Tests.Shared;
using Pulumi;

namespace PlatformMaturity.PulumiHost.Tests;

/// <summary>A broken stack stops `pulumi up` before anything is registered, with the report `pmctl status` prints.</summary>
[Collection(PulumiCollection.Name)]
public sealed class ConfigErrorTests : PulumiTest
{
    [Theory]
    // Three problems: a level that does not exist, a target that does not exist, and a typo'd key.
    [InlineData("config:\n  platform:level: 7\n  platform:target: gke\n  platform:tenant:\n  - name: team-a\n")]
    // A key of the other target, and an invalid tenant.
    [InlineData("config:\n  platform:level: 1\n  platform:target: existing\n  platform:regions:\n  - westeurope\n  platform:tenants:\n  - name: Team_A\n")]
    public async Task A_stack_with_config_errors_fails_with_the_report_pmctl_status_prints(string stackFile)
    {
        const string stack = "broken";
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine(PulumiProject.StackConfigDir));
        var path = dir.Combine(PulumiProject.StackConfigDir, StackFile.FileName(stack));
        File.WriteAllText(path, stackFile);

        var error = new StringWriter();
        Assert.Equal(1, Pmctl.Run(["status", stack], new CliIO(TextWriter.Null, error, dir.Path)));
        var pmctlReport = error.ToString().ReplaceLineEndings("\n").TrimEnd('\n');
        Assert.StartsWith($"pmctl: {PulumiProject.StackFileOrigin(stack)}: ", pmctlReport);

        using var config = PulumiConfigScope.ForStackFile(path, stack);
        var mocks = new RecordingMocks();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            Deployment.TestAsync(mocks, TestDeployment.Options(stack), () => PlatformProgram.Run()));

        Assert.Contains(pmctlReport["pmctl: ".Length..], failure.Message);
        Assert.Empty(mocks.Registered);
    }
}
