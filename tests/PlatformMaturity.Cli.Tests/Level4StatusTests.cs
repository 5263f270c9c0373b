using PlatformMaturity.Practices.Availability;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests;

/// <summary>pmctl status at Level 4 shows the platform's service level objectives (Error Budget Management).</summary>
public sealed class Level4StatusTests
{
    [Fact]
    public void Status_lists_the_objectives_the_platform_evaluates_in_text_and_json()
    {
        using var dir = new TempDirectory();
        var init = CliRunner.Run(dir.Path, "init", "dev", "--level", "4", "--target", "existing", "--tenant", "team-a:team-a-devs", "--force");
        Assert.True(init.ExitCode == 0, init.ToString());

        var json = CliRunner.Run(dir.Path, "status", "dev", "--output", "json").Json;
        var objectives = json["objectives"]!.AsArray();
        Assert.Equal([ErrorBudgetManagement.ApiServerService, ErrorBudgetManagement.GatewayService, ErrorBudgetManagement.RolloutsService],
            objectives.Select(o => o!["service"]!.GetValue<string>()));
        Assert.All(objectives, o => Assert.Equal(ErrorBudgetManagement.SloPeriod, o!["period"]!.GetValue<string>()));

        var text = CliRunner.Run(dir.Path, "status", "dev").Out;
        Assert.Contains($"{ErrorBudgetManagement.ApiServerService}/requests-availability: 99.95% (error budget 0.05%)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Level_3_status_lists_no_objectives()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, "init", "dev", "--level", "3", "--target", "existing", "--tenant", "team-a:team-a-devs").ExitCode);
        Assert.Empty(CliRunner.Run(dir.Path, "status", "dev", "--output", "json").Json["objectives"]!.AsArray());
        Assert.DoesNotContain("Service level objectives", CliRunner.Run(dir.Path, "status", "dev").Out, StringComparison.Ordinal);
    }
}
