using System.Text.Json.Nodes;
using PlatformMaturity.Config;

namespace PlatformMaturity.PulumiHost.Tests;

/// <summary>
/// Stack config for a test deployment, passed the way the language host passes it: the PULUMI_CONFIG environment
/// variable (a JSON map of "project:key" to text) that Pulumi's Deployment reads when it is constructed. Restores the
/// previous values when disposed.
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
        Environment.SetEnvironmentVariable(SecretKeysVariable, new JsonArray([.. (secretKeys ?? []).Select(k => JsonValue.Create(k))]).ToJsonString());
    }

    /// <summary>
    /// The config Pulumi gives the program for a stack file: its platform:* values (scalars as text, lists and maps
    /// as JSON), plus the defaults Pulumi.yaml declares for keys the file leaves out.
    /// </summary>
    public static PulumiConfigScope ForStackFile(string path, string stack)
    {
        var raw = StackFile.Read(path, stack);
        var config = raw.Values
            .Where(v => v.Value is not null)
            .ToDictionary(v => v.Key, v => Text(v.Value!), StringComparer.Ordinal);
        foreach (var key in ConfigKeys.All.Where(k => PulumiProject.Declares(k) && k.Default is not null && !raw.Has(k)))
            config[key.FullName] = Text(key.Default!);
        return new PulumiConfigScope(config);
    }

    private static string Text(JsonNode value) => value is JsonValue scalar ? scalar.ToString() : value.ToJsonString();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(ConfigVariable, _previousConfig);
        Environment.SetEnvironmentVariable(SecretKeysVariable, _previousSecretKeys);
    }
}
