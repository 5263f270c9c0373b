using System.CommandLine;
using PlatformMaturity.Cli.Output;
using PlatformMaturity.Cli.Stacks;
using PlatformMaturity.Files;
using PlatformMaturity.GoldenPaths.Promotion;

namespace PlatformMaturity.Cli.Commands;

/// <summary>
/// `pmctl app promote`: Extended Delivery Processes' promotion through Git. Copies the image reference one environment's folder
/// runs into the next environment's kustomization.yaml (and the change record's commit annotations), shows the diff, and
/// writes it atomically under a lock; any refusal leaves every file as it was. Committing and the pull request stay the
/// team's: the review is the approval, and Argo CD syncs the merge (a prod stack only inside its sync windows).
/// </summary>
internal static class AppPromoteCommand
{
    public static Command Create(CliIO io)
    {
        var appDir = new Argument<string>("app-dir") { Description = "The folder holding one folder per environment of the app, each written by pmctl app new --out <app-dir>/<environment>" };
        var from = new Option<string>("--from") { Description = "The environment whose image is promoted (a folder of app-dir)", Required = true, HelpName = "environment" };
        var to = new Option<string>("--to") { Description = "The environment that gets it", Required = true, HelpName = "environment" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the change; write nothing" };
        var command = new Command("promote", "Promote an app between environments: the exact image (tag and digest) --from runs goes into --to's kustomization.yaml")
        {
            appDir, from, to, dryRun,
        };
        command.SetAction(parse => Execute(io, parse.GetValue(appDir)!, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(dryRun)));
        return command;
    }

    private static int Execute(CliIO io, string appDir, string from, string to, bool dryRun)
    {
        var directory = Path.TrimEndingDirectorySeparator(io.FullPath(appDir));
        var shown = StackLocator.Relative(io, directory);
        var plan = AppPromotion.Plan(directory, shown, from, to);
        var target = $"{shown}/{to}/{AppPromotion.Kustomization}";

        io.Out.WriteLine($"Promote {plan.App} from {from} to {to}:");
        foreach (var (before, after) in plan.Images)
            io.Out.WriteLine($"  image {after.Name}: {before.Reference} -> {after.Reference}");
        foreach (var (key, before, after) in plan.Annotations)
            io.Out.WriteLine($"  change record {key}: {before ?? "(none)"} -> {after ?? "(removed)"}");
        io.Out.WriteLine($"--- {target}");
        io.Out.WriteLine($"+++ {target} (promoted)");
        foreach (var line in LineDiff.Of(plan.Original, plan.Updated))
            io.Out.WriteLine(line);

        if (dryRun)
        {
            io.Out.WriteLine("Dry run: nothing was written.");
            return ExitCodes.Ok;
        }
        AtomicFile.CheckReplaceable(plan.TargetFile, target);
        using (StackLock.Acquire(plan.TargetFile, io.Clock, note => io.Error.WriteLine($"note: {note}")))
        {
            if (InputFile.ReadText(plan.TargetFile, target, "kustomization", InputLimits.ProjectFileBytes) != plan.Original)
                throw new UserError($"{target} changed while the promotion was being prepared; nothing was written — run the command again");
            AtomicFile.Write(plan.TargetFile, UpgradeCommand.KeepByteOrderMark(plan.TargetFile, target, plan.Updated), target);
        }
        io.Out.WriteLine($"Promoted: {target} runs {string.Join(", ", plan.Images.Select(i => i.After.Reference))}.");
        io.Out.WriteLine($"Next: commit it, open a pull request (its review is the approval) and merge; Argo CD syncs {to} (a prod stack only inside platform:gitops.syncWindows).");
        return ExitCodes.Ok;
    }
}
