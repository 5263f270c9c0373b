using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace PlatformMaturity.Config;

/// <summary>
/// A stack's config before validation: namespaced keys to JSON values, scalars kept as the strings the
/// stack file or Pulumi gave. Stack files and the Pulumi host both reduce to this, so one parser
/// validates both the same way.
/// </summary>
public sealed record RawConfig(string Stack, ImmutableSortedDictionary<string, JsonNode?> Values)
{
    /// <summary>
    /// What the Pulumi program passes for a secret key that is set: that it is there, never its value, which
    /// stays a Pulumi secret. Validation of secret keys is therefore about presence only.
    /// </summary>
    public const string SecretPresent = "[secret]";

    public static RawConfig Empty(string stack) => new(stack, ImmutableSortedDictionary.Create<string, JsonNode?>(StringComparer.Ordinal));

    /// <summary>
    /// Reads the <c>platform:</c> keys through a lookup of raw strings (Pulumi's <c>Config.Get</c>):
    /// arrays and objects arrive as JSON text.
    /// </summary>
    public static RawConfig FromStrings(string stack, Func<string, string?> get)
    {
        var values = ImmutableSortedDictionary.CreateBuilder<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var key in ConfigKeys.All)
        {
            var text = get(key.Name);
            if (text is null)
                continue;
            // A secret's value stays with Pulumi (the host reads it with RequireSecret); the config only records that it is set.
            values[key.FullName] = key.Secret
                ? new JsonObject { ["secure"] = "set in the Pulumi stack" }
                : key.Type is ConfigValueType.Array or ConfigValueType.Object
                ? ParseJsonOrString(text)
                : JsonValue.Create(text);
        }
        return new RawConfig(stack, values.ToImmutable());
    }

    public IEnumerable<string> PlatformKeys => Values.Keys.Where(k => k.StartsWith(ConfigKey.Namespace + ":", StringComparison.Ordinal));

    public JsonNode? this[ConfigKey key] => Values.GetValueOrDefault(key.FullName);

    public bool Has(ConfigKey key) => Values.ContainsKey(key.FullName);

    public RawConfig With(ConfigKey key, JsonNode? value) => this with { Values = Values.SetItem(key.FullName, value) };

    private static JsonNode? ParseJsonOrString(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: keep the text so validation can say what was wrong with it.
            return JsonValue.Create(text);
        }
    }
}
