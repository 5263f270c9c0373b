using PlatformMaturity.Tests.Shared;

namespace PlatformMaturity.Cli.Tests.Hostile;

/// <summary>A folder a user runs pmctl in: stacks/ with one stack, 's', copied from an example stack.</summary>
public sealed class Workspace : IDisposable
{
    public const string Stack = "s";

    private readonly TempDirectory _dir = new();

    public Workspace(string example = "l1-existing")
    {
        Directory.CreateDirectory(Combine("stacks"));
        File.Copy(Path.Combine(TestPaths.Stacks, $"Pulumi.{example}.yaml"), StackFile);
    }

    public string Root => _dir.Path;

    /// <summary>--attest for every requirement of a level, so an upgrade's gates are closed.</summary>
    public static string[] AttestAll(int level) =>
        [.. PlatformMaturity.Model.MaturityModel.Default.Level(level).Requirements.SelectMany(r => new[] { "--attest", r.Id })];

    public string StackFile => Combine("stacks", $"Pulumi.{Stack}.yaml");

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public void WriteStack(string text) => File.WriteAllText(StackFile, text);

    /// <summary>A copy of the shipped golden paths under templates-copy/, to break one.</summary>
    public string CopyTemplates()
    {
        var target = Combine("templates-copy");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, "templates"), "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(Path.Combine(TestPaths.RepositoryRoot, "templates"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    public IReadOnlyDictionary<string, string> Snapshot() => FileTree.Snapshot(Root);

    public ProcessResult Run(params string[] args) => PmctlProcess.Run(Root, args);

    public void Dispose() => _dir.Dispose();
}

/// <summary>Hostile YAML, built here so the tests show what each case is.</summary>
public static class HostileYaml
{
    /// <summary>"Billion laughs": nine levels of nine aliases, 9^9 nodes once expanded, in a few hundred bytes.</summary>
    public static string AliasBomb(string indent = "  ")
    {
        var lines = new List<string> { $"{indent}platform:l0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var i = 1; i < 9; i++)
            lines.Add($"{indent}platform:l{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]");
        return string.Join('\n', lines) + "\n";
    }

    public static string StackWith(string extra) =>
        "config:\n  platform:level: 1\n  platform:target: existing\n  platform:environment: nonprod\n" + extra;

    public static string DeepFlow(int depth) => new string('[', depth) + new string(']', depth);
}
