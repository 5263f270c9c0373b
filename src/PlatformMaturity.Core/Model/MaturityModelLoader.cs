using System.Collections.Immutable;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PlatformMaturity.Model;

/// <summary>Reads maturity-model.yaml and checks that it is self-consistent.</summary>
internal static class MaturityModelLoader
{
    private const string ResourceName = "PlatformMaturity.Model.maturity-model.yaml";

    public static MaturityModel LoadEmbedded()
    {
        using var stream = typeof(MaturityModelLoader).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    public static MaturityModel Parse(string yaml)
    {
        var document = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build()
            .Deserialize<ModelDocument>(yaml);

        var levels = document.Levels.Select(ToLevel).ToImmutableArray();
        for (var i = 0; i < levels.Length; i++)
        {
            if (levels[i].Number != i + 1)
                throw new InvalidDataException($"maturity model: level {levels[i].Number} is out of order; expected {i + 1}");
        }

        var practices = levels
            .SelectMany(level => level.Practices.Select(p => (level.Number, p.Category, p.Name)))
            .GroupBy(x => x.Name, StringComparer.Ordinal)
            .Select(g => new Practice(
                g.Key,
                [.. g.Select(x => x.Category).Distinct().Order()],
                [.. g.Select(x => x.Number).Distinct().Order()],
                document.Successors.GetValueOrDefault(g.Key)))
            .ToImmutableArray();

        var names = practices.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (practice, successor) in document.Successors)
        {
            if (!names.Contains(practice))
                throw new InvalidDataException($"maturity model: successors names '{practice}', which no level lists");
            if (!names.Contains(successor))
                throw new InvalidDataException($"maturity model: the successor of '{practice}' is '{successor}', which no level lists");
        }

        return new MaturityModel(levels, practices);
    }

    private static Level ToLevel(LevelDocument d) => new(
        d.Number,
        d.Name,
        d.Goal,
        [.. d.Description],
        [.. d.Requirements.Select(r => new Requirement(r.Id, r.Text))],
        [.. d.ForWhom],
        [.. d.Benefits],
        [.. Enum.GetValues<PracticeCategory>()
            .SelectMany(c => d.Practices.GetValueOrDefault(c.ToString(), []).Select(n => new ListedPractice(c, n)))],
        [.. d.Do],
        [.. d.Dont]);

    private sealed class ModelDocument
    {
        public List<LevelDocument> Levels { get; set; } = [];
        public Dictionary<string, string> Successors { get; set; } = [];
    }

    private sealed class LevelDocument
    {
        public int Number { get; set; }
        public string Name { get; set; } = "";
        public string Goal { get; set; } = "";
        public List<string> Description { get; set; } = [];
        public List<RequirementDocument> Requirements { get; set; } = [];
        public List<string> ForWhom { get; set; } = [];
        public List<string> Benefits { get; set; } = [];
        public Dictionary<string, List<string>> Practices { get; set; } = [];
        public List<string> Do { get; set; } = [];
        public List<string> Dont { get; set; } = [];
    }

    private sealed class RequirementDocument
    {
        public string Id { get; set; } = "";
        public string Text { get; set; } = "";
    }
}
