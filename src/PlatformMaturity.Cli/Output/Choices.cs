using System.CommandLine;
using System.CommandLine.Parsing;
using PlatformMaturity.Model;
using PlatformMaturity.Text;

namespace PlatformMaturity.Cli.Output;

/// <summary>
/// Options and arguments whose values come from a fixed set (levels, targets, formats): a value outside the set
/// is a usage error (exit 2) that names the value, the allowed ones and the closest match.
/// </summary>
public static class Choices
{
    private static readonly string[] LevelNumbers = [.. MaturityModel.Default.Levels.Select(l => l.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public static Argument<int> LevelArgument(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => ParseLevel(result, name),
    };

    public static Option<int> LevelOption(string name, string description, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = "1-5",
        CustomParser = result => ParseLevel(result, name),
    };

    /// <summary>A string option that accepts one of <paramref name="allowed"/>.</summary>
    public static Option<string> OneOf(string name, string description, IReadOnlyList<string> allowed, string? defaultValue = null, params string[] aliases)
    {
        var option = new Option<string>(name, aliases)
        {
            Description = description,
            HelpName = string.Join("|", allowed),
            CustomParser = result => Parse(result, name, allowed) ?? "",
        };
        if (defaultValue is not null)
            option.DefaultValueFactory = _ => defaultValue;
        return option;
    }

    /// <summary>The token when it is allowed; otherwise an error on the result and null.</summary>
    public static string? Parse(ArgumentResult result, string name, IReadOnlyList<string> allowed)
    {
        var token = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (allowed.Contains(token))
            return token;
        var hint = Closest(token, allowed) is { } closest ? $"; did you mean {closest}?" : "";
        result.AddError($"{name} '{Redaction.Echo(token)}' is not allowed; allowed: {string.Join(", ", allowed)}{hint}");
        return null;
    }

    /// <summary>For numbers the nearest number (6 → 5, not 1, which is one edit away); for words the closest spelling.</summary>
    private static string? Closest(string token, IReadOnlyList<string> allowed)
    {
        var numbers = allowed.Select(a => decimal.TryParse(a, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (decimal?)null).ToList();
        if (numbers.All(n => n is not null) && decimal.TryParse(token, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
            return allowed[numbers.Select((n, i) => (Distance: Math.Abs(n!.Value - value), i)).MinBy(x => x.Distance).i];
        return token.Length > 100 ? null : DidYouMean.Closest(token, allowed, maxDistance: 2);
    }

    private static int ParseLevel(ArgumentResult result, string name) =>
        Parse(result, name, LevelNumbers) is { } level ? int.Parse(level, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
