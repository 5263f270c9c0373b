using System.Collections.Immutable;
using PlatformMaturity.Model;

namespace PlatformMaturity.Composition;

/// <summary>The practice components this build of the tool implements, checked against the model.</summary>
public sealed class PracticeCatalog
{
    private readonly ImmutableDictionary<string, PracticeComponent> _byPractice;

    public PracticeCatalog(IEnumerable<PracticeComponent> components, MaturityModel model)
    {
        var byPractice = new Dictionary<string, PracticeComponent>(StringComparer.Ordinal);
        foreach (var component in components)
        {
            if (!model.TryGetPractice(component.Practice, out _))
                throw new InvalidOperationException($"{component.GetType().Name} implements '{component.Practice}', which is not a practice of the maturity model");
            if (!byPractice.TryAdd(component.Practice, component))
                throw new InvalidOperationException($"'{component.Practice}' is implemented twice: {byPractice[component.Practice].GetType().Name} and {component.GetType().Name}");
        }
        _byPractice = byPractice.ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Every practice component this build implements, listed rather than found by reflection: reading an assembly's
    /// types cost every pmctl command a noticeable part of its start (PracticeCatalogTests checks none is missing).
    /// </summary>
    public static IEnumerable<PracticeComponent> BuiltIn() =>
    [
        // Availability
        new Practices.Availability.AdvancedDisasterRecoveryTesting(),
        new Practices.Availability.AdvancedPlatformMonitoring(),
        new Practices.Availability.ApplicationObservability(),
        new Practices.Availability.AutomatedNodeProvisioning(),
        new Practices.Availability.BasicDisasterRecovery(),
        new Practices.Availability.BasicPlatformMonitoring(),
        new Practices.Availability.ChaosEngineeringInProduction(),
        new Practices.Availability.ChaosEngineeringNonProd(),
        new Practices.Availability.ContinuousResiliencyImprovement(),
        new Practices.Availability.DisasterRecoveryForPersistentStorage(),
        new Practices.Availability.ErrorBudgetManagement(),
        new Practices.Availability.FaultTolerantWorkloadDistribution(),
        new Practices.Availability.HardMultiTenancy(),
        new Practices.Availability.KubernetesBuiltInResiliency(),
        new Practices.Availability.ManualDisasterRecoveryTesting(),
        new Practices.Availability.MultiClusterPlatform(),
        new Practices.Availability.PlatformObservability(),
        new Practices.Availability.PlatformSla(),
        // Delivery
        new Practices.Delivery.AdvancedBuildProcesses(),
        new Practices.Delivery.AdvancedDeliveryProcesses(),
        new Practices.Delivery.AdvancedDeploymentManagement(),
        new Practices.Delivery.BasicBuildProcesses(),
        new Practices.Delivery.BasicDeliveryProcesses(),
        new Practices.Delivery.BasicDeploymentManagement(),
        new Practices.Delivery.DoraMetrics(),
        new Practices.Delivery.ExtendedDeliveryProcesses(),
        new Practices.Delivery.ExtendedImagesBuildProcesses(),
        new Practices.Delivery.GitOpsApplicationManagement(),
        new Practices.Delivery.GoldenPaths(),
        new Practices.Delivery.InternalDeveloperPlatform(),
        new Practices.Delivery.KubernetesLandingZone(),
        // Efficiency
        new Practices.Efficiency.AdvancedApplicationAutoscaling(),
        new Practices.Efficiency.AdvancedCostsManagement(),
        new Practices.Efficiency.AdvancedResourcesManagement(),
        new Practices.Efficiency.AdvancedVolumeManagement(),
        new Practices.Efficiency.BasicApplicationAutoscaling(),
        new Practices.Efficiency.BasicResourcesManagement(),
        new Practices.Efficiency.ClusterAutoscaling(),
        new Practices.Efficiency.CostsCenterManagement(),
        new Practices.Efficiency.JustInTimeCapacity(),
        new Practices.Efficiency.ManualApplicationScaling(),
        new Practices.Efficiency.PlatformLandingZones(),
        new Practices.Efficiency.UnmanagedClusterResources(),
        // Security
        new Practices.Security.AdvancedAccessManagement(),
        new Practices.Security.AdvancedDataProtection(),
        new Practices.Security.AdvancedTrafficFiltering(),
        new Practices.Security.AdvancedVulnerabilitiesManagement(),
        new Practices.Security.AdvancedWorkloadsAuditing(),
        new Practices.Security.AllTrafficEncrypted(),
        new Practices.Security.BasicAccessManagement(),
        new Practices.Security.BasicClusterUpdates(),
        new Practices.Security.BasicSecretsManagement(),
        new Practices.Security.BasicTrafficFiltering(),
        new Practices.Security.BasicVulnerabilitiesManagement(),
        new Practices.Security.CompliancePoliciesEnforcement(),
        new Practices.Security.GitOpsPlatformManagement(),
        new Practices.Security.IdentityBasedAccessControl(),
        new Practices.Security.NetworkTrafficAuditing(),
        new Practices.Security.PlatformAccessAuditing(),
        new Practices.Security.RestrictedContainerRuntime(),
        new Practices.Security.ShiftLeftSecurity(),
        new Practices.Security.UnrestrictedContainerRuntime(),
        new Practices.Security.ZeroTrustEnvironment(),
    ];

    public static PracticeCatalog Default { get; } = new(BuiltIn(), MaturityModel.Default);

    public bool TryGet(string practice, out PracticeComponent component) => _byPractice.TryGetValue(practice, out component!);

    public IEnumerable<string> ImplementedPractices => _byPractice.Keys.Order(StringComparer.Ordinal);
}
