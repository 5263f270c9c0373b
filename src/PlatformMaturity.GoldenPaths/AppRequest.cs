namespace PlatformMaturity.GoldenPaths;

/// <summary>What `pmctl app new` was asked for, before validation.</summary>
/// <param name="Name">The application's name (becomes object names, labels and the namespace's workload).</param>
/// <param name="Template">The golden path's name.</param>
/// <param name="Team">The tenant that owns the app; its namespace receives the objects.</param>
/// <param name="Sets">The raw <c>--set key=value</c> arguments, in order.</param>
public sealed record AppRequest(string Name, string Template, string? Team, IReadOnlyList<string> Sets);

/// <summary>A request that passed validation: every parameter has a typed value (or none, when optional and unset).</summary>
public sealed record ValidatedApp(
    string Name,
    string? Team,
    GoldenPath GoldenPath,
    IReadOnlyDictionary<string, object?> Values,
    IReadOnlyList<string> Notes)
{
    /// <summary>Practices whose provision decided a default (defaultsWhen); with those templates ask about, they make the app's gaps.</summary>
    public IReadOnlyList<string> Consulted { get; init; } = [];
}
