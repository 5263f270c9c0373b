namespace PlatformMaturity.GoldenPaths;

/// <summary>A problem with what the user asked for; <see cref="Subject"/> names the input (name, --team, --set port, --template).</summary>
public sealed record InputProblem(string Subject, string Message)
{
    public override string ToString() => $"{Subject}: {Message}";
}

/// <summary>The user's input cannot be rendered; carries every problem found, and nothing was written.</summary>
public sealed class GoldenPathInputException(IReadOnlyList<InputProblem> problems)
    : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<InputProblem> Problems { get; } = problems;
}

/// <summary>A golden path itself is broken (manifest, template syntax, a template that leaves the output folder); names the file.</summary>
public sealed class TemplateDefinitionException(IReadOnlyList<string> problems)
    : Exception(string.Join("; ", problems))
{
    public TemplateDefinitionException(string problem) : this([problem])
    {
    }

    public IReadOnlyList<string> Problems { get; } = problems;
}
