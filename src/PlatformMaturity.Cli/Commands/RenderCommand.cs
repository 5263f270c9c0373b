using PlatformMaturity.Text;
using System.CommandLine;
using PlatformMaturity.Cli.Output;
using PlatformMaturity.Cli.Stacks;
using PlatformMaturity.Composition;
using PlatformMaturity.Graph;
using PlatformMaturity.Rendering;

namespace PlatformMaturity.Cli.Commands;

/// <summary>`pmctl render &lt;stack&gt; --out DIR`: the graph's Kubernetes objects and Helm releases as a kustomize-ready tree.</summary>
internal static class RenderCommand
{
    public static Command Create(CliIO io)
    {
        var stack = StackLocator.StackArgument();
        var stacksDir = StackLocator.Option();
        var outDir = new Option<string>("--out") { Description = "Output folder (created; replaced if an earlier render wrote it)", HelpName = "dir" };
        var gitopsDir = new Option<string>("--gitops")
        {
            Description = "Write the Git-ready tree Argo CD syncs (Level 4+, platform:gitops.repoUrl set) into this folder: commit it at platform:gitops.path",
            HelpName = "dir",
        };
        var command = new Command("render", "Render a stack's Kubernetes objects and Helm releases into a folder (kubectl kustomize DIR builds it)")
        {
            stack, stacksDir, outDir, gitopsDir,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(outDir) is null && result.GetValue(gitopsDir) is null)
                result.AddError("render needs --out DIR, --gitops DIR or both");
        });
        command.SetAction(parse =>
        {
            var config = StackLocator.Load(io, parse.GetValue(stack)!, parse.GetValue(stacksDir)).Config;
            var graph = Composer.Default.Compose(config);
            if (parse.GetValue(gitopsDir) is { } gitops)
            {
                if (!GitOps.GitOpsDelivery.HandsOver(graph))
                    throw new UserError(config.Level < 4
                        ? $"{config.Stack} is at Level {config.Level}: GitOps Platform Management starts at Level 4 (pmctl plan {config.Stack} --to 4)"
                        : $"{config.Stack} hands nothing over to Argo CD yet: set {Config.ConfigKeys.GitOps.FullName}.repoUrl (the repository Argo CD syncs) in its stack file");
                var tree = GitOps.GitOpsTree.Render(graph);
                var target = io.FullPath(gitops);
                foreach (var note in RenderedTreeWriter.Write(tree, target, StackLocator.Relative(io, target)))
                    io.Error.WriteLine($"note: {note}");
                io.Out.WriteLine($"Wrote the GitOps tree of {Counted.Of(GitOps.GitOpsDelivery.ArgoCdComponents(graph).Count(), "component")} into {StackLocator.Relative(io, target)} ({Counted.Of(tree.Length, "file")}); commit it at {config.GitOps.Path} of {config.GitOps.RepoUrl}.");
                if (parse.GetValue(outDir) is null)
                    return ExitCodes.Ok;
            }
            var files = ManifestRenderer.Render(graph);
            var output = io.FullPath(parse.GetValue(outDir)!);
            foreach (var note in RenderedTreeWriter.Write(files, output, StackLocator.Relative(io, output)))
                io.Error.WriteLine($"note: {note}");

            var objects = graph.Resources.OfType<KubernetesResource>().Count();
            var releases = graph.Resources.OfType<HelmRelease>().Count();
            io.Out.WriteLine($"Rendered {Counted.Of(objects, "Kubernetes object")} and {Counted.Of(releases, "Helm release")} of {Counted.Of(graph.Components.Length, "component")} into {StackLocator.Relative(io, output)} ({Counted.Of(files.Length, "file")}).");
            io.Out.WriteLine($"Build the manifests with: kubectl kustomize {StackLocator.Relative(io, output)}");
            ReportAbsentPractices(io, graph);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Says which practices of the level produced nothing, and why, so an empty part is never silent.</summary>
    internal static void ReportAbsentPractices(CliIO io, PlatformGraph graph)
    {
        foreach (var practice in graph.Practices.Where(p => p.State != PracticeState.Implemented))
            io.Error.WriteLine($"note: {practice.Practice}: {(practice.State == PracticeState.NotApplicable ? "not applicable: " : "")}{practice.Detail}");
    }
}
