namespace PlatformMaturity.Config;

/// <summary>A config error: the key, what is wrong with its value, and what would be accepted.</summary>
public sealed record ConfigProblem(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}

/// <summary>Thrown when a stack cannot be used; carries every problem found, not just the first.</summary>
public sealed class StackConfigException(string origin, IReadOnlyList<ConfigProblem> problems)
    : Exception($"{origin}: " + string.Join("; ", problems))
{
    /// <summary>Where the config came from, e.g. the stack file's path.</summary>
    public string Origin { get; } = origin;

    public IReadOnlyList<ConfigProblem> Problems { get; } = problems;
}
