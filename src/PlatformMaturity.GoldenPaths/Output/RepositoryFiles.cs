using PlatformMaturity.Practices.Delivery;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PlatformMaturity.GoldenPaths.Output;

/// <summary>
/// Files of an app that belong to its repository, not to its output folder: GitHub reads <c>.github/</c> only at the
/// repository's root, so when pmctl app new writes into a folder of the repository (one folder per environment,
/// <c>deploy/&lt;env&gt;</c>, as pmctl app promote expects), these go to the root and name the folder they deploy.
/// One CI workflow serves every environment of an app: it builds the image and deploys it to the first environment
/// written (the folder in its <see cref="FolderVariable"/>); later environments get it through pmctl app promote, and
/// the workflow does not run for a commit that changes only their folders. The app's Backstage catalog entry is one
/// per app too, at the root where the platform's Backstage reads it (<see cref="BackstageCatalog.AppCatalogFile"/>).
/// </summary>
public static class RepositoryFiles
{
    /// <summary>The folder of an app written at the repository's root.</summary>
    public const string RootFolder = ".";

    /// <summary>The top-level env variable of the CI workflow naming the folder it builds the manifests of and bumps the image in.</summary>
    public const string FolderVariable = "APP_FOLDER";

    private const string GitHubFolder = ".github/";

    /// <summary>
    /// Whether an output path is a repository file: under .github/, which GitHub reads only at the repository's root, or
    /// the catalog entry, which the platform's Backstage reads there.
    /// </summary>
    public static bool AtRepositoryRoot(string path) =>
        path.StartsWith(GitHubFolder, StringComparison.Ordinal) || path == BackstageCatalog.AppCatalogFile;

    /// <summary>Whether a repository file is a CI workflow (the file naming the folder it deploys).</summary>
    public static bool IsWorkflow(string path) => path.StartsWith(GitHubFolder, StringComparison.Ordinal);

    /// <summary>
    /// The folder holding one folder per environment (deploy for deploy/dev), whose other folders are later environments
    /// the CI workflow leaves to pmctl app promote; null for the root or a top-level folder, whose siblings are the
    /// repository's other contents (the source).
    /// </summary>
    public static string? EnvironmentsFolder(string folder) =>
        folder.LastIndexOf('/') is var at and > 0 ? folder[..at] : null;

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
