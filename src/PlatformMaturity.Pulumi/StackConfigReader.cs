using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformMaturity.Config;
using Pulumi;
using PulumiConfig = Pulumi.Config;

namespace PlatformMaturity.PulumiHost;

/// <summary>
/// Reads the stack's platform:* config through Pulumi's Config and validates it with Core's parser, so a broken
/// stack fails with exactly the report `pmctl status` prints.
/// </summary>
internal static class StackConfigReader
{
    /// <summary>The environment variable the language host passes the stack's config in (Pulumi SDK Deployment_Config).</summary>
    private const string ConfigEnvironmentVariable = "PULUMI_CONFIG";

    public static PlatformConfig Read()
    {
        var stack = Deployment.Instance.StackName;
        var result = PlatformConfigParser.Parse(ReadRaw(stack, new PulumiConfig(PulumiProject.Name)));
        // RunException: Pulumi prints the message as it is, without a stack trace.
        return result.Config
            ?? throw new RunException(new StackConfigException(PulumiProject.StackFileOrigin(stack), result.Problems).Report());
    }

    private static RawConfig ReadRaw(string stack, PulumiConfig config)
    {
        // Secret keys: only whether they are set. Their values stay Pulumi secrets and are read where used.
        var raw = RawConfig.FromStrings(stack, name => ConfigKeys.Find($"{ConfigKey.Namespace}:{name}") is { Secret: true }
            ? config.GetSecret(name) is null ? null : RawConfig.SecretPresent
            : config.Get(name));

        // Config has no way to list keys; the names come from the language host's environment, so that a key the
        // tool does not know (a typo) is reported, as pmctl reports it.
        foreach (var unknown in PlatformKeyNames().Where(key => ConfigKeys.Find(key) is null))
            raw = raw with { Values = raw.Values.SetItem(unknown, JsonValue.Create(config.Get(unknown[(ConfigKey.Namespace.Length + 1)..]))) };
        return raw;
    }

    /// <summary>The platform:* keys the stack sets ("platform:config:key" is the older spelling of "platform:key").</summary>
    private static IEnumerable<string> PlatformKeyNames()
    {
        var json = Environment.GetEnvironmentVariable(ConfigEnvironmentVariable);
        if (string.IsNullOrEmpty(json))
            return [];
        using var document = JsonDocument.Parse(json);
        var prefix = ConfigKey.Namespace + ":";
        return [.. document.RootElement.EnumerateObject()
            .Select(p => p.Name.StartsWith(prefix + "config:", StringComparison.Ordinal) ? prefix + p.Name[(prefix.Length + "config:".Length)..] : p.Name)
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }
}
