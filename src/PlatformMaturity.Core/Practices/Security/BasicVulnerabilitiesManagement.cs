using PlatformMaturity.Composition;
using PlatformMaturity.Graph.Azure;
using PlatformMaturity.Practices.Delivery;

namespace PlatformMaturity.Practices.Security;

/// <summary>Levels 2–3: every running image is scanned continuously for fixable high and critical vulnerabilities.</summary>
public sealed class BasicVulnerabilitiesManagement : PracticeComponent
{
    public override string Practice => "Basic Vulnerabilities Management";

    public override Implementation Implementation => Implementation.OnBothTargets(
        $"trivy-operator (chart {Versions.Pins.TrivyOperator.Version}, images by digest) scanning running images for {VulnerabilityScanner.Severities} vulnerabilities with a fix, reports as VulnerabilityReports, metrics scraped when the platform runs Prometheus");

    public override void Build(ComponentBuilder component)
    {
        VulnerabilityScanner.Add(component);
        if (component.IsAzure)
            ExplainRegistryQuarantine(component);
    }

    /// <summary>
    /// ACR quarantine (Premium only) holds every pushed image until a scanner releases it. No component of the
    /// platform releases images from quarantine, so turning it on would stop every pull; the images are scanned
    /// where they run instead.
    /// </summary>
    private static void ExplainRegistryQuarantine(ComponentBuilder component)
    {
        var sku = component.Existing<ContainerRegistry>().FirstOrDefault(r => r.Name == BasicBuildProcesses.RegistryName)?.Sku;
        component.Note(sku == "Premium"
            ? "The registry is Premium, but quarantine stays off: nothing in the platform releases quarantined images, so every pull would fail. Running images are scanned by trivy-operator."
            : $"Registry quarantine needs the Premium SKU (this registry is {sku ?? "not managed by the platform"}); running images are scanned by trivy-operator instead.");
    }
}
