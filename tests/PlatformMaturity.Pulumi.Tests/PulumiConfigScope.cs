using System.Text.Json.Nodes;
using PlatformMaturity.Config;

namespace PlatformMaturity.PulumiHost.Tests;

/// <summary>
/// Stack config for a test deployment, passed the way the language host passes it: the PULUMI_CONFIG environment
/// variable (a JSON map of "project:key" to text) and PULUMI_CONFIG_SECRET_KEYS (a JSON array of the keys whose
/// values are secrets), which Pulumi's Deployment reads when it is constructed. Restores the previous values when
/// disposed.
/// </summary>
public sealed class PulumiConfigScope : IDisposable
{
    private const string ConfigVariable = "PULUMI_CONFIG";
    private const string SecretKeysVariable = "PULUMI_CONFIG_SECRET_KEYS";

    private readonly string? _previousConfig = Environment.GetEnvironmentVariable(ConfigVariable);
    private readonly string? _previousSecretKeys = Environment.GetEnvironmentVariable(SecretKeysVariable);

    public PulumiConfigScope(IReadOnlyDictionary<string, string> config, IEnumerable<string>? secretKeys = null)
    {
        var json = new JsonObject();
        foreach (var (key, value) in config.OrderBy(c => c.Key, StringComparer.Ordinal))
            json[key] = value;
        Environment.SetEnvironmentVariable(ConfigVariable, json.ToJsonString());
        Environment.SetEnvironmentVariable(SecretKeysVariable,
            new JsonArray([.. (secretKeys ?? []).Order(StringComparer.Ordinal).Select(k => JsonValue.Create(k))]).ToJsonString());
    }

    /// <summary>The test value given to a secret key the stack file leaves for pulumi config set --secret.</summary>
    public static string TestSecretValue(ConfigKey key) => $"test-secret-for-{key.Name}";

    /// <summary>
    /// The config Pulumi gives the program for a stack file: its platform:* values (scalars as text, lists and maps
    /// as JSON), the defaults Pulumi.yaml declares for keys the file leaves out, and, marked secret, a test value for
    /// every secret key the stack's level and target need that the file lacks, as after pulumi config set --secret.
    /// </summary>
    public static PulumiConfigScope ForStackFile(string path, string stack)
    {
        var raw = StackFile.Read(path, stack);
        var config = raw.Values
            .Where(v => v.Value is not null)
            .ToDictionary(v => v.Key, v => Text(v.Value!), StringComparer.Ordinal);
        foreach (var key in ConfigKeys.All.Where(k => PulumiProject.Declares(k) && k.Default is not null && !raw.Has(k)))
            config[key.FullName] = Text(key.Default!);

        // A stack whose level or target is broken needs no secrets: the program stops at the config report first.
        // A secret the file holds encrypted (secure: ...) cannot be decrypted here, so it gets a test value too.
        IEnumerable<ConfigKey> needed = PlatformConfigParser.Parse(raw).Config is { } parsed ? ConfigKeys.SecretsNeeded(parsed.Level, parsed.Target) : [];
        var secrets = ConfigKeys.All.Where(k => k.Secret && (raw.Has(k) || needed.Contains(k))).ToList();
        foreach (var key in secrets)
            config[key.FullName] = TestSecretValue(key);
        return new PulumiConfigScope(config, secrets.Select(k => k.FullName));
    }

    /// <summary>No stack config at all, as before the first test: what each test starts and ends with.</summary>
    public static void Reset()
    {
        Environment.SetEnvironmentVariable(ConfigVariable, null);
        Environment.SetEnvironmentVariable(SecretKeysVariable, null);
    }

    private static string Text(JsonNode value) => value is JsonValue scalar ? scalar.ToString() : value.ToJsonString();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(ConfigVariable, _previousConfig);
        Environment.SetEnvironmentVariable(SecretKeysVariable, _previousSecretKeys);
    }
}
