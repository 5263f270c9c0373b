using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PlatformMaturity.Config;

/// <summary>Validation of secrets: secret keys, the secret store, and credentials that must not sit in plain config.</summary>
public static partial class PlatformConfigParser
{
    /// <summary>The external-secrets providers a ClusterSecretStore accepts (external-secrets.io/v1, chart 2.9).</summary>
    internal static readonly ImmutableSortedSet<string> SecretStoreProviders = ImmutableSortedSet.Create(StringComparer.Ordinal,
        "akeyless", "aws", "azurekv", "barbican", "beyondtrust", "bitwardensecretsmanager", "chef", "cloudrusm", "conjur", "delinea",
        "doppler", "dvls", "fake", "fortanix", "gcpsm", "github", "gitlab", "ibm", "infisical", "keepersecurity", "kubernetes",
        "nebiusmysterybox", "ngrok", "onboardbase", "onepassword", "onepasswordSDK", "oracle", "ovh", "passbolt", "passworddepot",
        "previder", "pulumi", "scaleway", "secretserver", "senhasegura", "vault", "volcengine", "webhook", "yandexcertificatemanager",
        "yandexlockbox");

    /// <summary>
    /// Secret keys must hold an encrypted value (<c>secure: …</c>, written by pulumi config set --secret): the value
    /// itself is never read here, only whether it is set. Plain text is refused so no credential sits in a stack file.
    /// </summary>
    private static ImmutableSortedSet<string> ReadSecrets(RawConfig raw, Action<ConfigKey, string> problem)
    {
        var set = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var key in ConfigKeys.All.Where(k => k.Secret && raw.Has(k)))
        {
            if (raw[key] is JsonObject obj && obj.Count == 1 && Scalar(obj["secure"]) is { Length: > 0 })
                set.Add(key.FullName);
            else
                problem(key, $"is a secret but holds {(raw[key] is JsonObject ? "an object that is not a secure: value" : "plain text")}; " +
                    $"remove the line and set it encrypted with: pulumi config set --secret {key.FullName} <value>");
        }
        return set.ToImmutable();
    }

    private static string? ReadSecretStore(RawConfig raw, Action<ConfigKey, string> problem)
    {
        var key = ConfigKeys.SecretStore;
        if (!raw.Has(key) || raw[key] is null)
            return null;
        if (raw[key] is not JsonObject obj || obj.Count != 1)
        {
            problem(key, $"'{Shown(raw[key])}' is not allowed; expected one provider block such as {{vault: {{server: https://vault.example.com, path: secret, version: v2, auth: {{...}}}}}}");
            return null;
        }
        var (provider, settings) = obj.First();
        if (!SecretStoreProviders.Contains(provider))
        {
            problem(key, $"provider '{provider}' is not an external-secrets provider; allowed: {string.Join(", ", SecretStoreProviders)}");
            return null;
        }
        if (settings is not JsonObject)
        {
            problem(key, $"provider '{provider}' settings '{Shown(settings)}' are not allowed; expected an object of the provider's settings (see external-secrets.io/latest/provider/{provider})");
            return null;
        }
        return Canonical(obj)!.ToJsonString();
    }

    /// <summary>The same JSON with object keys sorted, so equal configs give equal text.</summary>
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Canonical)]),
        _ => node?.DeepClone(),
    };

    /// <summary>What replaces a credential found in plain config, so no later message can echo it.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>
    /// Refuses credentials written in plain text into keys that are not secret (a token in platform:secretStore, a
    /// password in a URL, a key named like a credential): they would sit unencrypted in the stack file and in git. The
    /// message names where, never the value; the returned config has them redacted for the checks that follow.
    /// </summary>
    private static RawConfig RefuseInlineCredentials(RawConfig raw, Action<ConfigKey, string> problem)
    {
        foreach (var key in ConfigKeys.All.Where(k => !k.Secret && raw.Has(k) && raw[k] is not null))
        {
            var copy = raw[key]!.DeepClone();
            var found = new List<string>();
            copy = Redact(copy, "", found);
            if (found.Count == 0)
                continue;
            foreach (var finding in found)
            {
                problem(key, $"{finding} in plain text (value not shown); credentials never go into plain stack config: " +
                    "reference a Kubernetes Secret instead (external-secrets providers take *SecretRef objects such as tokenSecretRef: {name: vault-token, key: token}), " +
                    "or keep the value in a secret key, set encrypted with pulumi config set --secret (a secure: value)");
            }
            raw = raw.With(key, copy);
        }
        return raw;
    }

    private static JsonNode? Redact(JsonNode? node, string path, List<string> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    if (obj[name] is JsonValue value && Scalar(value) is { Length: > 0 } && CredentialNamePattern().IsMatch(name))
                    {
                        found.Add($"{at} is a credential ('{name}')");
                        obj[name] = Redacted;
                    }
                    else
                    {
                        obj[name] = Redact(obj[name]?.DeepClone(), at, found);
                    }
                }
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    array[i] = Redact(array[i]?.DeepClone(), $"{path}[{i}]", found);
                return array;
            case JsonValue when Scalar(node) is { } text:
                var where = path.Length == 0 ? "the value" : path;
                if (UrlPasswordPattern().IsMatch(text))
                {
                    found.Add($"{where} is a URL with a password (user:password@)");
                    return JsonValue.Create(UrlPasswordPattern().Replace(text, m => $"{m.Groups["scheme"].Value}{m.Groups["user"].Value}:{Redacted}@"));
                }
                if (CredentialValuePattern().Match(text) is { Success: true } match)
                {
                    found.Add($"{where} holds a credential ({CredentialKind(match)})");
                    return JsonValue.Create(Redacted);
                }
                return node;
            default:
                return node;
        }
    }

    private static string CredentialKind(Match match) =>
        match.Groups["jwt"].Success ? "a JSON Web Token"
        : match.Groups["github"].Success ? "a GitHub token"
        : match.Groups["aws"].Success ? "an AWS access key id"
        : match.Groups["slack"].Success ? "a Slack token"
        : match.Groups["azure"].Success ? "an Azure storage key or SAS signature"
        : "a private key";

    /// <summary>Property names that hold a credential when their value is text (a *SecretRef object is a reference, and fine).</summary>
    [GeneratedRegex("^(.*(password|passwd|passphrase|token|secret|apikey|api_key|accesskey|secretkey|privatekey|accountkey|sharedkey|masterkey)|pwd|connectionstring|credentials?)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialNamePattern();

    [GeneratedRegex(@"(?<scheme>[a-z][a-z0-9+.-]*://)(?<user>[^/@:\s]+):(?<password>[^/@\s]+)@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPasswordPattern();

    /// <summary>Well-known credential formats, wherever they appear.</summary>
    [GeneratedRegex(@"(?<jwt>eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.)|(?<github>\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,}))|(?<aws>\b(AKIA|ASIA)[0-9A-Z]{16}\b)|(?<slack>\bxox[abprs]-[A-Za-z0-9-]{10,})|(?<azure>AccountKey=|SharedAccessSignature=|[?&]sig=)|(?<pem>-----BEGIN [A-Z ]*PRIVATE KEY-----)",
        RegexOptions.CultureInvariant)]
    private static partial Regex CredentialValuePattern();
}
