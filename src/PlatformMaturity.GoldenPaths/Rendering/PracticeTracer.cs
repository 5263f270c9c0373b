using System.Collections.Immutable;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace PlatformMaturity.GoldenPaths.Rendering;

/// <summary>
/// Answers templates' questions about practices and remembers them. <c>trace</c>, called for every object a
/// template emits, returns the slug of the first named practice the platform provides (for the
/// <c>platform.maturity/practice</c> label) and fails the render when it provides none, so no template can emit an
/// object for a practice the platform does not implement. Every practice a template asks about
/// (<c>practices.x</c>, <c>provides</c>) is remembered, so the ones in effect but not provided become the app's gaps.
/// </summary>
internal sealed class PracticeTracer(PlatformContext platform)
{
    private SortedSet<string> _current = new(StringComparer.Ordinal);
    private readonly HashSet<string> _consulted = new(StringComparer.Ordinal);

    public void BeginFile() => _current = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>The practices the current file traced to, by name.</summary>
    public ImmutableArray<string> EndFile() => [.. _current];

    /// <summary>Every practice templates asked about while rendering the app, by name.</summary>
    public IReadOnlySet<string> Consulted => _consulted;

    public string Trace(params string[] practices)
    {
        if (practices.Length == 0)
            throw new InvalidOperationException("trace needs the name of at least one practice");
        foreach (var name in practices)
        {
            if (!platform.Model.TryGetPractice(name, out _))
                throw new InvalidOperationException($"trace: '{name}' is not a practice of the maturity model (use the seed's exact name)");
        }
        var hit = practices.FirstOrDefault(platform.PracticesProvided.Contains)
            ?? throw new InvalidOperationException(
                $"trace: the platform provides none of {string.Join(", ", practices.Select(p => $"'{p}'"))} (stack '{platform.Config.Stack}', Level {platform.Level.Number}, target {Config.ConfigNames.Of(platform.Config.Target)}); " +
                "an object may only be emitted for a practice the platform provides (wrap it in an if on that practice)");
        _current.Add(hit);
        return platform.Model.Practice(hit).Slug;
    }

    /// <summary>The <c>provides</c> function: whether the platform provides a practice (in effect and implemented).</summary>
    public bool Provides(string practice)
    {
        if (!platform.Model.TryGetPractice(practice, out _))
            throw new InvalidOperationException($"provides: '{practice}' is not a practice of the maturity model (use the seed's exact name)");
        _consulted.Add(practice);
        return platform.PracticesProvided.Contains(practice);
    }

    /// <summary>The <c>practices</c> object: <c>practices.&lt;snake_case name&gt;</c> for every practice of the model, remembered when read.</summary>
    public ScriptObject Flags()
    {
        var flags = new PracticeFlags(this);
        foreach (var practice in platform.Model.Practices)
            flags.Define(practice.Slug.Replace('-', '_'), practice.Name, platform.PracticesProvided.Contains(practice.Name));
        return flags;
    }

    /// <summary>Remembers a practice that decided what the app gets (templates' reads, or a parameter's default).</summary>
    public void Consult(string practice) => _consulted.Add(practice);

    /// <summary>A read-only map of practice flags that tells the tracer which ones templates read.</summary>
    private sealed class PracticeFlags(PracticeTracer tracer) : ScriptObject
    {
        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

        public void Define(string member, string practice, bool provided)
        {
            _names[member] = practice;
            SetValue(member, provided, readOnly: true);
        }

        public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
        {
            var found = base.TryGetValue(context!, span, member, out value);
            if (found && _names.TryGetValue(member, out var practice))
                tracer.Consult(practice);
            return found;
        }
    }
}
