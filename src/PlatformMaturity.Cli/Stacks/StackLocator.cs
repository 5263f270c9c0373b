using System.CommandLine;
using PlatformMaturity.Config;
using PlatformMaturity.Files;
using YamlDotNet.RepresentationModel;

namespace PlatformMaturity.Cli.Stacks;

/// <summary>Finds the folder of stack files: --stacks-dir, else the stackConfigDir of the nearest Pulumi.yaml, else ./stacks.</summary>
public static class StackLocator
{
    public const string DefaultFolder = "stacks";

    public static Option<string?> Option() => new("--stacks-dir")
    {
        Description = "Folder of the Pulumi.<stack>.yaml files (default: stackConfigDir of the nearest Pulumi.yaml, else ./stacks)",
        HelpName = "dir",
    };

    public static Argument<string> StackArgument() => new("stack")
    {
        Description = "Stack name: the file is Pulumi.<stack>.yaml in the stacks folder",
    };

    public static string StacksDirectory(CliIO io, string? option)
    {
        if (option is not null)
            return io.FullPath(option);
        for (var dir = new DirectoryInfo(io.WorkingDirectory); dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "Pulumi.yaml");
            if (UnixFile.LinkStat(project).Kind != FileKind.Missing)
                return Path.GetFullPath(StackConfigDir(io, project) ?? DefaultFolder, dir.FullName);
        }
        return io.FullPath(DefaultFolder);
    }

    /// <summary>The validated path of a stack's file; the name check keeps paths inside the stacks folder.</summary>
    public static string StackPath(string stacksDirectory, string stack) =>
        Names.StackNameProblem(stack) is { } problem
            ? throw new UserError(problem)
            : StackFile.PathFor(stacksDirectory, stack);

    /// <summary>Reads and validates a stack, throwing <see cref="StackConfigException"/> with every problem.</summary>
    public static LoadedStack Load(CliIO io, string stack, string? stacksDirOption)
    {
        var path = StackPath(StacksDirectory(io, stacksDirOption), stack);
        var display = Relative(io, path);
        if (UnixFile.LinkStat(path).Kind == FileKind.Missing)
        {
            if (FolderProblem(Path.GetDirectoryName(path)!) is { } problem)
                throw new StackConfigException(display, [new ConfigProblem("stack", $"'{stack}': {Relative(io, Path.GetDirectoryName(path)!)} {problem}, so its stack file cannot be read")]);
            throw new StackConfigException(display, [new ConfigProblem("stack",
                $"'{stack}' has no stack file: {display} does not exist (create it with: {Hint($"pmctl init {stack} --level <n> --target existing|azure", stacksDirOption)})")]);
        }
        var text = StackFile.ReadText(path, stack, display);
        var raw = StackFile.Parse(text, stack, display);
        return new LoadedStack(raw, PlatformConfigParser.ParseOrThrow(raw, display), path, display, text);
    }

    /// <summary>
    /// Why a stack file looks missing when its folder is the cause: "does not exist" would be wrong for a folder
    /// that is a file, or one the user may not read (lstat inside it fails the same way as for a missing file).
    /// </summary>
    private static string? FolderProblem(string folder)
    {
        var kind = UnixFile.Stat(folder).Kind;
        if (FileErrors.DanglingLink(folder) is { } dangling)
            return dangling;
        if (kind == FileKind.Missing)
            return null;
        if (kind != FileKind.Directory)
            return $"is {UnixFile.Describe(kind)}, not a folder";
        try
        {
            using var entries = Directory.EnumerateFileSystemEntries(folder).GetEnumerator();
            entries.MoveNext();
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return "is a folder you may not read (permission denied)";
        }
    }

    /// <summary>A pmctl command to suggest, with the --stacks-dir the user gave so it works when copied.</summary>
    public static string Hint(string command, string? stacksDirOption) =>
        stacksDirOption is null || !command.StartsWith("pmctl ", StringComparison.Ordinal) ? command : $"{command} --stacks-dir {stacksDirOption}";

    /// <summary>A path as messages show it: relative when it is under the working folder, else absolute.</summary>
    public static string Relative(CliIO io, string path)
    {
        var relative = Path.GetRelativePath(io.WorkingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFullPath(path) : relative;
    }

    private static string? StackConfigDir(CliIO io, string projectFile)
    {
        var display = Relative(io, projectFile);
        var text = "";
        try
        {
            text = InputFile.ReadText(projectFile, display, "project file", InputLimits.ProjectFileBytes);
            var yaml = SafeYaml.Load(text);
            var rootNode = yaml.Documents.FirstOrDefault()?.RootNode;
            if (rootNode is null or YamlScalarNode { Value: null or "" })
                return null;
            if (rootNode is not YamlMappingNode root)
                throw new UserError($"{display}: line {rootNode.Start.Line}: the project file must be a mapping (name:, runtime:, stackConfigDir: ...)");
            if (!root.Children.TryGetValue(new YamlScalarNode("stackConfigDir"), out var value))
                return null;
            // A stackConfigDir pmctl cannot use is refused, never replaced by ./stacks: that would read (and
            // upgrade would write) a different stack file than pulumi uses.
            if (value is not YamlScalarNode { Value: var dir })
                throw new UserError($"{display}: line {value.Start.Line}: stackConfigDir must be a folder name, not a {(value is YamlSequenceNode ? "sequence" : "mapping")}");
            if (string.IsNullOrEmpty(dir))
                return null;
            if (dir.IndexOfAny(['\0', '\n', '\r']) >= 0 || dir.Length > InputLimits.PathChars)
                throw new UserError($"{display}: line {value.Start.Line}: stackConfigDir '{Text.Redaction.Echo(dir)}' is not a usable folder name (control characters, or over {InputLimits.PathChars} characters)");
            return dir;
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new UserError($"{display}: {SafeYaml.Describe(e, text)}");
        }
    }
}

/// <summary>A stack read from its file: the raw config (for plans and edits), the validated config, and where it lives.</summary>
/// <param name="Text">The file's text that <paramref name="Raw"/> was read from (edits apply to it).</param>
public sealed record LoadedStack(RawConfig Raw, PlatformConfig Config, string Path, string Display, string Text);
