using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PlatformMaturity.GoldenPaths.Output;

/// <summary>
/// Files of an app that belong to its repository, not to its output folder: GitHub reads <c>.github/</c> only at the
/// repository's root, so when pmctl app new writes into a folder of the repository (one folder per environment,
/// <c>deploy/&lt;env&gt;</c>, as pmctl app promote expects), these go to the root and name the folder they deploy.
/// One CI workflow serves every environment of an app: it builds the image and deploys it to the first environment
/// written (the folder in its <see cref="FolderVariable"/>); later environments get it through pmctl app promote.
/// </summary>
public static class RepositoryFiles
{
    /// <summary>The folder of an app written at the repository's root.</summary>
    public const string RootFolder = ".";

    /// <summary>The top-level env variable of the CI workflow naming the folder it builds the manifests of and bumps the image in.</summary>
    public const string FolderVariable = "APP_FOLDER";

    private const string GitHubFolder = ".github/";

    /// <summary>Whether an output path is a repository file (under .github/), which GitHub reads only at the repository's root.</summary>
    public static bool AtRepositoryRoot(string path) => path.StartsWith(GitHubFolder, StringComparison.Ordinal);

    /// <summary>
    /// The folder a CI workflow pmctl app new wrote deploys (its <see cref="FolderVariable"/>), or null when the text is not
    /// such a workflow (another workflow, edited beyond reading, not YAML).
    /// </summary>
    public static string? DeployedFolder(string workflow)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(workflow));
            return stream.Documents.Count == 1
                && stream.Documents[0].RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("env"), out var env) && env is YamlMappingNode variables
                && variables.Children.TryGetValue(new YamlScalarNode(FolderVariable), out var folder) && folder is YamlScalarNode { Value: { } value }
                ? value
                : null;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    /// <summary>
    /// The app repository's root for an output folder: the nearest folder at or above it holding .git (a folder, or a
    /// file in a worktree or submodule); null when the output folder is not inside a Git repository.
    /// </summary>
    public static string? GitRoot(string outputDirectory)
    {
        for (var dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory)); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var git = Path.Combine(dir, ".git");
            if (Directory.Exists(git) || File.Exists(git))
                return dir;
        }
        return null;
    }

    /// <summary>The output folder relative to the repository root, '/'-separated; "." for the root; null when it is not inside it.</summary>
    public static string? FolderOf(string repositoryRoot, string outputDirectory)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repositoryRoot));
        var output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory));
        if (output == root)
            return RootFolder;
        return output.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? output[(root.Length + 1)..].Replace(Path.DirectorySeparatorChar, '/')
            : null;
    }
}
