using System.Collections.Immutable;
using PlatformMaturity.Config;
using PlatformMaturity.GoldenPaths;
using PlatformMaturity.GoldenPaths.Rendering;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.GoldenPaths.Tests;

/// <summary>Stacks at every level on both targets, the repository's golden paths, and a way to render one app.</summary>
public static class TestPlatforms
{
    public const string Registry = "registry.example.com/apps";

    public const string AzureRegistry = "acmeplatform.azurecr.io";

    public static readonly ImmutableArray<Tenant> Tenants =
    [
        new("team-a", "team-a-devs", TenantTier.Medium),
        new("team-b", "team-b-devs", TenantTier.Small),
    ];

    private static readonly Lazy<GoldenPathCatalog> RepositoryCatalog =
        new(() => GoldenPathCatalog.Load(Path.Combine(TestPaths.RepositoryRoot, "templates")));

    /// <summary>The golden paths in the repository's templates/ folder.</summary>
    public static GoldenPathCatalog Catalog => RepositoryCatalog.Value;

    public static PlatformConfig Config(int level, DeploymentTarget target = DeploymentTarget.Existing, EnvironmentKind environment = EnvironmentKind.NonProd) =>
        target == DeploymentTarget.Azure
            ? new PlatformConfig
            {
                Stack = $"az{level}",
                Name = "acme",
                Level = level,
                Target = target,
                Environment = environment,
                Tenants = Tenants,
                Regions = ["westeurope", "northeurope"],
            }
            : new PlatformConfig
            {
                Stack = $"l{level}",
                Name = "acme",
                Level = level,
                Target = target,
                Environment = environment,
                Tenants = Tenants,
                Registry = Registry,
            };

    /// <summary>
    /// A stack whose platform is taken to implement every practice in effect at its level (and install every API
    /// group): what the templates can do. What users get comes from <see cref="Real"/>.
    /// </summary>
    public static PlatformContext Platform(int level, DeploymentTarget target = DeploymentTarget.Existing, EnvironmentKind environment = EnvironmentKind.NonProd) =>
        PlatformContext.AssumingEveryPracticeImplemented(Config(level, target, environment));

    /// <summary>The stack as this version of the platform builds it: the practices its composed graph implements.</summary>
    public static PlatformContext Real(int level, DeploymentTarget target = DeploymentTarget.Existing, EnvironmentKind environment = EnvironmentKind.NonProd) =>
        PlatformContext.Of(Config(level, target, environment));

    /// <summary>The --set values every golden path needs at its most demanding level, for the given target.</summary>
    public static List<string> RequiredSets(string goldenPath, int level, DeploymentTarget target = DeploymentTarget.Existing)
    {
        var sets = new List<string>();
        if (level >= 4)
            sets.AddRange(["cost-center=cc-1234", "repository=acme/shop"]);
        if (goldenPath == "cron-job")
            sets.Add("schedule=*/15 * * * *");
        if (goldenPath == "postgres")
        {
            // Where backups go is the one thing each target cannot find out itself (no image to build).
            sets.AddRange(target == DeploymentTarget.Azure
                ? ["backup-storage-account=acmebackups1234"]
                : ["backup-bucket=acme-backups", "backup-endpoint=s3.eu-west-1.amazonaws.com"]);
            return sets;
        }
        if (target == DeploymentTarget.Azure)
            sets.Add($"image={AzureRegistry}/team-a/shop");
        return sets;
    }

    public static AppRequest Request(string goldenPath, int level, DeploymentTarget target = DeploymentTarget.Existing, string name = "shop", params string[] extraSets) =>
        new(name, goldenPath, level >= 2 ? "team-a" : null, [.. RequiredSets(goldenPath, level, target), .. extraSets]);

    public static RenderedApp Render(string goldenPath, int level, DeploymentTarget target = DeploymentTarget.Existing, EnvironmentKind environment = EnvironmentKind.NonProd, params string[] extraSets) =>
        GoldenPathRenderer.Render(Request(goldenPath, level, target, extraSets: extraSets), Catalog, Platform(level, target, environment));

    /// <summary>Every golden path at every level it supports, on both targets.</summary>
    public static TheoryData<string, int, DeploymentTarget> SupportedCases()
    {
        var data = new TheoryData<string, int, DeploymentTarget>();
        foreach (var goldenPath in Catalog.GoldenPaths)
        {
            for (var level = goldenPath.Manifest.MinimumLevel; level <= 5; level++)
            {
                foreach (var target in Enum.GetValues<DeploymentTarget>())
                    data.Add(goldenPath.Name, level, target);
            }
        }
        return data;
    }

    /// <summary>Every golden path at every level below its minimum.</summary>
    public static TheoryData<string, int> RefusedCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var goldenPath in Catalog.GoldenPaths)
        {
            for (var level = 1; level < goldenPath.Manifest.MinimumLevel; level++)
                data.Add(goldenPath.Name, level);
        }
        return data;
    }
}
