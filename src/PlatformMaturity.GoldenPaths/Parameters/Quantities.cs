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

    /// <summary>The value in base units (cores or bytes) of a quantity the parameter types accept (checked by <see cref="TryParse"/> first).</summary>
    public static decimal Parse(string quantity) =>
        TryParse(quantity, out var value) ? value : throw new FormatException($"'{quantity}' is not a quantity in range");

    /// <summary>False when the text is not a number with an optional suffix, or is too large to hold (e.g. 10^40Ei).</summary>
    public static bool TryParse(string quantity, out decimal value)
    {
        value = 0;
        var (number, factor) = Suffixes.Where(s => quantity.EndsWith(s.Suffix, StringComparison.Ordinal))
            .Select(s => (quantity[..^s.Suffix.Length], s.Factor))
            .FirstOrDefault((quantity, 1m));
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            return false;
        try
        {
            value = amount * factor;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
