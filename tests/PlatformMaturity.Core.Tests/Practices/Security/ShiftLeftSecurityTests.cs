using PlatformMaturity.Config;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>Shift Left Security (platform side): the platform repository's CI gates, with the scanner pinned by digest.</summary>
public sealed class ShiftLeftSecurityTests
{
    [Theory]
    [InlineData(DeploymentTarget.Existing)]
    [InlineData(DeploymentTarget.Azure)]
    public void The_platform_ci_builds_validates_scans_with_a_pinned_trivy_and_previews(DeploymentTarget target)
    {
        var notes = Compose(For(target, 3)).ComponentOf("Shift Left Security").Notes;
        Assert.Contains(notes, n => n.Contains("pmctl render test") && n.Contains("kubectl kustomize"));
        Assert.Contains(notes, n => n.Contains($"{Pins.TrivyImage} fs --scanners misconfig,secret --severity CRITICAL --exit-code 1"));
        Assert.Contains(notes, n => n.Contains($"{Pins.TrivyImage} image --severity CRITICAL --exit-code 1"));
        Assert.DoesNotContain(notes, n => n.Contains(":latest"));
        Assert.Contains(notes, n => n.Contains("pulumi preview --stack test"));
        Assert.Contains("@sha256:", Pins.TrivyImage);
    }

    [Fact]
    public void Level_2_has_no_shift_left_gates()
    {
        Assert.False(Compose(Existing(2)).InEffect("Shift Left Security"));
    }
}
