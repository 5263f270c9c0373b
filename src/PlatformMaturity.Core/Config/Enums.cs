namespace PlatformMaturity.Config;

/// <summary>Where the platform runs: a cluster from the kubeconfig, or AKS provisioned through Pulumi.Azure.</summary>
public enum DeploymentTarget
{
    Existing,
    Azure,
}

/// <summary>Whether a stack serves production; Level 1 is for non-production only.</summary>
public enum EnvironmentKind
{
    NonProd,
    Prod,
}

/// <summary>Wire names of the config enums, as they appear in stack files.</summary>
public static class ConfigNames
{
    public static string Of(DeploymentTarget target) => target switch
    {
        DeploymentTarget.Existing => "existing",
        DeploymentTarget.Azure => "azure",
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    public static string Of(EnvironmentKind environment) => environment switch
    {
        EnvironmentKind.NonProd => "nonprod",
        EnvironmentKind.Prod => "prod",
        _ => throw new ArgumentOutOfRangeException(nameof(environment)),
    };

    public static string Of(TenantTier tier) => tier.ToString().ToLowerInvariant();

    public static string Of(AlertReceiverKind receiver) => receiver.ToString().ToLowerInvariant();

    public static readonly IReadOnlyList<string> Targets = [.. Enum.GetValues<DeploymentTarget>().Select(Of)];
    public static readonly IReadOnlyList<string> Environments = [.. Enum.GetValues<EnvironmentKind>().Select(Of)];
    public static readonly IReadOnlyList<string> Tiers = [.. Enum.GetValues<TenantTier>().Select(Of)];

    public static bool TryParseTarget(string value, out DeploymentTarget target) => TryParse(value, Of, out target);

    public static bool TryParseEnvironment(string value, out EnvironmentKind environment) => TryParse(value, Of, out environment);

    public static bool TryParseTier(string value, out TenantTier tier) => TryParse(value, Of, out tier);

    public static bool TryParseAlertReceiver(string value, out AlertReceiverKind receiver) => TryParse(value, Of, out receiver);

    private static bool TryParse<T>(string value, Func<T, string> name, out T result) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (name(candidate) == value)
            {
                result = candidate;
                return true;
            }
        }
        result = default;
        return false;
    }
}
