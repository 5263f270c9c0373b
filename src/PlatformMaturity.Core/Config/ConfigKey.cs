using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace PlatformMaturity.Config;

/// <summary>The type of a config value, with the names Pulumi.yaml uses.</summary>
public enum ConfigValueType
{
    String,
    Integer,
    Boolean,
    Array,
    Object,
}

/// <summary>
/// One key of the <c>platform:</c> config namespace: its type, documentation and default. The same
/// definitions drive validation, <c>pmctl init</c>, and the <c>config:</c> section of Pulumi.yaml.
/// </summary>
/// <param name="Name">The key without namespace, e.g. "level".</param>
/// <param name="Default">The default when the key is absent (a JSON value), or null when there is none.</param>
/// <param name="Target">The only target the key applies to, or null for both.</param>
/// <param name="FromLevel">The lowest level whose stacks need the key; init writes it from there.</param>
/// <param name="Required">Whether a stack must set it (at <paramref name="FromLevel"/> and above, on its target).</param>
/// <param name="Allowed">For enumerations: every allowed value.</param>
/// <param name="ItemType">For arrays: the type of the items.</param>
/// <param name="Secret">The value is a credential: it must be set with pulumi config set --secret and is never written in plain text.</param>
public sealed record ConfigKey(
    string Name,
    ConfigValueType Type,
    string Description,
    JsonNode? Default = null,
    DeploymentTarget? Target = null,
    int FromLevel = 1,
    bool Required = false,
    ImmutableArray<string> Allowed = default,
    ConfigValueType? ItemType = null,
    bool Secret = false)
{
    public const string Namespace = "platform";

    /// <summary>The namespaced key as it appears in a stack file, e.g. "platform:level".</summary>
    public string FullName => $"{Namespace}:{Name}";

    public bool AppliesTo(DeploymentTarget target) => Target is null || Target == target;

    public bool NeededAt(int level, DeploymentTarget target) => AppliesTo(target) && level >= FromLevel;
}
