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
        var templateDir = TemplateLocator.Option();
        var stacksDir = StackLocator.Option();

        var command = new Command("new", "Scaffold an app from a golden path for its stack's level: Kubernetes objects (kubectl kustomize DIR), CI, GitOps and catalog files")
        {
            name, template, stack, outDir, sets, team, force, templateDir, stacksDir,
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

            RenderedApp app;
            IReadOnlyList<WrittenFile> written;
            try
            {
                app = GoldenPathRenderer.Render(request, catalog, platform);
                written = AppWriter.Write(app, output, parse.GetValue(force), message => io.Error.WriteLine($"note: {message}"));
            }
            catch (GoldenPathInputException e)
            {
                throw TemplateLocator.Invalid(e);
            }
            catch (TemplateDefinitionException e)
            {
                throw TemplateLocator.Broken(io, directory, e);
            }

            Report(io, app, platform, written, output);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Report(CliIO io, RenderedApp app, PlatformContext platform, IReadOnlyList<WrittenFile> written, string output)
    {
        var shown = StackLocator.Relative(io, output);
        io.Out.WriteLine($"Scaffolded {app.Name} from golden path {app.GoldenPath} for {platform.Level.Title} (stack {platform.Config.Stack}) into {shown}:");
        var practices = app.Files.ToDictionary(f => f.Path, f => string.Join(", ", f.Practices), StringComparer.Ordinal);
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
