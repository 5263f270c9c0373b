using System.Collections.Immutable;

namespace PlatformMaturity.GoldenPaths.Rendering;

/// <summary>
/// The <c>trace</c> function templates call for every object they emit: it returns the slug of the first
/// named practice in effect (for the <c>platform.maturity/practice</c> label) and fails the render when none
/// is, so no template can emit an object the platform's level does not account for.
/// </summary>
internal sealed class PracticeTracer(PlatformContext platform)
{
    private SortedSet<string> _current = new(StringComparer.Ordinal);

    public void BeginFile() => _current = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>The practices the current file traced to, by name.</summary>
    public ImmutableArray<string> EndFile() => [.. _current];

    public string Trace(params string[] practices)
    {
        if (practices.Length == 0)
            throw new InvalidOperationException("trace needs the name of at least one practice");
        foreach (var name in practices)
        {
            if (!platform.Model.TryGetPractice(name, out _))
                throw new InvalidOperationException($"trace: '{name}' is not a practice of the maturity model (use the seed's exact name)");
        }
        var hit = practices.FirstOrDefault(platform.PracticesInEffect.Contains)
            ?? throw new InvalidOperationException(
                $"trace: none of {string.Join(", ", practices.Select(p => $"'{p}'"))} is in effect at Level {platform.Level.Number}; " +
                "an object may only be emitted for a practice in effect (wrap it in an if on that practice)");
        _current.Add(hit);
        return platform.Model.Practice(hit).Slug;
    }

    public bool InEffect(string practice) =>
        platform.Model.TryGetPractice(practice, out _)
            ? platform.PracticesInEffect.Contains(practice)
            : throw new InvalidOperationException($"in_effect: '{practice}' is not a practice of the maturity model (use the seed's exact name)");
}
