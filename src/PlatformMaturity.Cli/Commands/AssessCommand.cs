using System.CommandLine;
using PlatformMaturity.Assess;
using PlatformMaturity.Assess.Live;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Cli.Output;
using PlatformMaturity.Cli.Views;
using PlatformMaturity.Config;

namespace PlatformMaturity.Cli.Commands;

/// <summary>
/// `pmctl assess (--snapshot PATH | --kubeconfig PATH [--context NAME])`: where an existing cluster stands against
/// the model, from what the cluster shows, and the shortest way to the next level.
/// </summary>
internal static class AssessCommand
{
    public static Command Create(CliIO io)
    {
        var snapshot = new Option<string>("--snapshot") { Description = "A `kubectl get … -o yaml|json` file or a folder of them (README: making a snapshot); read offline", HelpName = "path" };
        var kubeconfig = new Option<string>("--kubeconfig") { Description = "Read the cluster live with this kubeconfig (get/list only; exec plugins such as kubelogin work)", HelpName = "path" };
        var context = new Option<string>("--context") { Description = "The kubeconfig context (default: its current context)", HelpName = "name" };
        var environment = Choices.OneOf("--environment", "What the cluster is, nonprod or prod: no object shows it, and practices that belong to non-production clusters (chaos experiments) are judged by it", ConfigNames.Environments);
        var output = OutputOption.Create(OutputFormat.Text, OutputFormat.Json, OutputFormat.Markdown, OutputFormat.Html);
        var command = new Command("assess", "Assess an existing cluster against the maturity model: level reached, verdict per practice with evidence, the gap to the next level")
        {
            snapshot, kubeconfig, context, environment, output,
        };
        command.Validators.Add(result =>
        {
            var hasSnapshot = result.GetResult(snapshot) is not null;
            var hasKubeconfig = result.GetResult(kubeconfig) is not null;
            if (hasSnapshot == hasKubeconfig)
                result.AddError("give exactly one of --snapshot PATH or --kubeconfig PATH");
            if (hasSnapshot && result.GetResult(context) is not null)
                result.AddError("--context goes with --kubeconfig, not --snapshot");
        });
        command.SetAction(parse =>
        {
            ClusterSnapshot cluster;
            if (parse.GetValue(snapshot) is { } path)
            {
                var full = Path.GetFullPath(path, io.WorkingDirectory);
                if (!File.Exists(full) && !Directory.Exists(full))
                    throw new UserError($"{path}: does not exist");
                cluster = SnapshotReader.Read(full, path);
                // Partly readable input is assessed with warnings; input with no object at all would read as a bare
                // cluster "below Level 1", a verdict on nothing.
                if (cluster.ObjectsRead == 0)
                {
                    var why = cluster.Problems.Count == 0 ? "it holds no object" : $"{cluster.Problems[0].Where}: {cluster.Problems[0].Message}";
                    throw new UserError($"{path}: no Kubernetes object could be read ({why}); give the output of kubectl get … -o yaml (README: making a snapshot)");
                }
            }
            else
            {
                cluster = LiveReader.ReadAsync(Path.GetFullPath(parse.GetValue(kubeconfig)!, io.WorkingDirectory), parse.GetValue(context)).GetAwaiter().GetResult();
            }
            EnvironmentKind? declared = parse.GetValue(environment) is { } env && ConfigNames.TryParseEnvironment(env, out var kind) ? kind : null;
            var assessment = Assessor.Default.Assess(cluster, environment: declared);
            switch (parse.GetValue(output))
            {
                case OutputFormat.Json:
                    Json.Write(io.Out, assessment);
                    break;
                case OutputFormat.Markdown:
                    io.Out.Write(AssessView.Markdown(assessment));
                    break;
                case OutputFormat.Html:
                    io.Out.Write(AssessHtml.Page(assessment));
                    break;
                default:
                    io.Out.Write(AssessView.Text(assessment));
                    break;
            }
            // Problems go to stderr too, so a pipeline that keeps only stdout still tells the user the input was partial.
            foreach (var problem in assessment.Problems)
                io.Error.WriteLine($"warning: {problem.Where}: {problem.Message}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
