using System.Text.RegularExpressions;
using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Core.Tests.Model;

/// <summary>The seed text parsed on its own terms (headings, ✅ → - ➕ ➖ markers), to check the model's data against.</summary>
internal sealed partial record SeedLevel(int Number, string Name)
{
    public string Goal { get; set; } = "";
    public List<string> Description { get; } = [];
    public List<string> Requirements { get; } = [];
    public List<string> ForWhom { get; } = [];
    public List<string> Benefits { get; } = [];
    public List<(string Category, string Practice)> Practices { get; } = [];
    public List<string> Do { get; } = [];
    public List<string> Dont { get; } = [];

    public static IReadOnlyList<SeedLevel> ReadAll()
    {
        var levels = new List<SeedLevel>();
        SeedLevel? level = null;
        string section = "";
        string category = "";
        foreach (var line in File.ReadAllLines(TestPaths.Seed))
        {
            if (LevelHeading().Match(line) is { Success: true } m)
            {
                level = new SeedLevel(int.Parse(m.Groups[1].Value), m.Groups[2].Value);
                levels.Add(level);
                section = "goal";
                continue;
            }
            if (level is null)
                continue;
            if (line == "Ready for the Next Level?")
            {
                level = null;
                continue;
            }
            if (line is "Requirements" or "For whom" or "Benefits" or "Practices and Techniques" or "Do" or "Don’t")
            {
                section = line;
                continue;
            }
            switch (section)
            {
                case "goal":
                    level.Goal = line;
                    section = "description";
                    break;
                case "description": level.Description.Add(line); break;
                case "Requirements": level.Requirements.Add(Strip(line, "✅ ")); break;
                case "For whom": level.ForWhom.Add(Strip(line, "→ ")); break;
                case "Benefits": level.Benefits.Add(Strip(line, "- ")); break;
                case "Do": level.Do.Add(Strip(line, "➕ ")); break;
                case "Don’t": level.Dont.Add(Strip(line, "➖ ")); break;
                case "Practices and Techniques":
                    if (line is "Security" or "Efficiency" or "Delivery" or "Availability")
                        category = line;
                    else
                        level.Practices.Add((category, line));
                    break;
            }
        }
        return levels;
    }

    private static string Strip(string line, string marker) =>
        line.StartsWith(marker, StringComparison.Ordinal) ? line[marker.Length..] : throw new FormatException($"expected '{marker}' in: {line}");

    [GeneratedRegex("^Level (\\d) - (.+)$")]
    private static partial Regex LevelHeading();
}
