namespace PlatformMaturity.Tests.Shared;

/// <summary>Locations in the repository the tests read: the root, test data, example stacks.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string TestData => Path.Combine(RepositoryRoot, "tests", "TestData");

    public static string Schemas => Path.Combine(TestData, "schemas");

    public static string Stacks => Path.Combine(RepositoryRoot, "stacks");

    public static string Seed => Path.Combine(TestData, "platform-maturity-levels.txt");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlatformMaturity.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("PlatformMaturity.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary folder deleted when disposed.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pm-test-" + Guid.NewGuid().ToString("N"));

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Every file under the folder with its bytes, to prove a command changed nothing.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => System.IO.Path.GetRelativePath(Path, f), f => Convert.ToBase64String(File.ReadAllBytes(f)));

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
