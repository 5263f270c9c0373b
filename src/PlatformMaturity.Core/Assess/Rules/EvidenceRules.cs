using System.Collections.Immutable;
using PlatformMaturity.Model;

namespace PlatformMaturity.Assess.Rules;

/// <summary>The evidence rules of this build, found by reflection and checked against the model (one per practice).</summary>
public sealed class EvidenceRules
{
    private EvidenceRules(ImmutableDictionary<string, EvidenceRule> byPractice) => ByPractice = byPractice;

    public ImmutableDictionary<string, EvidenceRule> ByPractice { get; }

    public static EvidenceRules Default { get; } = Discover(MaturityModel.Default);

    public static EvidenceRules Discover(MaturityModel model)
    {
        var byPractice = new Dictionary<string, EvidenceRule>(StringComparer.Ordinal);
        foreach (var type in typeof(EvidenceRule).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(EvidenceRule)) && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var rule = (EvidenceRule)Activator.CreateInstance(type)!;
            if (!model.TryGetPractice(rule.Practice, out _))
                throw new InvalidOperationException($"{type.Name} assesses '{rule.Practice}', which is not a practice of the maturity model");
            if (!byPractice.TryAdd(rule.Practice, rule))
                throw new InvalidOperationException($"'{rule.Practice}' has two evidence rules: {byPractice[rule.Practice].GetType().Name} and {type.Name}");
        }
        return new EvidenceRules(byPractice.ToImmutableDictionary(StringComparer.Ordinal));
    }
}
