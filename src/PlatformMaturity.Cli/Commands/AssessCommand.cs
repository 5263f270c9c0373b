using System.CommandLine;
using PlatformMaturity.Assess;
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
        var source = new ClusterSource();
        var environment = Choices.OneOf("--environment", "What the cluster is, nonprod or prod: no object shows it, and practices that belong to non-production clusters (chaos experiments) are judged by it", ConfigNames.Environments);
        var output = OutputOption.Create(OutputFormat.Text, OutputFormat.Json, OutputFormat.Markdown, OutputFormat.Html);
        var command = new Command("assess", "Assess an existing cluster against the maturity model: level reached, verdict per practice with evidence, the gap to the next level");
        source.AddTo(command);
        command.Options.Add(environment);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var cluster = source.Read(parse, io);
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
