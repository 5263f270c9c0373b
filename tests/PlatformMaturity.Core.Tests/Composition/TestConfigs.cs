using System.Collections.Immutable;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;

namespace PlatformMaturity.Core.Tests.Composition;

/// <summary>Valid configs for each level and target, and their graphs, for composition tests.</summary>
public static class TestConfigs
{
    public static readonly ImmutableArray<Tenant> Tenants =
    [
        new("team-a", "team-a-devs", TenantTier.Small),
        new("team-b", "team-b-devs", TenantTier.Large),
    ];

    public static PlatformConfig Existing(int level) => new()
    {
        Stack = "test",
        Name = "test",
        Level = level,
        Target = DeploymentTarget.Existing,
        Tenants = Tenants,
        Registry = "localhost:5001",
    };

    public static PlatformConfig Azure(int level) => new()
    {
        Stack = "test",
        Name = "test",
        Level = level,
        Target = DeploymentTarget.Azure,
        Tenants = Tenants,
        Regions = ["westeurope", "northeurope"],
        KubernetesVersion = Versions.Pins.AksKubernetesVersion,
        NodeVmSize = Versions.Pins.AksSystemNodeVmSize,
        NodeCount = 3,
        SkuTier = "Free",
    };

    public static PlatformConfig For(DeploymentTarget target, int level) =>
        target == DeploymentTarget.Azure ? Azure(level) : Existing(level);

    public static PlatformGraph Compose(PlatformConfig config) => Composer.Default.Compose(config);

    /// <summary>Every level on both targets, for theories.</summary>
    public static TheoryData<DeploymentTarget, int> AllLevelsAndTargets()
    {
        var data = new TheoryData<DeploymentTarget, int>();
        foreach (var target in Enum.GetValues<DeploymentTarget>())
        {
            for (var level = 1; level <= 5; level++)
                data.Add(target, level);
        }
        return data;
    }
}
