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

    /// <summary>
    /// The report people see, one line per entry: the origin with the number of problems, then each problem.
    /// pmctl and the Pulumi program both print exactly these lines, so a broken stack reads the same in both.
    /// </summary>
    public IReadOnlyList<string> ReportLines() =>
        [$"{Origin}: {Problems.Count} problem{(Problems.Count == 1 ? "" : "s")}:", .. Problems.Select(p => $"  - {p}")];

    /// <summary><see cref="ReportLines"/> joined with '\n'.</summary>
    public string Report() => string.Join('\n', ReportLines());
}
