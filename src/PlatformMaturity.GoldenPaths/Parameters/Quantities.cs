using System.Globalization;

namespace PlatformMaturity.GoldenPaths.Parameters;

/// <summary>Kubernetes resource quantities as numbers, to compare a request with its limit.</summary>
public static class Quantities
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("m", 0.001m), ("k", 1e3m), ("M", 1e6m), ("G", 1e9m), ("T", 1e12m), ("P", 1e15m), ("E", 1e18m),
    ];

    /// <summary>The value in base units (cores or bytes) of a quantity the parameter types accept.</summary>
    public static decimal Parse(string quantity)
    {
        foreach (var (suffix, factor) in Suffixes)
        {
            if (quantity.EndsWith(suffix, StringComparison.Ordinal))
                return decimal.Parse(quantity[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * factor;
        }
        return decimal.Parse(quantity, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }
}
