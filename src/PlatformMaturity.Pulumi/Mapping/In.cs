using Pulumi;

namespace PlatformMaturity.PulumiHost.Mapping;

/// <summary>
/// Graph values as Pulumi inputs where null means "not set": the argument stays unset, so the provider's default
/// applies (the graph records use null for exactly that).
/// </summary>
internal static class In
{
    public static Input<bool>? Opt(bool? value)
    {
        if (value is not { } set)
            return null;
        return set;
    }

    public static Input<int>? Opt(int? value)
    {
        if (value is not { } set)
            return null;
        return set;
    }

    public static Input<double>? Opt(double? value)
    {
        if (value is not { } set)
            return null;
        return set;
    }

    public static Input<string>? Opt(string? value)
    {
        if (value is null)
            return null;
        return value;
    }

    /// <summary>A nested block (network profile, maintenance window, ...) when the graph sets it.</summary>
    public static Input<TArgs>? Block<TSource, TArgs>(TSource? source, Func<TSource, TArgs> map)
        where TSource : class
        where TArgs : class
    {
        if (source is null)
            return null;
        return map(source);
    }

    /// <summary>Tags and labels: a plain dictionary, which InputMap converts from.</summary>
    public static Dictionary<string, string> Map(IEnumerable<KeyValuePair<string, string>> values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
}
