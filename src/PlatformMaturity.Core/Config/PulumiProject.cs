namespace PlatformMaturity.Config;

/// <summary>
/// Facts about the Pulumi project (Pulumi.yaml at the repository root) that pmctl, the Pulumi program and
/// the tests share, so they cannot disagree.
/// </summary>
public static class PulumiProject
{
    public const string FileName = "Pulumi.yaml";

    /// <summary>The project name. It is also the config namespace, which is why keys read platform:level.</summary>
    public const string Name = ConfigKey.Namespace;

    /// <summary>stackConfigDir of Pulumi.yaml: the folder of the Pulumi.&lt;stack&gt;.yaml files, relative to the project root.</summary>
    public const string StackConfigDir = "stacks";

    /// <summary>A stack file as messages name it from the project root (pmctl run at the root prints the same path).</summary>
    public static string StackFileOrigin(string stack) => Path.Combine(StackConfigDir, StackFile.FileName(stack));

    /// <summary>
    /// Whether Pulumi.yaml declares the key in its config section. Pulumi treats a declared key without a
    /// default as required on every stack, and writes a declared default into every stack that lacks the key
    /// (pulumi/pulumi sdk/go/common/workspace mergeConfig). So only keys that every stack of every level and
    /// target can carry are declared: both targets, from Level 1, and either required or with a default.
    /// Target-specific, level-gated and optional keys without a default stay undeclared (Pulumi accepts
    /// undeclared project keys) and are validated by the program with the same messages as pmctl.
    /// </summary>
    public static bool Declares(ConfigKey key) =>
        key.Target is null && key.FromLevel == 1 && (key.Required || key.Default is not null);

    /// <summary>The type name Pulumi.yaml uses (string, integer, boolean, array, object).</summary>
    public static string TypeName(ConfigValueType type) => type.ToString().ToLowerInvariant();
}
