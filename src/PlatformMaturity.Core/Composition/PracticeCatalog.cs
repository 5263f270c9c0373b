using System.Collections.Immutable;
using System.Reflection;
using PlatformMaturity.Model;

namespace PlatformMaturity.Composition;

/// <summary>The practice components this build of the tool implements, found by reflection, checked against the model.</summary>
public sealed class PracticeCatalog
{
    private readonly ImmutableDictionary<string, PracticeComponent> _byPractice;

    public PracticeCatalog(IEnumerable<PracticeComponent> components, MaturityModel model)
    {
        var byPractice = new Dictionary<string, PracticeComponent>(StringComparer.Ordinal);
        foreach (var component in components)
        {
            if (!model.TryGetPractice(component.Practice, out _))
                throw new InvalidOperationException($"{component.GetType().Name} implements '{component.Practice}', which is not a practice of the maturity model");
            if (!byPractice.TryAdd(component.Practice, component))
                throw new InvalidOperationException($"'{component.Practice}' is implemented twice: {byPractice[component.Practice].GetType().Name} and {component.GetType().Name}");
        }
        _byPractice = byPractice.ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every practice component in this assembly.</summary>
    public static PracticeCatalog Discover(MaturityModel model) => new(
        typeof(PracticeComponent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PracticeComponent)) && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (PracticeComponent)Activator.CreateInstance(t)!),
        model);

    public static PracticeCatalog Default { get; } = Discover(MaturityModel.Default);

    public bool TryGet(string practice, out PracticeComponent component) => _byPractice.TryGetValue(practice, out component!);

    public IEnumerable<string> ImplementedPractices => _byPractice.Keys.Order(StringComparer.Ordinal);
}
