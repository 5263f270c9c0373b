using Pulumi;
using PulumiConfig = Pulumi.Config;

namespace PlatformMaturity.PulumiHost;

/// <summary>Where secret config values come from: Pulumi secrets, never plain text.</summary>
public interface ISecretSource
{
    /// <summary>The secret value of a namespaced config key (e.g. "platform:grafanaAdminPassword").</summary>
    Output<string> Require(string namespacedKey);
}

/// <summary>Secret values from the stack's config (pulumi config set --secret), kept secret.</summary>
public sealed class PulumiSecretConfig : ISecretSource
{
    public Output<string> Require(string namespacedKey)
    {
        var colon = namespacedKey.IndexOf(':');
        if (colon <= 0)
            throw new ArgumentException($"'{namespacedKey}' is not a namespaced config key such as platform:name", nameof(namespacedKey));
        var key = namespacedKey[(colon + 1)..];
        return new PulumiConfig(namespacedKey[..colon]).GetSecret(key)
            ?? throw new RunException($"the stack has no value for the secret config key {namespacedKey}; set it with: pulumi config set --secret {namespacedKey} <value>");
    }
}
