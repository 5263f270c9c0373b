using PlatformMaturity.Text;
using System.CommandLine;
using PlatformMaturity.Cli.Output;
using PlatformMaturity.Cli.Stacks;
using PlatformMaturity.Cli.Views;
using PlatformMaturity.Composition;
using PlatformMaturity.Config;
using PlatformMaturity.Graph;
using Spectre.Console;

namespace PlatformMaturity.Cli.Commands;

/// <summary>`pmctl status &lt;stack&gt;`: level, target, the practices in effect and what implements them, config problems.</summary>
internal static class StatusCommand
{
    public static Command Create(CliIO io)
    {
        var stack = StackLocator.StackArgument();
        var stacksDir = StackLocator.Option();
        var output = OutputOption.Create(OutputFormat.Text, OutputFormat.Json);
        var command = new Command("status", "Show a stack's level, target, practices in effect and config problems") { stack, stacksDir, output };
        command.SetAction(parse =>
        {
            LoadedStack loaded;
            try
            {
                loaded = StackLocator.Load(io, parse.GetValue(stack)!, parse.GetValue(stacksDir));
            }
            catch (StackConfigException e) when (parse.GetValue(output) == OutputFormat.Json)
            {
                // Machines get the problems as JSON too; people get them on stderr, as for every command.
                Json.Write(io.Out, new StackProblems(parse.GetValue(stack)!, e.Origin, [.. e.Problems]));
                throw;
            }
            var graph = Composer.Default.Compose(loaded.Config);
            var status = StackStatus.Of(graph, loaded.Display, Composer.Default.Model, NextLevel.Of(loaded, graph));
            if (parse.GetValue(output) == OutputFormat.Json)
                Json.Write(io.Out, status);
            else
            {
                WriteText(io, status, parse.GetValue(stacksDir));
                WriteAvailability(io, graph);
            }
            foreach (var warning in status.Warnings)
                io.Error.WriteLine($"warning: {warning.Message}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(CliIO io, StackStatus status, string? stacksDirOption)
    {
        io.Out.WriteLine($"Stack {status.Stack} ({status.File})");
        io.Out.WriteLine($"Level {status.Level} - {status.LevelName}; target {status.Target}; environment {status.Environment}");
        var implemented = status.Practices.Count(p => p.State == PracticeState.Implemented);
        var notApplicable = status.Practices.Count(p => p.State == PracticeState.NotApplicable);
        var missing = status.Practices.Count(p => p.State == PracticeState.NotImplementedYet);
        io.Out.WriteLine($"Practices in effect: {status.Practices.Count} ({implemented} implemented, {notApplicable} not applicable, {missing} not implemented yet)");

        var table = new Table().AddColumn("Category").AddColumn("Practice").AddColumn("State").AddColumn("What implements it");
        foreach (var practice in status.Practices)
        {
            table.AddRow(
                Markup.Escape(string.Join(", ", practice.Categories)),
                Markup.Escape(practice.Practice + (practice.Carried ? " (carried)" : "")),
                Markup.Escape(State(practice.State) + (practice.Staged.Count == 0 ? "" : $", staged: {string.Join(", ", practice.Staged)}")),
                Markup.Escape(practice.Detail));
        }
        io.Console.Write(table);
        if (status.Controls.Count > 0)
        {
            var staged = status.Controls.Count(c => c.State == ControlState.Staged);
            io.Out.WriteLine($"Enforcing controls: {status.Controls.Count} ({staged} staged, {status.Controls.Count - staged} enforced)");
            foreach (var control in status.Controls)
                io.Out.WriteLine($"  {control.Id}: {(control.State == ControlState.Staged ? "staged" : "enforced")} - {control.Effect}");
            if (staged > 0)
                io.Out.WriteLine($"  enforce the staged controls: {StackLocator.Hint($"pmctl upgrade {status.Stack} --promote", stacksDirOption)}");
        }
        if (status.Objectives.Count > 0)
        {
            io.Out.WriteLine($"Service level objectives (Sloth, burn-rate alerts; over {status.Objectives[0].Period}): {status.Objectives.Count}");
            foreach (var slo in status.Objectives)
                io.Out.WriteLine(FormattableString.Invariant($"  {slo.Service}/{slo.Name}: {slo.Objective}% (error budget {slo.ErrorBudgetPercent}%) - {slo.Description}"));
        }
        if (status.Fleet is { } fleet)
        {
            io.Out.WriteLine($"Fleet: {Counted.Of(fleet.Members.Length, "member")}" + (fleet.FleetManager is { } manager ? $" in Azure Kubernetes Fleet Manager {manager}" : " (kubeconfig contexts)") +
                "; Argo CD hub on " + fleet.Members.First(m => m.Hub).Name);
            foreach (var m in fleet.Members)
                io.Out.WriteLine($"  {m.Name}{(m.Hub ? " (hub)" : "")}: {(m.AksCluster is { } aks ? $"AKS {aks}" : $"context {m.KubeContext ?? "(current)"}")}" +
                    (m.Region is { } region ? $", region {region}" : "") + (m.UpdateGroup is { } group ? $", update group {group}" : "") +
                    (m.Capabilities.IsEmpty ? "" : $", capabilities {string.Join(", ", m.Capabilities)}") +
                    $"; {(m.Hub ? "Argo CD hub, joins itself" : "joins the hub")} with labels {string.Join(", ", m.Labels.Select(l => $"{l.Key}={l.Value}"))}");
            if (!fleet.UpgradeStages.IsEmpty)
                io.Out.WriteLine($"  upgrades (update run to {fleet.UpdateRunVersion}): {string.Join(" → ", fleet.UpgradeStages)}");
        }
        var r = status.Resources;
        io.Out.WriteLine($"Graph: {Counted.Of(r.Components, "component")}, {Counted.Of(r.KubernetesObjects, "Kubernetes object")}, {Counted.Of(r.Secrets, "secret")} from stack config, " +
            $"{Counted.Of(r.HelmReleases, "Helm release")}, {Counted.Of(r.AzureResources, "Azure resource")}, {Counted.Of(r.ContributedSettings, "contributed setting")}");
        io.Out.WriteLine($"Cost (rough, monthly list prices): ${status.Cost.MonthlyUsd}" +
            (status.Cost.Lines.Count == 0 ? "" : $" = {string.Join(" + ", status.Cost.Lines.Select(l => $"{l.Item} ${l.MonthlyUsd}"))}") +
            (status.Cost.NotPriced.Count == 0 ? "" : $"; not priced: {string.Join("; ", status.Cost.NotPriced)}"));
        io.Out.WriteLine(status.Warnings.Count == 0 ? "Config problems: none" : $"Warnings: {status.Warnings.Count} (on stderr)");
        if (status.Next is { } next)
        {
            io.Out.WriteLine($"Next level: {next.Level} - {next.Name}: {next.Summary}");
            foreach (var gate in next.OpenGates)
                io.Out.WriteLine($"  open gate: {gate.Kind.ToString().ToLowerInvariant()} {gate.Id}: {StackLocator.Hint(gate.HowToClose, stacksDirOption)}");
            io.Out.WriteLine($"  details: {StackLocator.Hint($"pmctl plan {status.Stack} --to {next.Level}", stacksDirOption)}");
        }
        if (status.MissingSecrets.Count > 0)
        {
            // Offline commands work without them; pulumi up cannot create the Secrets they fill.
            io.Out.WriteLine($"Secrets to set before pulumi up ({status.MissingSecrets.Count}; pmctl init cannot encrypt them):");
            foreach (var secret in status.MissingSecrets)
                io.Out.WriteLine($"  {secret.Key}: {secret.Description}\n    {secret.Command}");
        }
    }

    /// <summary>The topology's computed availability against the level's target, with the arithmetic (levels with a target only).</summary>
    internal static void WriteAvailability(CliIO io, PlatformGraph graph)
    {
        if (Planning.AvailabilityModel.TargetFor(Composer.Default.Model, graph.Config.Level) is not { } target)
            return;
        var estimate = Planning.AvailabilityModel.Estimate(graph, target);
        io.Out.WriteLine($"Availability (target {Planning.AvailabilityEstimate.Percent(target)}):");
        foreach (var line in estimate.Arithmetic)
            io.Out.WriteLine($"  {line}");
    }

    internal static string State(PracticeState state) => state switch
    {
        PracticeState.Implemented => "implemented",
        PracticeState.NotApplicable => "not applicable",
        _ => "not implemented yet",
    };
}
