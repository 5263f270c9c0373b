namespace PlatformMaturity.Graph.Azure;

/// <summary>
/// Azure blob container names made from a fixed prefix and a name from config (a tenant, a cluster): Azure allows 3–63
/// lowercase letters, digits and single hyphens, starting and ending with a letter or digit; config names are DNS
/// labels, which may be longer and may hold consecutive hyphens.
/// </summary>
public static class StorageContainerNames
{
    public const int MaxLength = 63;

    /// <summary>Hex digits of the name's SHA-256 a shortened container name ends with.</summary>
    private const int HashLength = 8;

    /// <summary>
    /// &lt;prefix&gt;&lt;name&gt; whenever Azure accepts it (so existing containers keep their names); otherwise
    /// &lt;prefix&gt;&lt;name, hyphen runs collapsed, cut to fit&gt;-&lt;first 8 hex digits of SHA-256(name)&gt;: deterministic,
    /// still readable, and distinct for names that differ only past the cut or in their hyphens.
    /// </summary>
    public static string For(string prefix, string name)
    {
        var plain = prefix + name;
        if (plain.Length <= MaxLength && !plain.Contains("--", StringComparison.Ordinal))
            return plain;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..HashLength];
        var stem = string.Join('-', name.Split('-', StringSplitOptions.RemoveEmptyEntries));
        var room = MaxLength - prefix.Length - 1 - HashLength;
        stem = stem[..Math.Min(room, stem.Length)].TrimEnd('-');
        return stem.Length == 0 ? $"{prefix}{hash}" : $"{prefix}{stem}-{hash}";
    }
}
