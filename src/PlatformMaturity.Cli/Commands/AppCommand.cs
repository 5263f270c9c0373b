using System.CommandLine;
using PlatformMaturity.Cli.Stacks;
using PlatformMaturity.Cli.Templates;
using PlatformMaturity.GoldenPaths;
using PlatformMaturity.GoldenPaths.Output;
using PlatformMaturity.GoldenPaths.Rendering;

namespace PlatformMaturity.Cli.Commands;

/// <summary>`pmctl app new` (and `app promote`, in its own file): scaffold an application's deployable files from a golden path, for the level of the stack it lands on.</summary>
internal static class AppCommand
{
    public static Command Create(CliIO io) => new("app", "Applications on the platform") { New(io), AppPromoteCommand.Create(io) };

    private static Command New(CliIO io)
    {
        var name = new Argument<string>("name") { Description = "The app's name: lowercase letters, digits and '-', starting with a letter (at most 40)" };
        var template = new Option<string>("--template") { Description = "The golden path (see pmctl templates)", Required = true, HelpName = "golden-path" };
        var stack = new Option<string>("--stack") { Description = "The stack the app lands on; its level decides what is rendered", Required = true, HelpName = "stack" };
        var outDir = new Option<string>("--out") { Description = "Folder to write into (the root of the app's repository)", Required = true, HelpName = "dir" };
        var sets = new Option<string[]>("--set") { Description = "A parameter of the golden path as key=value (repeat for more)", HelpName = "key=value" };
        var team = new Option<string?>("--team") { Description = "The tenant that owns the app (required from Level 2)", HelpName = "tenant" };
        var force = new Option<bool>("--force") { Description = "Overwrite files that already exist with other content" };
        var repoRoot = new Option<string?>("--repo-root") { Description = "The app repository's root, where the CI workflow goes (.github/workflows); default: the Git repository --out is in", HelpName = "dir" };
        var templateDir = TemplateLocator.Option();
        var stacksDir = StackLocator.Option();

        var command = new Command("new", "Scaffold an app from a golden path for its stack's level: Kubernetes objects (kubectl kustomize DIR), CI, GitOps and catalog files")
        {
            name, template, stack, outDir, sets, team, force, repoRoot, templateDir, stacksDir,
        };
        command.SetAction(parse =>
        {
            foreach (var set in parse.GetValue(sets) ?? [])
            {
                if (set.Length > Files.InputLimits.ValueChars)
                    throw new UserError($"--set {Text.Redaction.Echo(set.Split('=')[0])}=…: {set.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters, over the limit of {Files.InputLimits.ValueChars.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} for a value. Nothing was written.");
            }
            var config = StackLocator.Load(io, parse.GetValue(stack)!, parse.GetValue(stacksDir)).Config;
            var directory = TemplateLocator.TemplatesDirectory(io, parse.GetValue(templateDir));
            var catalog = TemplateLocator.Load(io, parse.GetValue(templateDir), writes: true);
            // What the app gets follows the practices the stack's platform graph implements, not only its level.
            var platform = PlatformContext.Of(config);
            var request = new AppRequest(parse.GetValue(name)!, parse.GetValue(template)!, parse.GetValue(team), parse.GetValue(sets) ?? []);
            var output = Path.TrimEndingDirectorySeparator(io.FullPath(parse.GetValue(outDir)!));
            if (Files.GitFolder.Contains(output))
                throw new UserError($"--out {Text.Redaction.Echo(parse.GetValue(outDir)!)} is inside a .git folder (as spelled or through a symbolic link); Git runs what its folder holds (hooks, config), so pmctl never writes there. Nothing was written.");
            // A templates/ folder found beside an ancestor's Pulumi.yaml replaces the shipped golden paths: never silently.
            if (parse.GetValue(templateDir) is null && directory != TemplateLocator.Shipped)
                io.Error.WriteLine($"note: using the golden paths in {StackLocator.Relative(io, directory)} (beside {StackLocator.Relative(io, Path.Combine(Path.GetDirectoryName(directory)!, "Pulumi.yaml"))}); pass --template-dir to choose others");

            var (repository, folder, guessed) = Repository(io, output, parse.GetValue(outDir)!, parse.GetValue(repoRoot));

            RenderedApp app;
            IReadOnlyList<WrittenFile> written;
            try
            {
                app = FirstEnvironmentOnly(io, GoldenPathRenderer.Render(request, catalog, platform, folder), repository, folder);
                written = AppWriter.Write(app, output, parse.GetValue(force), message => io.Error.WriteLine($"note: {message}"), repository);
            }
            catch (GoldenPathInputException e)
            {
                throw TemplateLocator.Invalid(e);
            }
            catch (TemplateDefinitionException e)
            {
                throw TemplateLocator.Broken(io, directory, e);
            }

            Report(io, app, platform, written, output, repository);
            if (guessed && app.Files.Any(f => RepositoryFiles.AtRepositoryRoot(f.Path)))
                io.Error.WriteLine($"note: {StackLocator.Relative(io, output)} is not inside a Git repository, so pmctl took it as the repository's root (the CI workflow went to its .github/workflows, which GitHub reads only at the root); " +
                    "for one folder per environment (--out deploy/<env>), run inside the app's repository or pass --repo-root");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The app repository's root and --out's folder in it: --repo-root, else the Git repository --out is in. Outside any
    /// repository --out is taken as the root, as before, and the command says so: GitHub reads workflows only at the root.
    /// </summary>
    private static (string Root, string Folder, bool Guessed) Repository(CliIO io, string output, string outSpelled, string? repoRoot)
    {
        string root;
        if (repoRoot is not null)
        {
            root = Path.TrimEndingDirectorySeparator(io.FullPath(repoRoot));
            if (!Directory.Exists(root))
                throw new UserError($"--repo-root {Text.Redaction.Echo(repoRoot)} is not a folder; give the root of the app's repository. Nothing was written.");
        }
        else if (RepositoryFiles.GitRoot(output) is { } git)
        {
            root = git;
        }
        else
        {
            return (output, RepositoryFiles.RootFolder, Guessed: true);
        }
        if (RepositoryFiles.FolderOf(root, output) is not { } folder)
            throw new UserError($"--out {Text.Redaction.Echo(outSpelled)} is not inside the repository {StackLocator.Relative(io, root)}: the CI workflow at the repository's root deploys a folder of that repository. Nothing was written.");
        if (folder != RepositoryFiles.RootFolder && OutputPaths.Problem(folder) is { } problem)
            throw new UserError($"--out {Text.Redaction.Echo(outSpelled)}: its folder in the repository, '{Text.Redaction.Echo(folder)}', {problem}; the CI workflow and Argo CD name it. Nothing was written.");
        return (root, folder, Guessed: false);
    }

    /// <summary>
    /// One CI workflow and one catalog entry per app at the repository's root: the workflow builds the image and deploys
    /// the first environment written. When the workflow there is already pmctl's for another folder of the repository,
    /// this environment is a later one: the repository files are left as they are and the environment gets new versions
    /// through pmctl app promote.
    /// </summary>
    private static RenderedApp FirstEnvironmentOnly(CliIO io, RenderedApp app, string repository, string folder)
    {
        if (folder == RepositoryFiles.RootFolder)
            return app;
        string? first = null;
        foreach (var file in app.Files.Where(f => RepositoryFiles.AtRepositoryRoot(f.Path) && RepositoryFiles.IsWorkflow(f.Path)))
        {
            var full = OutputPaths.Resolve(repository, file.Path);
            if (!File.Exists(full) || new FileInfo(full).LinkTarget is not null)
                continue;
            var existing = Files.InputFile.ReadText(full, file.Path, "CI workflow", Files.InputLimits.ProjectFileBytes);
            if (RepositoryFiles.DeployedFolder(existing) is { } deployed && deployed != folder)
                first = deployed;
        }
        if (first is null)
            return app;
        var kept = app.Files.Where(f => RepositoryFiles.AtRepositoryRoot(f.Path)).ToList();
        var parent = Path.GetDirectoryName(folder.Replace('/', Path.DirectorySeparatorChar))?.Replace(Path.DirectorySeparatorChar, '/');
        var promote = parent is { Length: > 0 } && Path.GetDirectoryName(first.Replace('/', Path.DirectorySeparatorChar))?.Replace(Path.DirectorySeparatorChar, '/') == parent
            ? $"pmctl app promote {parent} --from {first[(parent.Length + 1)..]} --to {folder[(parent.Length + 1)..]}"
            : "pmctl app promote";
        foreach (var file in kept)
            io.Error.WriteLine(RepositoryFiles.IsWorkflow(file.Path)
                ? $"note: {file.Path} (at the repository's root) builds {app.Name} and deploys it to {first}, the first environment; it is left as it is, and {folder} gets new versions through {promote}"
                : $"note: {file.Path} (at the repository's root) is {app.Name}'s one catalog entry for all its environments, written with {first}; it is left as it is");
        return app with { Files = [.. app.Files.Except(kept)] };
    }

    private static void Report(CliIO io, RenderedApp app, PlatformContext platform, IReadOnlyList<WrittenFile> written, string output, string repository)
    {
        var shown = StackLocator.Relative(io, output);
        io.Out.WriteLine($"Scaffolded {app.Name} from golden path {app.GoldenPath} for {platform.Level.Title} (stack {platform.Config.Stack}) into {shown}:");
        var practices = app.Files.ToDictionary(f => f.Path, f => string.Join(", ", f.Practices), StringComparer.Ordinal);
        // Files at the repository's root are shown from there (relative to the output folder they would read ../../.github/...).
        written = [.. written.Select(w => w.AtRepositoryRoot ? w with { Path = StackLocator.Relative(io, Path.Combine(repository, w.Path)) } : w)];
        practices = written.Zip(app.Files).Where(z => z.First.AtRepositoryRoot).Aggregate(practices, (map, z) => { map[z.First.Path] = map[z.Second.Path]; return map; });
        var width = written.Max(w => w.Path.Length);
        foreach (var file in written)
        {
            var detail = file.Outcome switch
            {
                WriteOutcome.Removed => $"written by an earlier pmctl app new, not produced now{(file.EditedSince ? " (it had been edited since)" : "")}",
                WriteOutcome.Kept => $"written by an earlier pmctl app new, not produced now{(file.EditedSince ? " (edited since)" : "")}: --force removes it",
                _ => practices.GetValueOrDefault(file.Path, ""),
            };
            io.Out.WriteLine($"  {file.Outcome.ToString().ToLowerInvariant(),-11} {file.Path.PadRight(width)}  {detail}".TrimEnd());
        }
        io.Out.WriteLine($"Build the Kubernetes objects with: kubectl kustomize {shown}");
        ReportGaps(io, app, platform);
        if (!platform.InEffect("Golden Paths"))
            io.Error.WriteLine($"note: Level {platform.Level.Number} has no Golden Paths practice: golden paths become the platform's standard at Level {platform.FirstLevelOf("Golden Paths")}. " +
                "These files follow this level's practices as a starting point, not a standard the platform enforces.");
        foreach (var note in app.Notes)
            io.Error.WriteLine($"note: {note}");
    }

    /// <summary>Practices of the level the golden path would use but the platform does not provide: never left unsaid.</summary>
    private static void ReportGaps(CliIO io, RenderedApp app, PlatformContext platform)
    {
        var missing = platform.PracticesInEffect.Count - platform.PracticesProvided.Count;
        if (app.Gaps.Length > 0)
        {
            io.Out.WriteLine($"Not provided by stack {platform.Config.Stack} (also in PLATFORM.md):");
            foreach (var gap in app.Gaps)
                io.Out.WriteLine($"  - {gap.Sentence}");
        }
        if (missing > app.Gaps.Length)
            io.Out.WriteLine($"pmctl status {platform.Config.Stack} lists the {missing} practices of Level {platform.Level.Number} the platform does not provide.");
    }
}
