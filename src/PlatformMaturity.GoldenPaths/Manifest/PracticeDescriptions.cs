using System.Collections.Immutable;
using PlatformMaturity.Model;
using PlatformMaturity.Files;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace PlatformMaturity.GoldenPaths.Manifest;

/// <summary>Reads <c>_shared/practices.yaml</c>: practice name → one line on what golden paths give an app for it.</summary>
internal static class PracticeDescriptions
{
    private const int MaxLength = 300;

    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    /// <summary>The descriptions, or an empty map when the file does not exist; problems name the file and the entry.</summary>
    public static ImmutableSortedDictionary<string, string> Load(string path, string root, MaturityModel model, List<string> problems)
    {
        var result = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return result.ToImmutable();
        var origin = Path.GetRelativePath(root, path).Replace('\\', '/');
        if (new FileInfo(path).LinkTarget is not null)
        {
            problems.Add($"{origin}: is a symbolic link; it must be a real file inside the templates folder");
            return result.ToImmutable();
        }

        Dictionary<string, string>? entries;
        try
        {
            var text = InputFile.ReadText(path, origin, "descriptions file", InputLimits.TemplateFileBytes);
            SafeYaml.Check(text);
            entries = Deserializer.Deserialize<Dictionary<string, string>?>(text);
        }
        catch (InputException e)
        {
            problems.Add(e.Message);
            return result.ToImmutable();
        }
        catch (YamlException e)
        {
            problems.Add($"{origin}: line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message} (expected 'Practice Name: what an app gets from it' lines)");
            return result.ToImmutable();
        }
        foreach (var (practice, text) in entries ?? [])
        {
            if (!model.TryGetPractice(practice, out _))
                problems.Add($"{origin}: '{practice}' is not a practice of the maturity model (use the seed's exact name)");
            else if (string.IsNullOrWhiteSpace(text) || text.Contains('\n', StringComparison.Ordinal) || text.Length > MaxLength)
                problems.Add($"{origin}: '{practice}' needs one line of at most {MaxLength} characters saying what an app gets from it");
            else
                result[practice] = text.Trim();
        }
        return result.ToImmutable();
    }
}
