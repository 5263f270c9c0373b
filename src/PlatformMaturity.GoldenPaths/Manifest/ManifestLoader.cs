using System.Collections.Immutable;
using PlatformMaturity.Config;
using PlatformMaturity.GoldenPaths.Parameters;
using PlatformMaturity.Files;
using PlatformMaturity.Model;
using PlatformMaturity.Practices.Delivery;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PlatformMaturity.GoldenPaths.Manifest;

/// <summary>Reads a golden path's template.yaml and checks it against the maturity model, reporting every problem with the file's name.</summary>
public static class ManifestLoader
{
    /// <summary>Placeholders a default may use; each is replaced by the app's value when it has one.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["{name}", "{team}", "{registry}"];

    /// <summary>The sections of a level a refusal may quote.</summary>
    public static readonly IReadOnlyList<string> SeedSections = ["dont", "benefits", "forWhom", "description"];

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static GoldenPathManifest Parse(string yaml, string origin, MaturityModel model)
    {
        ManifestDocument document;
        try
        {
            SafeYaml.Check(yaml);
            document = Deserializer.Deserialize<ManifestDocument?>(yaml)
                ?? throw new TemplateDefinitionException($"{origin}: the file is empty; it needs name, description, minimumLevel and parameters");
        }
        catch (YamlException e)
        {
            throw new TemplateDefinitionException($"{origin}: {SafeYaml.Describe(e, yaml)}");
        }

        var problems = new List<string>();
        void Problem(string message) => problems.Add($"{origin}: {message}");

        if (!Names.IsDnsLabel(document.Name ?? ""))
            Problem($"name '{document.Name}' is not a DNS-1123 label");
        if (string.IsNullOrWhiteSpace(document.Description))
            Problem("description is required (pmctl templates shows it)");
        if (!model.IsLevel(document.MinimumLevel))
            Problem($"minimumLevel {document.MinimumLevel} is not a level; allowed: {model.LowestLevel} to {model.HighestLevel}");

        var belowMinimum = ReadSeedQuote(document.BelowMinimum, model, Problem);
        if (document.MinimumLevel > model.LowestLevel && belowMinimum is null && document.BelowMinimum is null)
            Problem($"minimumLevel {document.MinimumLevel} needs belowMinimum: the seed's words (level, section, text) that say why lower levels are refused");

        var requires = new List<PlatformRequirement>();
        foreach (var (r, index) in document.Requires.Select((r, i) => (r, i)))
        {
            if (ReadRequirement(r, index, document.MinimumLevel, model, Problem) is { } requirement)
                requires.Add(requirement);
        }

        var parameters = new List<ParameterSpec>();
        foreach (var (p, index) in document.Parameters.Select((p, i) => (p, i)))
        {
            if (ReadParameter(p, index, model, Problem) is { } spec)
            {
                if (parameters.Any(existing => existing.Name == spec.Name))
                    Problem($"parameter '{spec.Name}' is declared twice");
                else
                    parameters.Add(spec);
            }
        }
        foreach (var spec in parameters.Where(s => s.AtMost is not null))
        {
            var other = parameters.FirstOrDefault(o => o.Name == spec.AtMost);
            if (other is null || other.Type != spec.Type || spec.Type is not (ParameterType.Cpu or ParameterType.Memory or ParameterType.Integer))
                Problem($"parameter '{spec.Name}': atMost names '{spec.AtMost}', which must be another cpu, memory or integer parameter of the same type");
        }

        if (problems.Count > 0)
            throw new TemplateDefinitionException(problems);

        return new GoldenPathManifest(
            document.Name!,
            document.Description!,
            document.MinimumLevel,
            belowMinimum,
            string.IsNullOrWhiteSpace(document.CatalogType) ? "service" : document.CatalogType!,
            [.. requires],
            [.. parameters],
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, document.Outputs));
    }

    private static SeedQuote? ReadSeedQuote(SeedQuoteDocument? quote, MaturityModel model, Action<string> problem)
    {
        if (quote is null)
            return null;
        if (!model.IsLevel(quote.Level))
        {
            problem($"belowMinimum.level {quote.Level} is not a level");
            return null;
        }
        var level = model.Level(quote.Level);
        IReadOnlyList<string>? lines = quote.Section switch
        {
            "dont" => level.Dont,
            "benefits" => level.Benefits,
            "forWhom" => level.ForWhom,
            "description" => level.Description,
            _ => null,
        };
        if (lines is null)
        {
            problem($"belowMinimum.section '{quote.Section}' is not allowed; allowed: {string.Join(", ", SeedSections)}");
            return null;
        }
        // The quote must be the seed's exact words, so a refusal never puts words in the model's mouth.
        if (!lines.Contains(quote.Text ?? ""))
        {
            problem($"belowMinimum.text '{quote.Text}' is not a line of Level {quote.Level}'s {quote.Section} in the seed; quote it exactly");
            return null;
        }
        return new SeedQuote(quote.Level, quote.Section!, quote.Text!);
    }

    private static PlatformRequirement? ReadRequirement(PlatformRequirementDocument r, int index, int minimumLevel, MaturityModel model, Action<string> problem)
    {
        var at = $"requires[{index}]";
        if ((r.Practice is null) == (r.ApiGroup is null))
        {
            problem($"{at}: give either practice (a practice of the maturity model) or apiGroup (an API group whose CRDs the platform installs)");
            return null;
        }
        if (string.IsNullOrWhiteSpace(r.For))
        {
            problem($"{at}: for is required: what the golden path needs it for (the refusal says it)");
            return null;
        }
        if (r.Practice is { } practice)
        {
            if (!model.TryGetPractice(practice, out _))
            {
                problem($"{at}: '{practice}' is not a practice of the maturity model (use the seed's exact name)");
                return null;
            }
            // A practice that is not in effect at some level the golden path supports would refuse it there for good.
            var missing = Enumerable.Range(minimumLevel, Math.Max(0, model.HighestLevel - minimumLevel + 1))
                .Where(l => model.IsLevel(l) && model.InEffectAt(l).All(p => p.Practice.Name != practice)).ToList();
            if (missing.Count > 0)
            {
                problem($"{at}: '{practice}' is not in effect at Level {string.Join(", ", missing)}, which the golden path supports (minimumLevel {minimumLevel})");
                return null;
            }
        }
        else if (r.ApiGroup!.Length > 253 || r.ApiGroup.Split('.') is not { Length: >= 2 } labels || !labels.All(l => Names.IsDnsLabel(l)))
        {
            problem($"{at}: apiGroup '{r.ApiGroup}' is not the API group of a CRD (a DNS subdomain such as http.keda.sh)");
            return null;
        }
        return new PlatformRequirement(r.Practice, r.ApiGroup, r.For.Trim());
    }

    private static ParameterSpec? ReadParameter(ParameterDocument p, int index, MaturityModel model, Action<string> problem)
    {
        var at = $"parameters[{index}]{(p.Name is null ? "" : $" ({p.Name})")}";
        var count = 0;
        void Problem(string message)
        {
            count++;
            problem($"{at}: {message}");
        }

        if (p.Name is null || !Names.IsDnsLabel(p.Name) || p.Name.Contains("--", StringComparison.Ordinal))
            Problem("name must be a kebab-case DNS-1123 label such as cpu-request");
        if (string.IsNullOrWhiteSpace(p.Description))
            Problem("description is required");
        if (!ParameterTypeNames.TryParse(p.Type ?? "", out var type))
            Problem($"type '{p.Type}' is not a parameter type; allowed: {string.Join(", ", ParameterTypeNames.All)}");
        if (type == ParameterType.Enum && p.Allowed.Count == 0)
            Problem("type enum needs allowed: the list of values");
        if (type == ParameterType.Integer && (p.Min is null || p.Max is null || p.Min > p.Max))
            Problem("type integer needs min and max (min <= max)");
        // requiredWhen is one practice or a list of them.
        var requiredWhen = p.RequiredWhen switch
        {
            null => [],
            string one => [one],
            IEnumerable<object> many when many.All(m => m is string) => many.Cast<string>().ToList(),
            _ => null as List<string>,
        };
        if (requiredWhen is null)
            Problem("requiredWhen must be a practice's name or a list of them");
        foreach (var practice in (requiredWhen ?? []).Append(p.Practice).Concat(p.DefaultsWhen.Select(d => d.Practice)).OfType<string>())
        {
            if (!model.TryGetPractice(practice, out _))
                Problem($"'{practice}' is not a practice of the maturity model (use the seed's exact name)");
        }
        if (p.Required && (p.Default is not null || p.DefaultsWhen.Count > 0))
            Problem("a required parameter has no default; remove one of them");
        foreach (var target in p.RequiredOn.Where(t => t is not ("existing" or "azure")))
            Problem($"requiredOn '{target}' is not a target; allowed: existing, azure");
        if (p.RequiredOn.Count > 0 && (p.Default is not null || p.DefaultsWhen.Count > 0))
            Problem("a parameter required on a target has no default; remove one of them");
        if (count > 0)
            return null;

        var spec = new ParameterSpec(
            p.Name!, type, p.Description!.Trim(), p.Default,
            [.. p.DefaultsWhen.Select(d => new PracticeDefault(d.Practice!, d.Value ?? ""))],
            p.Required, [.. requiredWhen!], p.Practice, [.. p.Allowed], p.Min, p.Max, p.MaxLength, p.AtMost)
        {
            RequiredOn = [.. p.RequiredOn],
        };

        // Defaults must be valid values themselves (placeholders aside, which are checked per app).
        foreach (var value in new[] { p.Default }.Concat(p.DefaultsWhen.Select(d => d.Value)).OfType<string>())
        {
            if (Placeholders.Any(value.Contains))
                continue;
            if (ParameterValue.Parse(spec, value).Problem is { } bad)
                Problem($"default {bad}");
        }
        return count > 0 ? null : spec;
    }

    // YamlDotNet fills these by name; unknown keys in a manifest are errors (a misspelt key must not be ignored).
    private sealed class ManifestDocument
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public int MinimumLevel { get; set; }
        public SeedQuoteDocument? BelowMinimum { get; set; }
        public string? CatalogType { get; set; }
        public Dictionary<string, string> Outputs { get; set; } = [];
        public List<PlatformRequirementDocument> Requires { get; set; } = [];
        public List<ParameterDocument> Parameters { get; set; } = [];
    }

    private sealed class PlatformRequirementDocument
    {
        public string? Practice { get; set; }
        public string? ApiGroup { get; set; }
        public string? For { get; set; }
    }

    private sealed class SeedQuoteDocument
    {
        public int Level { get; set; }
        public string? Section { get; set; }
        public string? Text { get; set; }
    }

    private sealed class ParameterDocument
    {
        public string? Name { get; set; }
        public string? Type { get; set; }
        public string? Description { get; set; }
        public string? Default { get; set; }
        public List<PracticeDefaultDocument> DefaultsWhen { get; set; } = [];
        public bool Required { get; set; }
        public object? RequiredWhen { get; set; }
        public List<string> RequiredOn { get; set; } = [];
        public string? Practice { get; set; }
        public List<string> Allowed { get; set; } = [];
        public long? Min { get; set; }
        public long? Max { get; set; }
        public int? MaxLength { get; set; }
        public string? AtMost { get; set; }
    }

    private sealed class PracticeDefaultDocument
    {
        public string? Practice { get; set; }
        public string? Value { get; set; }
    }
}
