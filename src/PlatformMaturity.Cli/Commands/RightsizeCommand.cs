using System.CommandLine;
using System.Globalization;
using PlatformMaturity.Assess.Rightsizing;
using PlatformMaturity.Assess.Snapshot;
using PlatformMaturity.Cli.Output;
using Spectre.Console;

namespace PlatformMaturity.Cli.Commands;

/// <summary>
/// `pmctl rightsize (--snapshot PATH | --kubeconfig PATH [--context NAME])`: the VerticalPodAutoscalers'
/// recommendations beside the requests they would replace, per tenant, namespace, workload and container, priced.
/// </summary>
internal static class RightsizeCommand
{
    public static Command Create(CliIO io)
    {
        var source = new ClusterSource();
        var output = OutputOption.Create(OutputFormat.Text, OutputFormat.Json);
        var command = new Command("rightsize", "Right-sizing report from VPA recommendations: current request, recommended target, delta and monthly cost delta per tenant, namespace, workload and container");
        source.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var cluster = source.Read(parse, io);
            var coverage = cluster.Coverage(Kinds.VerticalPodAutoscaler);
            if (coverage.State == CoverageState.Unknown)
                throw new UserError($"{cluster.Source}: VerticalPodAutoscalers could not be read ({coverage.Reason}); the report needs them");
            if (cluster.Of(Kinds.VerticalPodAutoscaler).Count == 0)
                throw new UserError($"{cluster.Source}: no VerticalPodAutoscaler{(coverage.State == CoverageState.NotServed ? $" ({coverage.Reason})" : "")}. " +
                    "Recommendations come from the VPA recommender (Advanced Application Autoscaling, Level 3) and a VPA object per workload (Goldilocks creates them from Level 4); " +
                    "a snapshot must hold them: kubectl get verticalpodautoscalers -A -o yaml");
            var report = RightsizingReport.From(cluster);
            if (parse.GetValue(output) == OutputFormat.Json)
                Json.Write(io.Out, report);
            else
                WriteText(io, report);
            foreach (var problem in report.Problems)
                io.Error.WriteLine($"warning: {problem.Where}: {problem.Message}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(CliIO io, RightsizingReport report)
    {
        io.Out.WriteLine($"Right-sizing from VPA recommendations ({report.Source})");
        io.Out.WriteLine($"Priced at {Usd(report.CpuCoreMonthlyUsd)} per requested vCPU and {Usd(report.MemoryGiBMonthlyUsd)} per requested GiB a month (pay-as-you-go list prices, pmctl's cost model).");
        var table = new Table()
            .AddColumn("Tenant").AddColumn("Namespace").AddColumn("Workload").AddColumn("Container")
            .AddColumn("CPU request → target (Δ cores)").AddColumn("Memory → target (Δ GiB)").AddColumn(new TableColumn("$/month").RightAligned());
        foreach (var line in report.Lines)
        {
            table.AddRow(
                Markup.Escape(line.Tenant ?? "-"), Markup.Escape(line.Namespace), Markup.Escape(line.Workload + (line.Replicas is { } r ? $" ×{r}" : "")),
                Markup.Escape(line.Container), Markup.Escape(Change(line.Cpu)), Markup.Escape(Change(line.Memory)),
                Markup.Escape(line.MonthlyUsdDelta is { } usd ? Signed(usd) : "?"));
        }
        io.Console.Write(table);
        io.Out.WriteLine($"Moving every request to its target: {Signed(report.MonthlyUsdDelta)}/month (negative saves).");
        foreach (var line in report.Lines.Where(l => l.Note is not null))
            io.Out.WriteLine($"  {line.Namespace}/{line.Workload} {line.Container}: {line.Note}");
        if (report.WithoutRecommendation.Length > 0)
            io.Out.WriteLine($"No recommendation yet (the recommender needs some hours of usage): {string.Join(", ", report.WithoutRecommendation)}");
    }

    private static string Change(ResourceAdvice advice) =>
        $"{advice.Request ?? "none"} → {advice.Target ?? "?"} ({(advice.Delta is { } d ? (d >= 0 ? "+" : "") + d.ToString("0.###", CultureInfo.InvariantCulture) : "?")})";

    private static string Usd(decimal value) => "$" + value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Signed(decimal value) => (value >= 0 ? "+" : "-") + Usd(Math.Abs(value));
}
