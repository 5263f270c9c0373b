using System.Text.RegularExpressions;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Practices.Security;
using PlatformMaturity.Versions;
using static PlatformMaturity.Core.Tests.Composition.TestConfigs;

namespace PlatformMaturity.Core.Tests.Practices.Security;

/// <summary>Basic Vulnerabilities Management: trivy-operator with pinned images, fixable HIGH and CRITICAL findings.</summary>
public sealed partial class BasicVulnerabilitiesManagementTests
{
    [Theory]
    [InlineData(DeploymentTarget.Existing, 2)]
    [InlineData(DeploymentTarget.Azure, 2)]
    [InlineData(DeploymentTarget.Existing, 3)]
    public void Trivy_operator_scans_for_fixable_high_and_critical_findings(DeploymentTarget target, int level)
    {
        var graph = Compose(For(target, level));
        var release = graph.Release(VulnerabilityScanner.ReleaseName);
        Assert.Equal(Pins.TrivyOperator, release.Chart);
        Assert.Equal(VulnerabilityScanner.Namespace, release.Namespace);
        Assert.Equal("HIGH,CRITICAL", release.Values.Get("trivy.severity"));
        Assert.Equal(true, release.Values.Get("trivy.ignoreUnfixed"));
        Assert.Contains(VulnerabilityScanner.ApiGroup, release.ProvidesApiGroups);
        Assert.Equal("basic-vulnerabilities-management", graph.OwnerOf(release.Name).Id);
        // The namespace is an object of the graph (so it can carry Pod Security labels), ordered before the release.
        Assert.False(release.CreateNamespace);
        Assert.Contains(graph.Object("Namespace", null, VulnerabilityScanner.Namespace).Name, release.DependsOn);
    }

    [Fact]
    public void Operator_and_scanner_images_are_pinned_by_digest()
    {
        var release = Compose(Existing(2)).Release(VulnerabilityScanner.ReleaseName);
        Assert.Matches(DigestTag(), (string)release.Values.Get("image.tag")!);
        Assert.Matches(DigestTag(), (string)release.Values.Get("trivy.image.tag")!);
        Assert.StartsWith("0.72.0@", (string)release.Values.Get("trivy.image.tag")!);
    }

    [Fact]
    public void With_monitoring_its_metrics_are_scraped_after_the_prometheus_operator_exists()
    {
        var release = PracticeGraphs.ComposeWithMonitoring(Existing(2)).Release(VulnerabilityScanner.ReleaseName);
        Assert.Equal(true, release.Values.Get("serviceMonitor.enabled"));
        Assert.Contains(WellKnown.PrometheusStackRelease, release.DependsOn);
    }

    [Fact]
    public void Level_1_scans_nothing()
    {
        Assert.False(Compose(Existing(1)).HasRelease(VulnerabilityScanner.ReleaseName));
    }

    [GeneratedRegex("^[0-9.]+@sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestTag();
}
